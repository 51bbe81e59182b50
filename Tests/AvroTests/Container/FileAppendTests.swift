import Foundation
import Testing
@testable import Avro

/// `AvroFileWriter(appendingTo:)` keeps the file's header and refuses another schema
///.
@Suite struct FileAppendTests {
    typealias Reading = ContainerFixtures.Reading

    static func writeFile(_ url: URL, codec: any AvroCodec, count: Int) throws -> AvroFileHeader {
        let writer = try AvroFileWriter<Reading>(url: url, schema: ContainerFixtures.readingSchema(), codec: codec,
                                                 metadata: ["user.origin": [0xff]])
        try writer.append(contentsOf: ContainerFixtures.readings(count))
        try writer.close()
        return writer.header
    }

    @Test func appendKeepsTheHeaderAndAddsBlocks() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("append.avro")
        let original = try Self.writeFile(url, codec: AvroDeflateCodec(), count: 3)
        let headerBytes = try Data(contentsOf: url).prefix(original.encoded().count)

        let writer = try AvroFileWriter<Reading>(appendingTo: url, schema: ContainerFixtures.readingSchema())
        #expect(writer.header == original)
        try writer.append(contentsOf: ContainerFixtures.readings(2, from: 3))
        try writer.close()

        let data = try Data(contentsOf: url)
        #expect(data.prefix(headerBytes.count) == headerBytes)
        let reader = try AvroFileReader<Reading>(url: url)
        #expect(reader.header.codecName == "deflate")
        #expect(try ContainerFixtures.readAll(reader) == ContainerFixtures.readings(5))
        #expect(try ContainerFixtures.blocks(of: data).map(\.count) == [3, 2])
    }

    @Test func appendToAFileWithoutBlocks() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("empty.avro")
        _ = try Self.writeFile(url, codec: AvroNullCodec(), count: 0)
        let writer = try AvroFileWriter<Reading>(appendingTo: url, schema: ContainerFixtures.readingSchema())
        try writer.append(contentsOf: ContainerFixtures.readings(4))
        try writer.close()
        #expect(try ContainerFixtures.readAll(AvroFileReader<Reading>(url: url)) == ContainerFixtures.readings(4))
    }

    // The schema text may differ (docs, defaults) as long as the canonical form is the same.
    @Test func schemaIsComparedByCanonicalForm() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("schema.avro")
        _ = try Self.writeFile(url, codec: AvroNullCodec(), count: 1)

        var documented = try ContainerFixtures.readingSchema()
        if case .record(var record) = documented.kind {
            record.doc = "Readings with a doc"
            documented = .record(record)
        }
        #expect(documented != (try ContainerFixtures.readingSchema()))
        try AvroFileWriter<Reading>(appendingTo: url, schema: documented).close()

        let other = try AvroSchema(parsing: #"{"type":"record","name":"Reading","namespace":"test.container","fields":[{"name":"id","type":"long"}]}"#)
        let error = expectAvroError(.incompatibleSchemas) { _ = try AvroFileWriter<Reading>(appendingTo: url, schema: other) }
        #expect(error?.message.hasPrefix("cannot append values of the schema {\"name\":\"test.container.Reading\"") == true)
        #expect(error?.message.contains(", whose schema is {\"name\":\"test.container.Reading\",\"type\":\"record\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"sensor\"") == true)
    }

    @Test func appendRefusesAFileThatEndsInsideABlock() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("partial.avro")
        _ = try Self.writeFile(url, codec: AvroNullCodec(), count: 3)
        var data = try Data(contentsOf: url)
        data.removeLast(5)
        try data.write(to: url)
        let error = expectAvroError(.invalidFile) {
            _ = try AvroFileWriter<Reading>(appendingTo: url, schema: ContainerFixtures.readingSchema())
        }
        #expect(error?.message.hasSuffix("does not end with a complete block (its last bytes are not its sync marker); repair it before appending") == true)

        expectAvroError(.io) {
            _ = try AvroFileWriter<Reading>(appendingTo: directory.file("missing.avro"), schema: ContainerFixtures.readingSchema())
        }
    }
}
