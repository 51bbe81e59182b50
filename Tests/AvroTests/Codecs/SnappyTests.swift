// Tests of the raw Snappy block format (Sources/Avro/Codecs/Snappy.swift).

import Testing
@testable import Avro

private func compress(_ bytes: [UInt8]) throws -> [UInt8] {
    try bytes.withUnsafeBufferPointer { try Snappy.compress($0) }
}

private func decompress(_ block: [UInt8], limit: Int = 1 << 20) throws -> [UInt8] {
    try block.withUnsafeBufferPointer { try Snappy.decompress($0, limit: limit) }
}

struct SnappyTests {
    @Test func compressesToTheExpectedElements() throws {
        #expect(try compress([]) == [0x00])
        #expect(try compress([0x61]) == [0x01, 0x00, 0x61])
        // A 4-byte literal, then a copy of 12 bytes from 4 back (copy with a 2-byte offset).
        #expect(try compress(Array("abcdabcdabcdabcd".utf8)) == [0x10, 0x0C, 0x61, 0x62, 0x63, 0x64, 0x2E, 0x04, 0x00])
        // A 100-byte literal: tag 60 << 2 and the length − 1 in one byte.
        let random = codecRandomBytes(count: 100, seed: 7)
        #expect(try compress(random) == [100, 0xF0, 99] + random)
    }

    @Test func decompressesEveryElementKind() throws {
        // cramjam.snappy.compress_raw(b"hello world" * 10): a literal and two 2-byte-offset copies.
        let cramjam: [UInt8] = [0x6E, 0x28] + Array("hello world".utf8) + [0xFE, 0x0B, 0x00, 0x8A, 0x0B, 0x00]
        #expect(try decompress(cramjam) == Array(String(repeating: "hello world", count: 10).utf8))
        // A 1-byte-offset copy of 9 bytes from 1 back overlaps what it writes.
        #expect(try decompress([0x0A, 0x00, 0x61, 0x15, 0x01]) == [UInt8](repeating: 0x61, count: 10))
        // A 4-byte-offset copy, and a literal whose length − 1 follows in 2 bytes.
        #expect(try decompress([0x05, 0x00, 0x61, 0x0F, 0x01, 0x00, 0x00, 0x00]) == [UInt8](repeating: 0x61, count: 5))
        #expect(try decompress([0x03, 0xF4, 0x02, 0x00, 0x61, 0x62, 0x63]) == [0x61, 0x62, 0x63])
    }

    @Test(arguments: [
        ([0x80, 0x80, 0x80, 0x80, 0x80, 0x01], "snappy block has a length varint longer than 5 bytes", 0),
        ([0x80, 0x80], "snappy block ends inside its length", 2),
        ([0xFF, 0xFF, 0xFF, 0xFF, 0x7F], "snappy block declares a length of 34359738367, more than 32 bits", 0),
        ([0x05, 0x00, 0x61, 0x01, 0x00], "snappy block has a copy with offset 0", 3),
        ([0x05, 0x00, 0x61, 0x01, 0x02], "snappy block has a copy from 2 bytes back after only 1 bytes", 3),
        ([0x02, 0x00, 0x61, 0x01, 0x01], "snappy block has a copy of 4 bytes after 1 bytes, past its declared length of 2", 3),
        ([0x05, 0x00, 0x61, 0x02, 0x01], "snappy block ends inside a copy", 3),
        ([0x05, 0x10, 0x61], "snappy block has a literal of 5 bytes but only 1 bytes left", 1),
        ([0x05, 0xF0], "snappy block ends inside the length of a literal", 1),
        ([0x01, 0x04, 0x61, 0x62], "snappy block has a literal of 2 bytes after 0 bytes, past its declared length of 1", 1),
        ([0x05, 0x00, 0x61], "snappy block declares 5 uncompressed bytes but holds 1", 3),
        ([0x64, 0x00, 0x61], "snappy block declares 100 uncompressed bytes, more than its 2 compressed bytes can hold", 0),
    ] as [([UInt8], String, Int)])
    func malformedBlocksThrow(block: [UInt8], message: String, offset: Int) {
        #expect(throws: AvroError(.codec, message, offset: offset)) { try decompress(block) }
    }

    @Test func declaredLengthIsCheckedAgainstTheLimitFirst() {
        let message = "snappy block declares 4294967295 uncompressed bytes, more than the limit of 1048576"
        #expect(throws: AvroError(.limitExceeded, message, offset: 0)) {
            try decompress([0xFF, 0xFF, 0xFF, 0xFF, 0x0F], limit: 1 << 20)
        }
    }

    @Test func roundTripsLongMatchesAndLiterals() throws {
        let random = codecRandomBytes(count: 70_000, seed: 3)
        // A literal with a 3-byte length, copies from 5000 and 8200 bytes back, and a run of
        // one byte. Copies reach at most 65 535 bytes back, as in Google's snappy.
        let data = random + random.suffix(5000) + [UInt8](repeating: 9, count: 3000) + random.suffix(200)
        let block = try compress(data)
        // The 3000-byte run and most of the repeated 5000 bytes become copies.
        #expect(block.count < random.count + 2500)
        #expect(try decompress(block, limit: data.count) == data)
    }

    @Test func compressesAboutAsWellAsTheReferenceSnappy() throws {
        let input = try codecFixture("input.bin")
        // Google's snappy (through cramjam) makes the fixture's block 3982 bytes long, plus 4
        // bytes of CRC-32.
        let reference = try codecFixture("snappy.bin").count - 4
        #expect(reference == 3982)
        #expect(try compress(input).count <= reference + reference / 20)
    }
}
