#!/usr/bin/env python3
"""Reads Avro values written with one schema as another schema, with fastavro.

Usage:
    resolve_with_fastavro.py WRITER.avsc READER.avsc VALUE.bin... [-- WRITER.avsc READER.avsc VALUE.bin...]...

Each VALUE.bin holds exactly one value in Avro binary, written with WRITER.avsc. For every
value file, in order, one line of JSON is printed: the value that
fastavro.schemaless_reader(file, writer, reader) returns, or {"error": "<exception>"} when
fastavro refuses it. Several writer/reader groups, separated by "--", are read in one run.

So that the output compares exactly, floats are written as {"float64": "<16 hex digits of
the IEEE-754 bits>"} and bytes (and fixed) as {"bytes": "<hex>"}. Records and maps are both
JSON objects; enum symbols are strings; union values are written without their branch.

Exits with status 2 when fastavro cannot be imported. Used by
Tests/AvroTests/Resolution/FastavroResolutionTests.swift.
"""
import io
import json
import struct
import sys

try:
    import fastavro
except ImportError:
    print("fastavro is not installed", file=sys.stderr)
    sys.exit(2)


def plain(value):
    """The value as JSON-ready data with exact floats and bytes."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return {"float64": struct.pack(">d", value).hex()}
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    raise TypeError("unexpected value from fastavro: %r" % (value,))


def load(path):
    with open(path, encoding="utf-8") as file:
        return fastavro.parse_schema(json.load(file))


def resolve(writer_path, reader_path, value_paths):
    writer, reader = load(writer_path), load(reader_path)
    for path in value_paths:
        with open(path, "rb") as file:
            data = io.BytesIO(file.read())
        try:
            result = plain(fastavro.schemaless_reader(data, writer, reader))
            if data.tell() != len(data.getvalue()):
                result = {"error": "%d bytes left over" % (len(data.getvalue()) - data.tell())}
        except Exception as error:  # any refusal counts; the type and message are reported
            result = {"error": "%s: %s" % (type(error).__name__, error)}
        print(json.dumps(result, ensure_ascii=False, separators=(",", ":")))


def main(arguments):
    groups, current = [], []
    for argument in arguments:
        if argument == "--":
            groups.append(current)
            current = []
        else:
            current.append(argument)
    groups.append(current)
    for group in groups:
        if len(group) < 2:
            print(__doc__, file=sys.stderr)
            return 1
        resolve(group[0], group[1], group[2:])
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
