#!/usr/bin/env python3
"""Prints the records of Avro container files as fastavro's JSON writer writes them, for the
Swift CLI tests (Tests/AvroTests/CLI/CLIFastavroTests.swift), which compare them with
`avro tojson`.

Usage: fastavro_tojson.py FILE...

Prints one JSON object to stdout: {FILE: RESULT, ...}, where RESULT is {"records": [...]},
each record being a line of `fastavro.json_writer` output parsed back, or {"error": "..."}
when fastavro cannot read the file or write its JSON. Python's json module writes NaN and
infinities as the bare words NaN, Infinity and -Infinity, which are not JSON; they are given
here as the strings "NaN", "Infinity" and "-Infinity", as Java's Avro JSON encoder writes them.
"""
import io
import json
import math
import sys


def finite_json(value):
    """`value` with non-finite floats replaced by the strings Java writes for them."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {key: finite_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [finite_json(item) for item in value]
    return value


def records(path):
    import fastavro
    with open(path, "rb") as file:
        reader = fastavro.reader(file)
        schema = reader.writer_schema
        values = list(reader)
    text = io.StringIO()
    fastavro.json_writer(text, schema, values)
    return [finite_json(json.loads(line)) for line in text.getvalue().splitlines() if line.strip()]


def main(paths):
    results = {}
    for path in paths:
        try:
            results[path] = {"records": records(path)}
        except Exception as error:  # any failure of fastavro is a result to report
            results[path] = {"error": f"{type(error).__name__}: {error}"}
    json.dump(results, sys.stdout, allow_nan=False)


if __name__ == "__main__":
    main(sys.argv[1:])
