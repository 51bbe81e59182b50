#!/usr/bin/env python3
"""Reads Avro container files with fastavro and with the official `avro` package, for the
Swift interop test (Tests/AvroTests/Container/PythonInteropTests.swift).

Usage: read_with_python.py CODEC=PATH...

Prints one JSON object to stdout: {PATH: {"fastavro": RESULT, "avro": RESULT}, ...}, where a
RESULT is {"records": [...]} (bytes and fixed values as lowercase hex, the rest as JSON),
{"unsupported": "..."} when that package or its support for CODEC is not installed, or
{"error": "..."} when reading failed.
"""
import io
import json
import sys


def plain(value):
    """A JSON-friendly copy of a decoded Avro value."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def check_fastavro_codec(codec):
    """Raises when fastavro cannot write and read `codec` (its Python package is missing)."""
    import fastavro
    probe = io.BytesIO()
    fastavro.writer(probe, {"type": "record", "name": "P", "fields": [{"name": "x", "type": "long"}]}, [{"x": 1}], codec=codec)
    probe.seek(0)
    list(fastavro.reader(probe))


def read_fastavro(path, codec):
    try:
        import fastavro
    except ImportError as error:
        return {"unsupported": f"fastavro: {error}"}
    try:
        check_fastavro_codec(codec)
    except Exception as error:
        return {"unsupported": f"fastavro {codec}: {error}"}
    try:
        with open(path, "rb") as file:
            return {"records": [plain(record) for record in fastavro.reader(file)]}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


def read_avro(path, codec):
    try:
        import avro.codecs
        import avro.datafile
        import avro.io
    except ImportError as error:
        return {"unsupported": f"avro: {error}"}
    try:
        avro.codecs.get_codec(codec)
    except Exception as error:
        return {"unsupported": f"avro {codec}: {error}"}
    try:
        with open(path, "rb") as file, avro.datafile.DataFileReader(file, avro.io.DatumReader()) as reader:
            return {"records": [plain(record) for record in reader]}
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


def main(arguments):
    results = {}
    for argument in arguments:
        codec, path = argument.split("=", 1)
        results[path] = {"fastavro": read_fastavro(path, codec), "avro": read_avro(path, codec)}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
