import Foundation
import Testing
@testable import Avro

/// A reader type named `PersonV2` reads data written as `Person`: the root records resolve
/// whatever their names, through every entry point, and the checker agrees.
@Suite struct RootNameResolutionTests {
    struct Person: Codable, Equatable { var name: String; var age: Int32 }
    struct PersonV2: Codable, Equatable { var name: String; var age: Int64; var email: String? }

    @Test func aRenamedReaderTypeReadsTheOldData() throws {
        let v1 = try AvroSchema(deriving: Person.self)
        let v2 = try AvroSchema(deriving: PersonV2.self)
        #expect(AvroSchemaCompatibility.check(reader: v2, writer: v1).isEmpty)
        let alice = Person(name: "Alice", age: 30)
        let expected = PersonV2(name: "Alice", age: 30, email: nil)
        let bytes = try AvroEncoder().encodeBytes(alice)
        #expect(try AvroDecoder().decode(PersonV2.self, from: bytes, writerSchema: v1) == expected)
        #expect(try AvroDecoder().resolving(writerSchema: v1).decode(PersonV2.self, from: bytes) == expected)
        #expect(try AvroValue(decoding: bytes, writerSchema: v1, readerSchema: v2) == .record([("name", "Alice"), ("age", .long(30)), ("email", .union(branch: 0, value: .null))]))

        let store = AvroSchemaStore()
        store.add(v1)
        store.add(v1, id: 42)
        let message = try AvroEncoder(schema: v1).encodeSingleObject(alice)
        #expect(try AvroDecoder(schema: v2).decodeSingleObject(PersonV2.self, from: message, schemas: store) == expected)
        let kafka = try AvroEncoder(schema: v1).encodeConfluent(alice, schemaID: 42)
        #expect(try AvroDecoder(schema: v2).decodeConfluent(PersonV2.self, from: kafka, schemas: store) == expected)

        let writer = try AvroFileWriter<Person>()
        try writer.append(alice)
        try writer.close()
        let options = AvroFileReaderOptions(readerSchema: v2)
        #expect(try Array(AvroFileReader<PersonV2>(data: writer.data, options: options)) == [expected])
    }
}
