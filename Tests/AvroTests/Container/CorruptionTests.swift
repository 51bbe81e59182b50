import Foundation
import Testing
@testable import Avro

/// Files written here and then damaged: each damage gives an error naming the block and the
/// byte, and recovery mode skips exactly the damaged part.
@Suite struct CorruptionTests {
    typealias Reading = ContainerFixtures.Reading
    static let sync: [UInt8] = Array(0xa0...0xaf)

    /// A file of 3 blocks of 10 readings each, and its blocks.
    static func threeBlocks(codec: any AvroCodec = AvroNullCodec()) throws -> (bytes: [UInt8], blocks: [AvroFileBlock]) {
        let writer = try AvroFileWriter<Reading>(schema: ContainerFixtures.readingSchema(), codec: codec, syncMarker: sync)
        for block in 0..<3 {
            try writer.append(contentsOf: ContainerFixtures.readings(10, from: block * 10))
            try writer.flush()
        }
        try writer.close()
        return ([UInt8](writer.data), try ContainerFixtures.blocks(of: writer.data))
    }

    static func read(_ bytes: [UInt8], skipping: Bool = false) throws -> (values: [Reading], reader: AvroFileReader<Reading>) {
        let reader = try AvroFileReader<Reading>(data: Data(bytes), options: .init(skipsCorruptBlocks: skipping))
        return (Array(reader), reader)
    }

    /// A header for `schema` with the test sync marker, followed by `blocks` (raw bytes).
    static func file(schema: String, codec: String = "null", blocks: [UInt8]) throws -> Data {
        let header = try AvroFileHeader(writing: AvroSchema(parsing: schema), codecName: codec, userMetadata: [:], syncMarker: sync)
        return Data(header.encoded() + blocks)
    }

    @Test func syncMarkerMismatchNamesTheBlock() throws {
        var (bytes, blocks) = try Self.threeBlocks()
        let syncOffset = blocks[1].bytes.upperBound - 16
        bytes[syncOffset + 15] ^= 0xff
        let (values, reader) = try Self.read(bytes)
        #expect(values == ContainerFixtures.readings(10))
        let error = try #require(reader.error as? AvroError)
        #expect(error.code == .invalidFile)
        #expect(error.offset == syncOffset)
        #expect(error.message.hasPrefix("block 1 (at byte \(blocks[1].bytes.lowerBound)): expected the sync marker a0 a1"))
        #expect(error.message.hasSuffix("found a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae 50"))
    }

    // A damaged marker is not found again, so recovery resumes after the next block's marker.
    @Test func recoverySkipsToTheNextSyncMarker() throws {
        var (bytes, blocks) = try Self.threeBlocks()
        bytes[blocks[1].bytes.upperBound - 1] ^= 0xff
        let (values, reader) = try Self.read(bytes, skipping: true)
        #expect(reader.error == nil)
        #expect(values == ContainerFixtures.readings(10))
        #expect(reader.skippedRanges.map(\.bytes) == [blocks[1].bytes.lowerBound..<blocks[2].bytes.upperBound])
        #expect(reader.skippedRanges.first?.blockIndex == 1)
    }

    // A process killed while writing leaves a partial last block: every complete block reads.
    @Test func truncatedLastBlock() throws {
        let (bytes, blocks) = try Self.threeBlocks()
        let cut = Array(bytes[..<(blocks[2].bytes.lowerBound + 20)])
        let (strictValues, strict) = try Self.read(cut)
        #expect(strictValues == ContainerFixtures.readings(20))
        #expect((strict.error as? AvroError)?.code == .invalidFile)
        let error = try #require(strict.error as? AvroError)
        #expect(error.message.hasPrefix("block 2 (at byte \(blocks[2].bytes.lowerBound)): the block claims "), "\(error)")
        #expect(error.offset == blocks[2].bytes.lowerBound + 1)

        let (values, recovering) = try Self.read(cut, skipping: true)
        #expect(values == ContainerFixtures.readings(20))
        #expect(recovering.error == nil)
        #expect(recovering.skippedRanges.map(\.bytes) == [blocks[2].bytes.lowerBound..<cut.count])
    }

    @Test func snappyChecksumMismatchIsACodecErrorOfTheBlock() throws {
        var (bytes, blocks) = try Self.threeBlocks(codec: AvroSnappyCodec())
        bytes[blocks[1].bytes.upperBound - 17] ^= 0x01 // the last byte of the CRC-32
        let (values, reader) = try Self.read(bytes)
        #expect(values == ContainerFixtures.readings(10))
        let error = try #require(reader.error as? AvroError)
        #expect(error.code == .codec)
        #expect(error.message.hasPrefix("block 1 (at byte \(blocks[1].bytes.lowerBound)): snappy CRC-32 mismatch"))
        #expect(error.offset == blocks[1].bytes.upperBound - 20)

        // Only the data is bad, so recovery skips just that block.
        let (recovered, recovering) = try Self.read(bytes, skipping: true)
        #expect(recovered == ContainerFixtures.readings(10) + ContainerFixtures.readings(10, from: 20))
        #expect(recovering.skippedRanges.map(\.bytes) == [blocks[1].bytes])
        #expect(recovering.skippedRanges.first?.reason.code == .codec)
    }

    // A value that does not fit the Swift type is not corruption: recovery does not hide it.
    @Test func valuesThatDoNotFitTheTypeStopTheReader() throws {
        struct Wrong: Codable { var id: String }
        let (bytes, blocks) = try Self.threeBlocks()
        for skipping in [false, true] {
            let reader = try AvroFileReader<Wrong>(data: Data(bytes), options: .init(skipsCorruptBlocks: skipping))
            let error = expectDecodingError(.typeMismatch, at: ["id"]) { _ = try reader.next() }
            #expect(error?.message.hasPrefix("object 0 of block 0 (at byte \(blocks[0].bytes.lowerBound)): ") == true)
            #expect(reader.skippedRanges.isEmpty)
        }
    }

    @Test func corruptDeflateDataIsACodecError() throws {
        var (bytes, blocks) = try Self.threeBlocks(codec: AvroDeflateCodec())
        for offset in blocks[0].dataOffset..<(blocks[0].dataOffset + 8) { bytes[offset] = 0xff }
        let (values, reader) = try Self.read(bytes)
        #expect(values.isEmpty)
        let error = try #require(reader.error as? AvroError)
        #expect(error.code == .codec)
        #expect(error.message.hasPrefix("block 0 (at byte \(blocks[0].bytes.lowerBound)): deflate"))
    }

    // Item 107: the stored size and the decompressed size are both limited.
    @Test func blockSizeLimits() throws {
        let big = try AvroFileWriter<Reading>(schema: ContainerFixtures.readingSchema())
        try big.append(contentsOf: ContainerFixtures.readings(100))
        try big.close()
        let block = try #require(try ContainerFixtures.blocks(of: big.data).first)
        let stored = block.bytes.upperBound - 16 - block.dataOffset
        let error = expectAvroError(.limitExceeded) {
            _ = try ContainerFixtures.readAll(AvroFileReader<Reading>(data: big.data, options: .init(maxBlockSize: stored - 1)))
        }
        #expect(error?.message == "block 0 (at byte \(block.bytes.lowerBound)): the block has \(stored) bytes, more than the limit of \(stored - 1)")
        #expect(try ContainerFixtures.readAll(AvroFileReader<Reading>(data: big.data, options: .init(maxBlockSize: stored))).count == 100)

        let writer = try AvroFileWriter<[UInt8]>(schema: .bytes, codec: AvroDeflateCodec(), blockSize: 200_000)
        try writer.append([UInt8](repeating: 0, count: 100_000))
        try writer.close()
        let bomb = expectAvroError(.limitExceeded) {
            _ = try ContainerFixtures.readAll(AvroFileReader<[UInt8]>(data: writer.data, options: .init(maxBlockSize: 50_000)))
        }
        #expect(bomb?.message.hasPrefix("block 0 (at byte ") == true)
        #expect(try ContainerFixtures.readAll(AvroFileReader<[UInt8]>(data: writer.data)).first?.count == 100_000)
    }

    @Test func blockCountMustFitItsData() throws {
        // 5 longs claimed in 2 bytes.
        let data = try Self.file(schema: "\"long\"", blocks: [0x0a, 0x04, 0x02, 0x04] + Self.sync)
        let error = expectAvroError(.invalidFile) { _ = try ContainerFixtures.readAll(AvroFileReader<Int64>(data: data)) }
        #expect(error?.message.hasSuffix("the block claims 5 objects of at least 1 bytes, but has only 2 bytes") == true)
    }

    // Objects of `null` take no bytes: their count is limited, so a hostile count cannot make
    // the reader return values for ever.
    @Test func zeroByteObjectsAreLimited() throws {
        var count = AvroBinaryWriter()
        count.writeLong(1 << 40)
        let hostile = try Self.file(schema: "\"null\"", blocks: count.bytes + [0x00] + Self.sync)
        expectAvroError(.limitExceeded) { _ = try ContainerFixtures.readAll(AvroFileReader<AvroValue>(data: hostile)) }

        let three = try Self.file(schema: "\"null\"", blocks: [0x06, 0x00] + Self.sync)
        #expect(try ContainerFixtures.readAll(AvroFileReader<AvroValue>(data: three)) == [.null, .null, .null])
    }

    // Item 79: a block of 0 objects is accepted, wherever it is.
    @Test func blocksWithNoObjects() throws {
        let empty: [UInt8] = [0x00, 0x00] + Self.sync
        let data = try Self.file(schema: "\"long\"", blocks: empty + [0x02, 0x02, 0x54] + Self.sync + empty)
        #expect(try ContainerFixtures.readAll(AvroFileReader<Int64>(data: data)) == [42])
        #expect(try ContainerFixtures.blocks(of: data).map(\.count) == [0, 1, 0])
    }

    // Item 77.
    @Test func unknownCodecIsRefused() throws {
        let data = try Self.file(schema: "\"long\"", codec: "lz4-test-unknown", blocks: [])
        let error = expectAvroError(.codec) { _ = try AvroFileReader<Int64>(data: data) }
        #expect(error?.message.hasPrefix("unknown codec 'lz4-test-unknown'") == true)
    }

    @Test func headerSchemaIsCheckedBeforeUse() throws {
        func header(_ entries: [(String, [UInt8])]) -> Data {
            var writer = AvroBinaryWriter()
            writer.writeFixed(AvroFileHeader.magic)
            writer.writeLong(Int64(entries.count))
            for (key, value) in entries {
                writer.writeString(key)
                writer.writeBytes(value)
            }
            writer.writeLong(0)
            writer.writeFixed(Self.sync)
            return Data(writer.bytes)
        }
        let missing = expectAvroError(.invalidFile) { _ = try AvroFileReader<AvroValue>(data: header([("user", [0xff])])) }
        #expect(missing?.message == "the header has no 'avro.schema' entry")
        let notJSON = expectAvroError(.invalidJSON) { _ = try AvroFileReader<AvroValue>(data: header([("avro.schema", Array("{\"type\":".utf8))])) }
        #expect(notJSON?.message.hasPrefix("the header's 'avro.schema' is not a usable schema: ") == true)
        expectAvroError(.invalidSchema) {
            _ = try AvroFileReader<AvroValue>(data: header([("avro.schema", Array("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"Nope\"}]}".utf8))]))
        }
        expectAvroError(.invalidFile) { _ = try AvroFileReader<AvroValue>(data: header([("avro.schema", [0xff, 0xfe])])) }
        // Header entries are checked against the limit before they are read.
        expectAvroError(.limitExceeded) {
            _ = try AvroFileReader<AvroValue>(data: header([("avro.schema", Array("\"long\"".utf8))]), options: .init(maxBlockSize: 4))
        }
        // A metadata block with a negative count (and its byte size) is accepted.
        var blocked = AvroBinaryWriter()
        blocked.writeFixed(AvroFileHeader.magic)
        blocked.writeLong(-1)
        blocked.writeLong(19)
        blocked.writeString("avro.schema")
        blocked.writeBytes(Array("\"long\"".utf8))
        blocked.writeLong(0)
        blocked.writeFixed(Self.sync)
        #expect(try AvroFileReader<Int64>(data: Data(blocked.bytes)).header.schema == .long)
    }

    @Test func truncatedHeader() throws {
        let data = try Self.file(schema: "\"long\"", blocks: [])
        for length in [2, 10, data.count - 1] {
            let error = expectAvroError(.invalidFile) { _ = try AvroFileReader<Int64>(data: data.prefix(length)) }
            #expect(error?.message.hasPrefix("malformed header: ") == true)
        }
    }
}
