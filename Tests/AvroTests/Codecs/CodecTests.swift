// Tests of the block compression codecs.
//
// The files in Tests/AvroTests/Fixtures/codecs hold input.bin compressed by other
// implementations (Python's zlib, bz2 and lzma, and cramjam's snappy and zstd). Regenerate them
// with:
//     pip install cramjam
//     python3 Tests/AvroTests/Fixtures/codecs/make_codec_fixtures.py

import Foundation
import CAvroCodecs
import Testing
@testable import Avro

/// The bytes of a fixture file of Tests/AvroTests/Fixtures/codecs.
func codecFixture(_ name: String) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/codecs")
    return try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
}

/// Deterministic pseudo-random bytes (SplitMix64).
func codecRandomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 8)
    while bytes.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        withUnsafeBytes(of: mixed.littleEndian) { bytes.append(contentsOf: $0) }
    }
    return Array(bytes.prefix(count))
}

/// The kinds of block content every codec must round-trip.
enum CodecSample: String, CaseIterable, Sendable {
    case empty, small, repetitive, random

    private static let repetitiveBytes: [UInt8] = {
        let records = (0..<40_000).map { "{\"id\": \($0 % 1000), \"station\": \"011990-99999\"}\n" }.joined()
        return Array(records.utf8.prefix(1 << 20))
    }()
    private static let randomBytes = codecRandomBytes(count: 1 << 20, seed: 42)

    var bytes: [UInt8] {
        switch self {
        case .empty: return []
        case .small: return Array("Avro blocks: {\"id\": 1, \"name\": \"station-001\"}".utf8)
        case .repetitive: return Self.repetitiveBytes
        case .random: return Self.randomBytes
        }
    }
}

struct CodecTests {
    static let compressingCodecs = ["deflate", "snappy", "zstandard", "bzip2", "xz"]

    @Test(arguments: AvroCodecs.standardNames, CodecSample.allCases)
    func roundTrip(codecName: String, sample: CodecSample) throws {
        let codec = try AvroCodecs.codec(named: codecName)
        let data = sample.bytes
        let compressed = try codec.compress(data)
        #expect(try codec.decompress(compressed, limit: data.count) == data)
        if sample == .repetitive && codecName != "null" {
            #expect(compressed.count < data.count / 10)
        }
    }

    @Test func standardCodecsHaveTheirHeaderNames() throws {
        for name in AvroCodecs.standardNames {
            #expect(try AvroCodecs.codec(named: name).name == name)
        }
        #expect(try AvroCodecs.codec(named: "deflate") is AvroDeflateCodec)
        #expect(try AvroCodecs.codec(named: "snappy") is AvroSnappyCodec)
        #expect(try AvroCodecs.codec(named: "zstandard") is AvroZstandardCodec)
        #expect(try AvroCodecs.codec(named: "bzip2") is AvroBzip2Codec)
        #expect(try AvroCodecs.codec(named: "xz") is AvroXZCodec)
        #expect(try AvroCodecs.codec(named: "null") is AvroNullCodec)
    }

    @Test(arguments: [
        ("deflate", "deflate-raw.bin"), ("deflate", "deflate-python.bin"), ("snappy", "snappy.bin"),
        ("zstandard", "zstandard-with-size.bin"), ("zstandard", "zstandard-streamed.bin"),
        ("bzip2", "bzip2.bin"), ("xz", "xz.bin"),
    ])
    func decompressesOtherImplementations(codecName: String, file: String) throws {
        let codec = try AvroCodecs.codec(named: codecName)
        let expected = try codecFixture("input.bin")
        let compressed = try codecFixture(file)
        #expect(try codec.decompress(compressed, limit: expected.count) == expected)
        #expect(performing: { try codec.decompress(compressed, limit: expected.count - 1) },
                throws: { ($0 as? AvroError)?.code == .limitExceeded })
    }

    @Test func fixturesHaveTheShapesTheyStandFor() throws {
        // avro-py leaves 3 bytes of the Adler-32 after the deflate stream.
        #expect(try codecFixture("deflate-python.bin").count == codecFixture("deflate-raw.bin").count + 3)
        // Java-style zstd frames have no content size: frame header descriptor 0x00.
        #expect(try codecFixture("zstandard-streamed.bin").prefix(5) == [0x28, 0xB5, 0x2F, 0xFD, 0x00])
        #expect(try codecFixture("xz.bin").prefix(6) == [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])
    }

    @Test func deflateIgnoresBytesAfterTheFinalBlock() throws {
        let data = CodecSample.small.bytes
        let compressed = try AvroDeflateCodec().compress(data)
        #expect(try AvroDeflateCodec().decompress(compressed + [0xDE, 0xAD, 0xBE, 0xEF], limit: 100) == data)
    }

    @Test func zstandardReadsConcatenatedFrames() throws {
        let codec = AvroZstandardCodec()
        let first = Array("first frame ".utf8), second = Array("second frame".utf8)
        let frames = try codec.compress(first) + codec.compress(second)
        #expect(try codec.decompress(frames, limit: 100) == first + second)
    }

    @Test(arguments: compressingCodecs)
    func corruptDataThrowsCodecError(codecName: String) throws {
        let codec = try AvroCodecs.codec(named: codecName)
        let garbage = [UInt8](repeating: 0xFF, count: 64)
        let valid = try codec.compress(CodecSample.repetitive.bytes.prefix(5000).map { $0 })
        let inputs = [garbage, Array(valid.prefix(valid.count / 2)), [], [0x00]]
        for input in inputs {
            #expect(performing: { try codec.decompress(input, limit: 1 << 20) },
                    throws: { ($0 as? AvroError)?.code == .codec })
        }
    }

    @Test(arguments: compressingCodecs)
    func decompressionBombStopsAtTheLimit(codecName: String) throws {
        let codec = try AvroCodecs.codec(named: codecName)
        let bomb = try codec.compress([UInt8](repeating: 0, count: 10 << 20))
        #expect(bomb.count < 1 << 20)
        #expect(performing: { try codec.decompress(bomb, limit: 1 << 20) },
                throws: { ($0 as? AvroError)?.code == .limitExceeded })
    }

    @Test func nullCodecEnforcesTheLimit() throws {
        let data = [UInt8](repeating: 7, count: 11)
        #expect(try AvroNullCodec().decompress(data, limit: 11) == data)
        #expect(throws: AvroError(.limitExceeded, "null-codec block of 11 bytes exceeds the limit of 10 bytes")) {
            try AvroNullCodec().decompress(data, limit: 10)
        }
    }

    @Test func snappyChecksTheCRC() throws {
        var block = try AvroSnappyCodec().compress(Array("checked".utf8))
        #expect(Array(block.suffix(4)) == [0xAD, 0x03, 0xBA, 0x83])  // zlib.crc32(b"checked")
        block[block.count - 1] ^= 1
        let mismatch = "snappy CRC-32 mismatch: the block says 0xad03ba82, the data has 0xad03ba83"
        #expect(throws: AvroError(.codec, mismatch, offset: block.count - 4)) {
            try AvroSnappyCodec().decompress(block, limit: 100)
        }
        let tooShort = "snappy block must end with a 4-byte CRC-32, found only 3 bytes"
        #expect(throws: AvroError(.codec, tooShort, offset: 0)) {
            try AvroSnappyCodec().decompress([0, 0, 0], limit: 100)
        }
    }

    @Test func invalidLevelsThrowWhenCompressing() {
        let codecs: [(any AvroCodec, String)] = [
            (AvroDeflateCodec(level: 10), "deflate level must be in -1...9, found 10"),
            (AvroBzip2Codec(blockSize100k: 0), "bzip2 block size must be in 1...9 (× 100 000 bytes), found 0"),
            (AvroXZCodec(preset: 10), "xz preset must be in 0...9, found 10"),
        ]
        for (codec, message) in codecs {
            #expect(throws: AvroError(.codec, message)) { try codec.compress([1, 2, 3]) }
        }
        #expect(performing: { try AvroZstandardCodec(level: 23).compress([1, 2, 3]) },
                throws: { ($0 as? AvroError)?.code == .codec })
    }

    @Test func otherLevelsRoundTrip() throws {
        let data = Array(CodecSample.repetitive.bytes.prefix(20_000))
        let codecs: [any AvroCodec] = [
            AvroDeflateCodec(level: 0), AvroDeflateCodec(level: -1), AvroDeflateCodec(level: 9),
            AvroZstandardCodec(level: -5), AvroZstandardCodec(level: 19), AvroBzip2Codec(blockSize100k: 1),
            AvroXZCodec(preset: 0), AvroXZCodec(preset: 9),
        ]
        for codec in codecs {
            #expect(try codec.decompress(codec.compress(data), limit: data.count) == data)
        }
    }

    @Test func unknownCodecNameThrows() {
        #expect(performing: { try AvroCodecs.codec(named: "lz4") }, throws: { error in
            guard let error = error as? AvroError else { return false }
            return error.code == .codec
                && error.message.hasPrefix(
                    "unknown codec 'lz4'; the known codecs are null, deflate, snappy, zstandard, bzip2, xz")
        })
    }

    @Test func registeredCodecIsFoundByName() throws {
        AvroCodecs.register(ReversingCodec())
        let codec = try AvroCodecs.codec(named: "test-reversing")
        #expect(codec.name == "test-reversing")
        #expect(try codec.compress([1, 2, 3]) == [3, 2, 1])
        #expect(try codec.decompress([3, 2, 1], limit: 3) == [1, 2, 3])
        #expect(performing: { try AvroCodecs.codec(named: "nope") }, throws: { error in
            (error as? AvroError)?.message.contains("test-reversing") == true
        })
    }

    @Test func registryCanBeUsedFromManyTasksAtOnce() async throws {
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    AvroCodecs.register(ReversingCodec(name: "test-concurrent-\(index)"))
                    _ = try? AvroCodecs.codec(named: "test-concurrent-\(index / 2)")
                }
            }
        }
        for index in 0..<40 {
            #expect(try AvroCodecs.codec(named: "test-concurrent-\(index)").name == "test-concurrent-\(index)")
        }
    }

    @Test func missingLibraryNamesTheCodecAndTheLibrary() {
        let message = "the zstandard codec needs libzstd (libzstd-absent.so.9), which this machine does not have"
        #expect(throws: AvroError(.codec, message)) {
            try SharedLibrary(for: "zstandard", library: "libzstd", fileNames: ["libzstd-absent.so.9", "libzstd-absent.so"])
        }
    }

    @Test(.enabled(if: MemoryLayout<Int>.size == 8))
    func cStructsHaveTheCLayout() {
        // lzma/base.h, bzlib.h and zstd.h on 64-bit machines.
        #expect(MemoryLayout<XZStream>.size == 136)
        #expect(MemoryLayout<XZStream>.offset(of: \.nextOut) == 24)
        #expect(MemoryLayout<XZStream>.offset(of: \.seekPosition) == 96)
        #expect(MemoryLayout<XZStream>.offset(of: \.reservedEnum2) == 132)
        #expect(MemoryLayout<Bzip2Stream>.size == 80)
        #expect(MemoryLayout<Bzip2Stream>.offset(of: \.nextOut) == 24)
        #expect(MemoryLayout<Bzip2Stream>.offset(of: \.state) == 48)
        #expect(MemoryLayout<ZstandardInBuffer>.size == 24)
        #expect(MemoryLayout<ZstandardOutBuffer>.size == 24)
    }
}

/// A codec for the registry tests: it reverses the bytes.
private struct ReversingCodec: AvroCodec {
    var name = "test-reversing"
    func compress(_ data: [UInt8]) throws -> [UInt8] { data.reversed() }
    func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] { data.reversed() }
}

/// The structs handed to libbz2, liblzma and libzstd have their C layouts: they are declared
/// in the C module `CAvroCodecs`, and their sizes are those of the libraries' headers on a
/// 64-bit platform.
@Suite struct CodecStructLayoutTests {
    @Test(.enabled(if: MemoryLayout<Int>.size == 8))
    func sizesAreTheLibrariesOnes() {
        #expect(MemoryLayout<Bzip2Stream>.size == 80)
        #expect(MemoryLayout<XZStream>.size == 136)
        #expect(MemoryLayout<ZstandardInBuffer>.size == 24)
        #expect(MemoryLayout<ZstandardOutBuffer>.size == 24)
    }
}
