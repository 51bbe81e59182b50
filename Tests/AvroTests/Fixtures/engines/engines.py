"""Reads and writes Avro container files with an analytics engine, for the Swift interop tests.

    python3 engines.py JOB.json

JOB: {"engine": "spark" | "duckdb" | "polars", "read": [FILE, ...],
      "copy": [{"from": FILE, "to": DIR, "codec": CODEC}, ...]}

Prints one JSON object: {"read": {FILE: ROWS or {"error": TEXT}},
"copied": {DIR: the file the engine wrote, or {"error": TEXT}}}. ROWS are objects with
decimals as strings, dates as YYYY-MM-DD and bytes as hex. "copy" reads FROM with the engine
and writes it to DIR with the engine (one file, CODEC compression). Exit status 3: the engine
is not installed here.
"""
import datetime
import decimal
import glob
import json
import os
import sys


def plain(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex()
    return value


def rows_of(dicts):
    return [{key: plain(value) for key, value in row.items()} for row in dicts]


def spark_engine():
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # The pip build does not register the short name "avro".
    fmt = "org.apache.spark.sql.avro.AvroFileFormat"

    def read(path):
        return rows_of(row.asDict() for row in spark.read.format(fmt).load(path).collect())

    def copy(source, target, codec):
        frame = spark.read.format(fmt).load(source)
        frame.coalesce(1).write.format(fmt).option("compression", codec).mode("overwrite").save(target)
        return sorted(glob.glob(os.path.join(target, "*.avro")))[0]

    return read, copy, spark.stop


def duckdb_engine():
    import duckdb
    import duckdb_extension_avro
    extension = glob.glob(os.path.join(os.path.dirname(duckdb_extension_avro.__file__), "extensions", "*", "avro.duckdb_extension"))[0]
    connection = duckdb.connect(config={"allow_unsigned_extensions": True})
    connection.execute(f"LOAD '{extension}'")

    def read(path):
        cursor = connection.execute("SELECT * FROM read_avro(?)", [path])
        names = [column[0] for column in cursor.description]
        return rows_of(dict(zip(names, row)) for row in cursor.fetchall())

    def copy(source, target, codec):
        raise RuntimeError("DuckDB does not write Avro")

    return read, copy, connection.close


def polars_engine():
    import polars

    def read(path):
        return rows_of(polars.read_avro(path).to_dicts())

    def copy(source, target, codec):
        os.makedirs(target, exist_ok=True)
        path = os.path.join(target, "polars.avro")
        polars.read_avro(source).write_avro(path, compression={"null": "uncompressed"}.get(codec, codec))
        return path

    return read, copy, lambda: None


def main():
    with open(sys.argv[1]) as handle:
        job = json.load(handle)
    try:
        read, copy, stop = {"spark": spark_engine, "duckdb": duckdb_engine, "polars": polars_engine}[job["engine"]]()
    except ImportError as error:
        print(f"not installed: {error}", file=sys.stderr)
        sys.exit(3)
    result = {"read": {}, "copied": {}}
    for path in job.get("read", []):
        try:
            result["read"][path] = read(path)
        except Exception as error:  # reported to the test, which names the file
            result["read"][path] = {"error": f"{type(error).__name__}: {error}"}
    for task in job.get("copy", []):
        try:
            result["copied"][task["to"]] = copy(task["from"], task["to"], task["codec"])
        except Exception as error:
            result["copied"][task["to"]] = {"error": f"{type(error).__name__}: {error}"}
    stop()
    json.dump(result, sys.stdout)


main()
