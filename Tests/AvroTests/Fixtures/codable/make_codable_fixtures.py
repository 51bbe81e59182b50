#!/usr/bin/env python3
"""Writes the fixtures of CodableFixtureTests.swift: for each case below, the schema as
<case>.avsc and each of its values, written by fastavro's schemaless_writer (the reference
implementation), as <case>.<index>.bin (raw Avro binary, no framing).

    pip install fastavro==1.13.1
    python3 Tests/AvroTests/Fixtures/codable/make_codable_fixtures.py

Values are described in JSON, the way the Avro JSON encoding writes them (a union value is
null or {"branch name": value}), with text for what JSON cannot hold: bytes and fixed as hex,
decimals as decimal strings, dates and times in ISO 8601, special floats as "NaN",
"Infinity" and "-Infinity". They are converted by the schema to the Python values fastavro
takes (datetime, Decimal, UUID…), so fastavro does the logical-type arithmetic itself.

fastavro 1.13 has no writer for timestamp-nanos, local-timestamp-nanos, uuid on fixed and
duration; for those the script computes the underlying long or fixed itself, with exact
integer arithmetic, as the spec defines them.

The output is deterministic; rerunning it rewrites the same files.
"""
import datetime
import decimal
import io
import json
import os
import struct
import uuid

from fastavro import parse_schema, schemaless_writer

HERE = os.path.dirname(os.path.abspath(__file__))

POINT = {"type": "record", "name": "Point", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int"}]}
SUIT = {"type": "enum", "name": "Suit", "symbols": ["HEARTS", "SPADES", "CLUBS", "DIAMONDS"]}

CASES = [
    # Primitives, with their extremes and the varint length boundaries.
    ("null", "null", [None]),
    ("boolean", "boolean", [True, False]),
    ("int", "int", [0, -1, 1, 63, -64, 64, 8191, -8192, 2147483647, -2147483648]),
    ("long", "long", [0, -1, 4294967296, 9007199254740993, 9223372036854775807, -9223372036854775808]),
    ("float", "float", [0.0, -0.0, 1.5, 3.4028234663852886e38, 1.401298464324817e-45, "Infinity", "-Infinity", "NaN"]),
    ("double", "double", [0.0, -0.0, 0.1, 5e-324, 1.7976931348623157e308, "Infinity", "-Infinity", "NaN"]),
    ("bytes", "bytes", ["", "00ff80"]),
    ("string", "string", ["", "hello", "Gr\u00fc\u00dfe, \u4e16\u754c \U0001f389 nul:\u0000."]),
    # Logical types.
    ("decimal-bytes", {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 4},
     ["3.1415", "-3.1415", "0", "0.0001", "-9.9999"]),
    ("decimal-fixed", {"type": "fixed", "name": "Dec8", "size": 8, "logicalType": "decimal", "precision": 5, "scale": 4},
     ["3.1415", "-3.1415", "0", "0.0001", "-9.9999"]),
    ("date", {"type": "int", "logicalType": "date"}, ["2000-01-01", "1970-01-01", "1969-12-31", "1000-01-01", "9999-12-31"]),
    ("time-millis", {"type": "int", "logicalType": "time-millis"}, ["23:59:59.999", "00:00:00"]),
    ("time-micros", {"type": "long", "logicalType": "time-micros"}, ["23:59:59.999999", "00:00:00.000001"]),
    ("timestamp-millis", {"type": "long", "logicalType": "timestamp-millis"},
     ["1000-01-01T00:00:00.001", "9999-12-31T23:59:59.999", "1970-01-01T00:00:00", "1969-12-31T23:59:59.999",
      "2024-02-29T12:34:56.789"]),
    ("timestamp-micros", {"type": "long", "logicalType": "timestamp-micros"},
     ["1000-01-01T00:00:00.25", "9999-12-31T23:59:59.5", "1969-12-31T23:59:59.999999", "2024-02-29T12:34:56.789012"]),
    ("timestamp-nanos", {"type": "long", "logicalType": "timestamp-nanos"},
     ["1677-09-22T00:00:00", "2262-04-11T00:00:00", "1969-12-31T23:59:59.5", "2024-02-29T12:34:56.25"]),
    ("local-timestamp-millis", {"type": "long", "logicalType": "local-timestamp-millis"},
     ["1000-01-01T00:00:00.001", "9999-12-31T23:59:59.999"]),
    ("local-timestamp-micros", {"type": "long", "logicalType": "local-timestamp-micros"},
     ["1000-01-01T00:00:00.25", "2024-02-29T12:34:56.789012"]),
    ("local-timestamp-nanos", {"type": "long", "logicalType": "local-timestamp-nanos"}, ["2024-02-29T12:34:56.25"]),
    ("uuid-string", {"type": "string", "logicalType": "uuid"}, ["b9f7a0f4-7b9e-4a4e-9d6c-0123456789ab"]),
    ("uuid-fixed", {"type": "fixed", "name": "UUID16", "size": 16, "logicalType": "uuid"},
     ["b9f7a0f4-7b9e-4a4e-9d6c-0123456789ab"]),
    ("duration", {"type": "fixed", "name": "Duration", "size": 12, "logicalType": "duration"},
     [{"months": 1, "days": 2, "milliseconds": 3}, {"months": 4294967295, "days": 0, "milliseconds": 86400000}]),
    # Complex types.
    ("enum", SUIT, ["HEARTS", "DIAMONDS"]),
    ("fixed", {"type": "fixed", "name": "Four", "size": 4}, ["deadbeef"]),
    ("array-long", {"type": "array", "items": "long"}, [[], [1, -2, 3000000000]]),
    ("array-record", {"type": "array", "items": POINT}, [[{"x": 1, "y": 2}, {"x": -3, "y": 4}]]),
    ("map-long", {"type": "map", "values": "long"}, [{}, {"one": 1}]),
    ("map-array", {"type": "map", "values": {"type": "array", "items": "string"}}, [{"k": ["a", "b"]}]),
    ("nested-record", {"type": "record", "name": "Person", "namespace": "example", "fields": [
        {"name": "name", "type": "string"},
        {"name": "age", "type": "int"},
        {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
            {"name": "street", "type": "string"}, {"name": "zip", "type": "int"}]}},
        {"name": "tags", "type": {"type": "array", "items": "string"}},
        {"name": "scores", "type": {"type": "map", "values": "double"}},
        {"name": "nickname", "type": ["null", "string"]},
        {"name": "suit", "type": SUIT}]},
     [{"name": "Alice", "age": 30, "address": {"street": "Main St", "zip": 12345}, "tags": ["a", "b"],
       "scores": {"math": 1.5}, "nickname": None, "suit": "SPADES"},
      {"name": "", "age": -1, "address": {"street": "", "zip": 0}, "tags": [], "scores": {},
       "nickname": {"string": "Al"}, "suit": "CLUBS"}]),
    ("union-null-first", ["null", "string"], [None, {"string": "x"}]),
    ("union-null-last", ["string", "null"], [{"string": "x"}, None]),
    ("union-multi", ["null", "long", "string", POINT, {"type": "array", "items": "int"}],
     [None, {"long": -5}, {"string": "five"}, {"Point": {"x": 5, "y": -5}}, {"array": [5]}]),
    ("record-of-optionals", {"type": "record", "name": "Optionals", "fields": [
        {"name": "a", "type": ["null", "long"]},
        {"name": "b", "type": ["string", "null"]},
        {"name": "c", "type": ["null", POINT]},
        {"name": "d", "type": "double"}]},
     [{"a": None, "b": None, "c": None, "d": 1.0},
      {"a": {"long": 7}, "b": {"string": "bee"}, "c": {"Point": {"x": 1, "y": 2}}, "d": -1.0}]),
    ("linked-list", {"type": "record", "name": "LongList", "fields": [
        {"name": "value", "type": "long"}, {"name": "next", "type": ["null", "LongList"]}]},
     [{"value": 1, "next": {"LongList": {"value": 2, "next": {"LongList": {"value": 3, "next": None}}}}}]),
]

EPOCH = datetime.datetime(1970, 1, 1)


def parse_datetime(text):
    """A naive datetime and the nanoseconds of its fraction, which datetime cannot hold."""
    whole, _, fraction = text.partition(".")
    nanos = int((fraction + "000000000")[:9])
    return datetime.datetime.fromisoformat(whole) + datetime.timedelta(microseconds=nanos // 1000), nanos


def epoch_nanos(text):
    stamp, nanos = parse_datetime(text)
    seconds = (stamp.replace(microsecond=0) - EPOCH) // datetime.timedelta(seconds=1)
    return seconds * 1_000_000_000 + nanos


def convert(schema, value, named):
    """The Python value fastavro writes for `value`, described in JSON, of `schema`."""
    if isinstance(schema, str):
        if schema in named:
            return convert(named[schema], value, named)
        schema = {"type": schema}
    if isinstance(schema, list):
        if value is None:
            return None
        (branch, inner), = value.items()
        for candidate in schema:
            if branch_name(candidate) == branch:
                return branch, convert(candidate, inner, named)
        raise ValueError(f"no branch {branch} in {schema}")
    kind, logical = schema["type"], schema.get("logicalType")
    if isinstance(kind, (dict, list)) or kind in named:
        return convert(kind, value, named)
    if "name" in schema:
        named[schema["name"]] = schema
    if logical == "decimal":
        return decimal.Decimal(value)
    if logical == "date":
        return datetime.date.fromisoformat(value)
    if logical in ("time-millis", "time-micros"):
        return datetime.time.fromisoformat(value)
    if logical in ("timestamp-millis", "timestamp-micros"):
        return parse_datetime(value)[0].replace(tzinfo=datetime.timezone.utc)
    if logical in ("local-timestamp-millis", "local-timestamp-micros"):
        return parse_datetime(value)[0]
    if logical in ("timestamp-nanos", "local-timestamp-nanos"):
        return epoch_nanos(value)
    if logical == "uuid":
        return str(uuid.UUID(value)) if kind == "string" else uuid.UUID(value).bytes
    if logical == "duration":
        return struct.pack("<III", value["months"], value["days"], value["milliseconds"])
    if kind in ("bytes", "fixed"):
        return bytes.fromhex(value)
    if kind in ("float", "double"):
        return float(value)
    if kind == "array":
        return [convert(schema["items"], item, named) for item in value]
    if kind == "map":
        return {key: convert(schema["values"], item, named) for key, item in value.items()}
    if kind == "record":
        return {field["name"]: convert(field["type"], value[field["name"]], named) for field in schema["fields"]}
    return value


def branch_name(schema):
    """The name of a union branch in the Avro JSON encoding: a named type's name, else its type."""
    if isinstance(schema, str):
        return schema
    if isinstance(schema, list):
        return "union"
    return schema.get("name", schema["type"])


def main():
    for name, schema, values in CASES:
        with open(os.path.join(HERE, f"{name}.avsc"), "w") as file:
            json.dump(schema, file, indent=None, ensure_ascii=False)
            file.write("\n")
        parsed = parse_schema(schema)
        for index, value in enumerate(values):
            buffer = io.BytesIO()
            schemaless_writer(buffer, parsed, convert(schema, value, {}))
            with open(os.path.join(HERE, f"{name}.{index}.bin"), "wb") as file:
                file.write(buffer.getvalue())


if __name__ == "__main__":
    main()
