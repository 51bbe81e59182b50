#!/usr/bin/env python3
"""Writes the codec fixtures of CodecTests.swift: input.bin and the same bytes compressed by
other implementations, one file per codec, as they appear in Avro container file blocks.

    pip install cramjam
    python3 Tests/AvroTests/Fixtures/codecs/make_codec_fixtures.py

The output is deterministic; rerunning it rewrites the same files.
"""
import bz2
import lzma
import os
import random
import struct
import zlib

import cramjam

HERE = os.path.dirname(os.path.abspath(__file__))


def make_input():
    """About 10 KB: repetitive records (which compress well) mixed with random bytes."""
    rng = random.Random(20240611)
    parts = []
    for i in range(120):
        parts.append(b"{\"id\": %d, \"name\": \"station-%03d\", \"temp\": %d}\n" % (i, i % 17, rng.randint(-40, 45)))
        if i % 10 == 0:
            parts.append(rng.randbytes(200))
    return b"".join(parts) + b"\x00" * 2000


def raw_deflate(data):
    """Java style: Deflater(6, nowrap=true), nothing after the stream."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def snappy_block(data):
    """Raw snappy block, then the big-endian CRC-32 of the uncompressed data."""
    return bytes(cramjam.snappy.compress_raw(data)) + struct.pack(">I", zlib.crc32(data))


def zstd_streamed(data):
    """Java style: a streamed frame without a content size (frame header byte 0x00)."""
    compressor = cramjam.zstd.Compressor(3)
    compressor.compress(data)
    return bytes(compressor.finish())


def main():
    data = make_input()
    fixtures = {
        "input.bin": data,
        "deflate-raw.bin": raw_deflate(data),
        # avro-py and fastavro: zlib header and the last Adler-32 byte cut, 3 bytes left over.
        "deflate-python.bin": zlib.compress(data)[2:-1],
        "snappy.bin": snappy_block(data),
        "zstandard-with-size.bin": bytes(cramjam.zstd.compress(data, 3)),
        "zstandard-streamed.bin": zstd_streamed(data),
        "bzip2.bin": bz2.compress(data, 9),
        "xz.bin": lzma.compress(data, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC64, preset=6),
    }
    assert fixtures["zstandard-with-size.bin"][4] & 0xC0 != 0, "expected a frame content size"
    assert fixtures["zstandard-streamed.bin"][4] == 0x00, "expected no frame content size"
    for name, content in fixtures.items():
        with open(os.path.join(HERE, name), "wb") as file:
            file.write(content)
        print(f"{name}: {len(content)} bytes")


if __name__ == "__main__":
    main()
