#!/usr/bin/env python3
"""Reads values written by swift-avro with fastavro, to check derived schemas.

Usage: check_with_fastavro.py DIRECTORY

For every NAME.avsc in DIRECTORY (sorted by name), parses the schema with
fastavro.parse_schema, reads NAME.bin with fastavro.schemaless_reader (records of a
union come back as [record name, record]) and prints one line:

    NAME<TAB>the value as compact JSON with sorted keys

or NAME<TAB>ERROR: the reason. Bytes and fixed print as "hex:…", decimals as
"decimal:…", UUIDs as "uuid:…", dates and times in ISO 8601. Used by
DerivationFastavroTests.swift.
"""

import datetime
import decimal
import io
import json
import pathlib
import sys
import uuid

import fastavro


def extra_json(value):
    """The JSON form of the values json.dumps cannot write."""
    if isinstance(value, (bytes, bytearray)):
        return "hex:" + value.hex()
    if isinstance(value, decimal.Decimal):
        return "decimal:" + str(value)
    if isinstance(value, uuid.UUID):
        return "uuid:" + str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    raise TypeError(f"cannot print {type(value).__name__} {value!r}")


def read(schema_path):
    """The value in the .bin file beside schema_path, as JSON text."""
    with open(schema_path, encoding="utf-8") as text:
        schema = fastavro.parse_schema(json.load(text))
    data = schema_path.with_suffix(".bin").read_bytes()
    stream = io.BytesIO(data)
    value = fastavro.schemaless_reader(stream, schema, None, return_record_name=True)
    if stream.tell() != len(data):
        raise ValueError(f"read {stream.tell()} of {len(data)} bytes")
    return json.dumps(value, default=extra_json, sort_keys=True, separators=(",", ":"))


def main():
    for schema_path in sorted(pathlib.Path(sys.argv[1]).glob("*.avsc")):
        try:
            line = read(schema_path)
        except Exception as error:  # every failure is reported, per schema
            line = f"ERROR: {type(error).__name__}: {error}"
        print(f"{schema_path.stem}\t{line}")


if __name__ == "__main__":
    main()
