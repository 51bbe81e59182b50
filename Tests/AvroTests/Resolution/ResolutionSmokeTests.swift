import Foundation
import Testing
@testable import Avro

@Suite struct ResolutionSmokeTests {
    static let v1 = """
        {"type":"record","name":"Person","fields":[
          {"name":"name","type":"string"},{"name":"age","type":"int"},
          {"name":"email","type":"string"},{"name":"phone","type":"string"}]}
        """
    static let v2 = """
        {"type":"record","name":"Person","fields":[
          {"name":"fullName","type":"string","aliases":["name"]},{"name":"age","type":"long"},
          {"name":"country","type":"string","default":"NL"},{"name":"email","type":"string"}]}
        """

    struct PersonV2: Codable, Equatable {
        var fullName: String
        var age: Int
        var country: String
        var email: String
    }

    @Test func v1DataReadsAsV2() throws {
        let writer = try AvroSchema(parsing: Self.v1)
        let reader = try AvroSchema(parsing: Self.v2)
        let old: AvroValue = .record([("name", "Alice"), ("age", .int(30)), ("email", "alice@example.com"), ("phone", "555")])
        let bytes = try old.encoded(as: writer)
        let person = try AvroDecoder(schema: reader).decode(PersonV2.self, from: bytes, writerSchema: writer)
        #expect(person == PersonV2(fullName: "Alice", age: 30, country: "NL", email: "alice@example.com"))
        let value = try AvroValue(decoding: bytes, writerSchema: writer, readerSchema: reader)
        #expect(value == .record([("fullName", "Alice"), ("age", .long(30)), ("country", "NL"), ("email", "alice@example.com")]))
        #expect(AvroSchemaCompatibility.check(reader: reader, writer: writer).isEmpty)
    }

    @Test func aDecoderPreparedForAWriterSchemaResolvesEveryCall() throws {
        let writer = try AvroSchema(parsing: Self.v1)
        let reader = try AvroSchema(parsing: Self.v2)
        let decoder = try AvroDecoder(schema: reader).resolving(writerSchema: writer)
        #expect(decoder.writerSchema == writer)
        #expect(AvroDecoder(schema: reader).writerSchema == nil)
        for (name, age) in [("Alice", 30), ("Bob", -4), ("Carol", 1 << 20)] {
            let old: AvroValue = .record([("name", .string(name)), ("age", .int(Int32(age))), ("email", "e@x"), ("phone", "1")])
            let person = try decoder.decode(PersonV2.self, from: try old.encoded(as: writer))
            #expect(person == PersonV2(fullName: name, age: age, country: "NL", email: "e@x"))
        }
        // Without a schema of its own, the decoder resolves into each type's derived schema.
        struct Person: Decodable, Equatable {
            var age: Int64
        }
        let derived = try AvroDecoder().resolving(writerSchema: writer)
        let bytes = try AvroValue.record([("name", "A"), ("age", .int(7)), ("email", "e"), ("phone", "p")]).encoded(as: writer)
        #expect(try derived.decode(Person.self, from: bytes) == Person(age: 7))
        do {
            // A reader the writer cannot be read as fails with the resolution's error.
            struct Person: Decodable {
                var missing: String
            }
            let error = expectDecodingError(.incompatibleSchemas) { _ = try derived.decode(Person.self, from: bytes) }
            #expect(error?.message.contains("missing") == true)
        }
    }

    @Test func incompatibilitiesAreListedWithPaths() throws {
        let writer = try AvroSchema(parsing: Self.v2)
        let reader = try AvroSchema(parsing: Self.v1)
        let problems = AvroSchemaCompatibility.check(reader: reader, writer: writer).map(\.description)
        #expect(problems == [
            "age: the writer's long cannot be read as the reader's int",
            "name: the reader's field 'name' of Person is not in the writer's schema and has no default",
            "phone: the reader's field 'phone' of Person is not in the writer's schema and has no default",
        ])
        let intReader = try AvroSchema(parsing: #"{"type":"record","name":"Person","fields":[{"name":"age","type":"int"},{"name":"phone","type":"string","default":""}]}"#)
        #expect(AvroSchemaCompatibility.check(reader: intReader, writer: writer).map(\.description) == [
            "age: the writer's long cannot be read as the reader's int",
        ])
    }
}
