import Foundation
import Testing
@testable import Avro

/// `AvroFileWriter`: exact layout, every codec, blocks, flush, append, metadata and errors
///.
@Suite struct FileWriterTests {
    typealias Reading = ContainerFixtures.Reading
    static let sync: [UInt8] = Array(0x10...0x1f)

    // Items 76, 78: magic, metadata map (schema, codec), sync; block = count, size, data, sync.
    @Test func exactBytesOfASmallFile() throws {
        let writer = try AvroFileWriter<Int64>(schema: .long, syncMarker: Self.sync)
        try writer.append(1)
        try writer.append(-2)
        try writer.close()
        let expected = hexBytes("4f626a01 04")
            + [0x16] + Array("avro.schema".utf8) + [0x0c] + Array("\"long\"".utf8)
            + [0x14] + Array("avro.codec".utf8) + [0x08] + Array("null".utf8)
            + [0x00] + Self.sync
            + [0x04, 0x04, 0x02, 0x03] + Self.sync
        #expect([UInt8](writer.data) == expected)
        #expect(writer.header.syncMarker == Self.sync)
        #expect(writer.header.codecName == "null")
    }

    // Item 75: no value, no block.
    @Test func fileWithoutValuesIsAHeader() throws {
        let writer = try AvroFileWriter<Int64>(schema: .long, syncMarker: Self.sync)
        try writer.close()
        #expect([UInt8](writer.data) == writer.header.encoded())
        let reader = try AvroFileReader<Int64>(data: writer.data)
        #expect(try reader.next() == nil)
        #expect(reader.header == writer.header)
    }

    @Test func roundTripWithEveryCodec() throws {
        let values = ContainerFixtures.readings(300)
        for codec in ContainerFixtures.availableCodecs {
            let writer = try AvroFileWriter<Reading>(schema: ContainerFixtures.readingSchema(), codec: codec, blockSize: 1000)
            try writer.append(contentsOf: values)
            try writer.close()
            let reader = try AvroFileReader<Reading>(data: writer.data)
            #expect(reader.header.codecName == codec.name)
            #expect(reader.header.metadata["avro.codec"] == Array(codec.name.utf8))
            #expect(try ContainerFixtures.readAll(reader) == values, "\(codec.name)")
            let blocks = try ContainerFixtures.blocks(of: writer.data)
            #expect(blocks.count > 5, "\(codec.name)")
            #expect(blocks.map(\.count).reduce(0, +) == 300)
        }
    }

    // Item 81: a user codec, registered by name, writes and reads like the standard ones.
    @Test func userCodec() throws {
        struct ReversingCodec: AvroCodec {
            var name: String { "test-reversing" }
            func compress(_ data: [UInt8]) throws -> [UInt8] { data.reversed() }
            func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] { data.reversed() }
        }
        AvroCodecs.register(ReversingCodec())
        let writer = try AvroFileWriter<Int64>(schema: .long, codec: ReversingCodec(), syncMarker: Self.sync)
        try writer.append(contentsOf: [1, 2, 300])
        try writer.close()
        // The block: 3 objects, 4 bytes: `02 04 d8 04` reversed.
        #expect(Array(writer.data.suffix(22)) == [0x06, 0x08, 0x04, 0xd8, 0x04, 0x02] + Self.sync)
        #expect(try ContainerFixtures.readAll(AvroFileReader<Int64>(data: writer.data)) == [1, 2, 300])
    }

    // Item 79: a block ends at `blockSize` bytes of encoded values, or at `blockSize` values.
    @Test func blocksEndAtTheBlockSize() throws {
        let writer = try AvroFileWriter<String>(schema: .string, blockSize: 100)
        try writer.append(contentsOf: (0..<50).map { _ in String(repeating: "x", count: 9) }) // 10 bytes each
        try writer.close()
        #expect(try ContainerFixtures.blocks(of: writer.data).map(\.count) == [10, 10, 10, 10, 10])

        let nulls = try AvroFileWriter<AvroValue>(schema: .null, blockSize: 4)
        try nulls.append(contentsOf: Array(repeating: AvroValue.null, count: 10))
        try nulls.close()
        #expect(try ContainerFixtures.blocks(of: nulls.data).map(\.count) == [4, 4, 2])
    }

    @Test func flushEndsTheBlockAndTheFileReadsWhileOpen() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("flush.avro")
        let writer = try AvroFileWriter<Reading>(url: url, schema: ContainerFixtures.readingSchema())
        // The header is written at once: the file is readable (and empty) from the start.
        #expect(try AvroFileReader<Reading>.count(url: url) == 0)
        try writer.append(contentsOf: ContainerFixtures.readings(3))
        #expect(try AvroFileReader<Reading>.count(url: url) == 0)
        try writer.flush()
        try writer.flush() // nothing to write: no empty block
        #expect(try ContainerFixtures.readAll(AvroFileReader<Reading>(url: url)) == ContainerFixtures.readings(3))
        try writer.append(contentsOf: ContainerFixtures.readings(2, from: 3))
        try writer.close()
        #expect(try ContainerFixtures.readAll(AvroFileReader<Reading>(url: url)) == ContainerFixtures.readings(5))
        #expect(try ContainerFixtures.blocks(of: Data(contentsOf: url)).map(\.count) == [3, 2])
        #expect(writer.data.isEmpty)
    }

    @Test func aValueThatDoesNotEncodeLeavesTheBlockAsItWas() throws {
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"Small","fields":[{"name":"n","type":"int"}]}"#)
        struct Small: Codable, Equatable { var n: Int64 }
        let writer = try AvroFileWriter<Small>(schema: schema)
        try writer.append(Small(n: 1))
        expectEncodingError(.valueOutOfRange, at: ["n"]) { try writer.append(Small(n: 1 << 40)) }
        try writer.append(Small(n: 2))
        try writer.close()
        #expect(try ContainerFixtures.readAll(AvroFileReader<Small>(data: writer.data)) == [Small(n: 1), Small(n: 2)])
    }

    @Test func closedWriter() throws {
        let writer = try AvroFileWriter<Int64>(schema: .long)
        try writer.append(7)
        try writer.close()
        try writer.close()
        let error = expectAvroError(.io) { try writer.append(8) }
        #expect(error?.message == "the writer is closed")
        expectAvroError(.io) { try writer.flush() }
        #expect(try ContainerFixtures.readAll(AvroFileReader<Int64>(data: writer.data)) == [7])
    }

    // Item 77: user metadata is bytes; `avro.` keys are reserved.
    @Test func metadata() throws {
        let binary: [UInt8] = [0xff, 0x00, 0xfe]
        let writer = try AvroFileWriter<Int64>(schema: .long, metadata: ["user.blob": binary, "user.text": Array("hé".utf8)])
        try writer.close()
        let header = try AvroFileReader<Int64>(data: writer.data).header
        #expect(header.metadata["user.blob"] == binary)
        #expect(header.metadata["user.text"] == Array("hé".utf8))
        #expect(Set(header.metadata.keys) == ["avro.schema", "avro.codec", "user.blob", "user.text"])

        let reserved = expectAvroError(.invalidFile) { _ = try AvroFileWriter<Int64>(schema: .long, metadata: ["avro.mine": []]) }
        #expect(reserved?.message == "the metadata key 'avro.mine' is reserved: keys starting with 'avro.' belong to Avro")
        let shortSync = expectAvroError(.invalidFile) { _ = try AvroFileWriter<Int64>(schema: .long, syncMarker: [1, 2, 3]) }
        #expect(shortSync?.message == "a sync marker has 16 bytes, found 3")
    }

    // Item 76: writers pick the sync marker at random.
    @Test func randomSyncMarkers() throws {
        let markers = try (0..<4).map { _ in try AvroFileWriter<Int64>(schema: .long).header.syncMarker }
        #expect(markers.allSatisfy { $0.count == 16 })
        #expect(Set(markers).count == 4)
    }

    @Test func schemaThatDoesNotCompileIsRefused() throws {
        let schema = AvroSchema.array(.reference("test.Missing"))
        #expect(throws: AvroError.self) { _ = try AvroFileWriter<[Int64]>(schema: schema) }
    }

    @Test func avroValuesAndCodableTypesShareTheFormat() throws {
        let schema = try ContainerFixtures.readingSchema()
        let value: AvroValue = .record([("id", .long(5)), ("sensor", "s"), ("value", .double(0.5)), ("tags", ["a"]),
                                        ("note", .union(branch: 1, value: "x"))])
        let writer = try AvroFileWriter<AvroValue>(schema: schema, codec: AvroDeflateCodec())
        try writer.append(value)
        try writer.close()
        #expect(try ContainerFixtures.readAll(AvroFileReader<Reading>(data: writer.data))
            == [Reading(id: 5, sensor: "s", value: 0.5, tags: ["a"], note: "x")])
        #expect(try ContainerFixtures.readAll(AvroFileReader<AvroValue>(data: writer.data)) == [value])
    }

    @Test func writingToAFileHandle() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("handle.avro")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("prefix".utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let writer = try AvroFileWriter<Int64>(fileHandle: handle, schema: .long, codec: AvroSnappyCodec())
        try writer.append(contentsOf: [10, 20])
        try writer.close()
        // The handle stays open.
        try handle.write(contentsOf: Data())
        try handle.close()
        let reading = try FileHandle(forReadingFrom: url)
        #expect(try reading.read(upToCount: 6) == Data("prefix".utf8))
        #expect(try ContainerFixtures.readAll(AvroFileReader<Int64>(fileHandle: reading)) == [10, 20])
    }
}

/// Stored blocks copied between files with the same schema and codec, without decoding.
@Suite struct StoredBlockTests {
    @Test func storedBlocksCopyIntoAnotherFileUnchanged() throws {
        let schema = AvroSchema.long
        let source = try AvroFileWriter<Int64>(schema: schema, codec: AvroDeflateCodec(), blockSize: 16)
        try source.append(contentsOf: (0..<100).map(Int64.init))
        try source.close()
        let reader = try AvroFileReader<Int64>(data: source.data)
        let target = try AvroFileWriter<Int64>(schema: schema, codec: AvroDeflateCodec())
        try target.append(-1)
        var blocks: [AvroFileStoredBlock] = []
        while let block = try reader.nextStoredBlock() {
            blocks.append(block)
            try target.appendStoredBlock(block)
        }
        try target.append(100)
        try target.close()
        #expect(blocks.count > 5)
        #expect(blocks.reduce(0) { $0 + $1.count } == 100)
        #expect(Array(try AvroFileReader<Int64>(data: target.data)) == [-1] + (0..<101).map(Int64.init))
        // The stored data is the source file's bytes, still compressed.
        #expect(source.data.range(of: Data(blocks[0].data)) != nil)
        #expect(try AvroDeflateCodec().decompress(blocks[0].data, limit: 1 << 20).count > 0)
    }
}
