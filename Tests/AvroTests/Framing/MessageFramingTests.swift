import Foundation
import Testing
@testable import Avro

/// Single-object encoding and Confluent's wire format.
@Suite struct MessageFramingTests {
    struct TestMessage: Codable, Equatable {
        var id: Int64
        var name: String
        var tags: [String]
    }

    /// Java wrote messageV1/test_message.bin; we read it and write the same 38 bytes.
    @Test(.enabled(if: TestData.isAvailable)) func javasSingleObjectMessage() throws {
        let schema = try AvroSchema(parsing: TestData.text("share-test-data/messageV1/test_schema.avsc"))
        let message = try TestData.bytes("share-test-data/messageV1/test_message.bin")
        #expect(message.count == 38)
        #expect(Array(message[0..<10]) == hexBytes("c3 01 a9 2d e1 f8 a2 42 f5 3d"))
        #expect(AvroMessageFraming.singleObjectHeader(for: schema) == Array(message[0..<10]))
        let decoded = try AvroDecoder(schema: schema).decodeSingleObject(TestMessage.self, from: message, schemas: AvroSchemaStore([schema]))
        #expect(decoded == TestMessage(id: 42, name: "Bill", tags: ["dog_lover", "cat_hater"]))
        #expect(try [UInt8](AvroEncoder(schema: schema).encodeSingleObject(decoded)) == message)
    }

    /// generate.py wrote interop record 0 in both framings; the bodies equal the plain record.
    @Test(.enabled(if: TestData.isAvailable)) func interopRecordInBothFramings() throws {
        let schema = try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
        let plain = try TestData.bytes("generated/interop-record0.bin")
        let single = try TestData.bytes("generated/interop-record0.single-object.bin")
        let confluent = try TestData.bytes("generated/interop-record0.confluent-id-42.bin")
        #expect(Array(single[0..<10]) == hexBytes("c3 01 e8 2c 0a 93 a6 a0 b5 a4"))
        #expect(Array(confluent[0..<5]) == hexBytes("00 00 00 00 2a"))
        let store = AvroSchemaStore()
        store.add(schema, id: 42)
        let decoder = AvroDecoder(schema: schema)
        let value = try AvroValue(decoding: plain, as: schema)
        #expect(try decoder.decodeSingleObject(AvroValue.self, from: single, schemas: store) == value)
        #expect(try decoder.decodeConfluent(AvroValue.self, from: confluent, schemas: store) == value)
        let encoder = AvroEncoder(schema: schema)
        #expect(try [UInt8](encoder.encodeSingleObject(value)) == single)
        #expect(try [UInt8](encoder.encodeConfluent(value, schemaID: 42)) == confluent)
    }

    struct PersonV1: Codable { var name: String; var age: Int32 }
    struct PersonV2: Codable, Equatable { var name: String; var age: Int64; var country: String }

    @Test func messagesResolveIntoTodaysSchema() throws {
        let v1 = try AvroSchema(deriving: PersonV1.self)
        let v2 = try AvroSchema(parsing: #"{"type":"record","name":"PersonV1","fields":[{"name":"name","type":"string"},{"name":"age","type":"long"},{"name":"country","type":"string","default":"NL"}]}"#)
        let store = AvroSchemaStore()
        store.add(v1, id: 7)
        let single = try AvroEncoder().encodeSingleObject(PersonV1(name: "Ann", age: 3))
        let confluent = try AvroEncoder().encodeConfluent(PersonV1(name: "Ann", age: 3), schemaID: 7)
        let expected = PersonV2(name: "Ann", age: 3, country: "NL")
        #expect(try AvroDecoder(schema: v2).decodeSingleObject(PersonV2.self, from: single, schemas: store) == expected)
        #expect(try AvroDecoder(schema: v2).decodeConfluent(PersonV2.self, from: confluent, schemas: store) == expected)
    }

    @Test func malformedMessagesAreExplained() throws {
        let store = AvroSchemaStore([.long])
        let decoder = AvroDecoder(schema: .long)
        expectAvroError(.invalidMessage) { _ = try decoder.decodeSingleObject(Int64.self, from: [0xC3, 0x01, 0x00], schemas: store) }
        expectAvroError(.invalidMessage) { _ = try decoder.decodeSingleObject(Int64.self, from: [UInt8](repeating: 0, count: 12), schemas: store) }
        expectAvroError(.unknownSchema) { _ = try decoder.decodeSingleObject(Int64.self, from: AvroMessageFraming.singleObjectHeader(for: .string) + [0], schemas: store) }
        expectAvroError(.invalidMessage) { _ = try decoder.decodeConfluent(Int64.self, from: [0x01, 0, 0, 0, 1, 2], schemas: store) }
        expectAvroError(.unknownSchema) { _ = try decoder.decodeConfluent(Int64.self, from: [0x00, 0, 0, 0, 9, 2], schemas: store) }
        // A known schema and a good header, but a truncated value.
        let header = AvroMessageFraming.singleObjectHeader(for: .long)
        #expect(throws: DecodingError.self) { _ = try decoder.decodeSingleObject(Int64.self, from: header + [0x80], schemas: store) }
        #expect(try decoder.decodeSingleObject(Int64.self, from: header + [0x54], schemas: store) == 42)
    }
}
