import Testing
@testable import Avro

/// The seed's Person record.
@Suite struct PersonValueTests {
    static let personSchema = """
        {"type": "record", "name": "Person", "namespace": "example.avro", "fields": [
            {"name": "name", "type": "string"},
            {"name": "age", "type": "int"},
            {"name": "email", "type": "string"}]}
        """
    static let aliceBytes: [UInt8] = [
        0x0a, 0x41, 0x6c, 0x69, 0x63, 0x65, 0x3c, 0x22, 0x61, 0x6c, 0x69, 0x63, 0x65, 0x40,
        0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d,
    ]

    @Test func aliceEncodesToTheSeedBytes() throws {
        let schema = try AvroSchema(parsing: Self.personSchema)
        let alice: AvroValue = .record([("name", "Alice"), ("age", .int(30)), ("email", "alice@example.com")])
        #expect(try alice.encoded(as: schema) == Self.aliceBytes)
    }

    @Test func aliceDecodesFromTheSeedBytes() throws {
        let schema = try AvroSchema(parsing: Self.personSchema)
        let value = try AvroValue(decoding: Self.aliceBytes, as: schema)
        #expect(value == .record([("name", "Alice"), ("age", .int(30)), ("email", "alice@example.com")]))
    }
}
