#!/usr/bin/env python3
"""Reads what swift-avro wrote with fastavro, and writes it back with fastavro.

Usage: echo_with_fastavro.py DIRECTORY

For every NAME.avsc in DIRECTORY (sorted by name): parses it with fastavro.parse_schema;
reads each NAME.N.bin with fastavro.schemaless_reader and writes the value back with
fastavro.schemaless_writer to NAME.N.back.bin; reads every record of the container file
NAME.avro with fastavro.reader and writes them back with fastavro.writer (deflate) to
NAME.back.avro. Records of unions are read as (name, record) tuples, which the writer
takes back as the same branch. Prints one line per NAME: "NAME<TAB>ok <records>" or
"NAME<TAB>ERROR: the reason". Used by AppModelGalleryTests.swift.
"""

import io
import pathlib
import sys

import fastavro


def echo(directory, name):
    schema = fastavro.parse_schema(fastavro.schema.load_schema(str(directory / f"{name}.avsc")))
    index = 0
    while (directory / f"{name}.{index}.bin").exists():
        data = (directory / f"{name}.{index}.bin").read_bytes()
        stream = io.BytesIO(data)
        value = fastavro.schemaless_reader(stream, schema, return_record_name=True)
        if stream.tell() != len(data):
            raise ValueError(f"datum {index}: {len(data) - stream.tell()} bytes left after the value")
        out = io.BytesIO()
        fastavro.schemaless_writer(out, schema, value)
        (directory / f"{name}.{index}.back.bin").write_bytes(out.getvalue())
        index += 1
    with open(directory / f"{name}.avro", "rb") as handle:
        records = list(fastavro.reader(handle, return_record_name=True))
    with open(directory / f"{name}.back.avro", "wb") as handle:
        fastavro.writer(handle, schema, records, codec="deflate")
    return len(records)


def main():
    directory = pathlib.Path(sys.argv[1])
    for path in sorted(directory.glob("*.avsc")):
        name = path.stem
        try:
            print(f"{name}\tok {echo(directory, name)}")
        except Exception as error:  # reported per model, so one failure does not hide others
            print(f"{name}\tERROR: {type(error).__name__}: {error}".replace("\n", " "))


if __name__ == "__main__":
    main()
