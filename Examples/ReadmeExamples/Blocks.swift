import Avro
import Foundation

/// The README's blocks after the first, in order.
@MainActor let readmeBlocks: [@MainActor () throws -> Void] = [block2, block3, block4, block5, block6, block7, block8, block9, block10, block11, block12, block13, block14, block15]

@MainActor func block2() throws {
    // README block 2
    let schema = try AvroSchema(parsing: """
        {"type": "record", "name": "Person", "namespace": "example.avro", "fields": [
            {"name": "name", "type": "string"},
            {"name": "age", "type": "int"},
            {"name": "email", "type": ["null", "string"], "default": null}]}
        """)
    print(schema.jsonString(pretty: true))   // print it back (attributes the spec does not define are kept)
    print(schema.canonicalForm)              // Parsing Canonical Form
    print(schema.fingerprint64)              // CRC-64-AVRO (Java prints Int64(bitPattern:) of it)
    print(schema.fingerprint(.sha256))       // also .md5, .crc64Avro (little-endian bytes)
    // End of README block 2
    try expect(schema.canonicalForm == #"{"name":"example.avro.Person","type":"record","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"},{"name":"email","type":["null","string"]}]}"#, "block 2's canonical form")
}

@MainActor func block3() throws {
    let schema = try AvroSchema(parsing: personSchemaText)
    // README block 3
    let encoder = AvroEncoder(schema: schema)      // or AvroEncoder()
    let bytes: [UInt8] = try encoder.encodeBytes(person)
    var buffer: [UInt8] = []
    try encoder.encode(person, into: &buffer)       // append to a reused buffer
    let back = try AvroDecoder(schema: schema).decode(Person.self, from: bytes)
    // End of README block 3
    try expect(buffer == bytes && back.name == person.name && back.email == person.email, "block 3's round trip")
}

@MainActor func block4() throws {
    // README block 4
    print(try AvroSchema(deriving: Person.self).jsonString(pretty: true))
    // End of README block 4
}

@MainActor func block5() throws {
    // README block 5
    struct Account: Codable, AvroCustomizing {
        var opened: Date
        var balance: Decimal
        static let avroNamespace: String? = "com.example"
        static let avroFields: [String: AvroFieldOptions] = [
            "opened": .init(doc: "When the account was opened", logicalType: .timestampMicros),
            "balance": .init(logicalType: .decimal(precision: 12, scale: 2)),
        ]
    }
    // End of README block 5
    let account = Account(opened: Date(timeIntervalSince1970: 1_700_000_000.25), balance: Decimal(string: "1234.56")!)
    let back = try AvroDecoder().decode(Account.self, from: AvroEncoder().encode(account))
    try expect(back.opened == account.opened && back.balance == account.balance, "block 5's round trip")
    try expect(try AvroSchema(deriving: Account.self).jsonString().contains(#""logicalType":"timestamp-micros""#), "block 5's schema")
}

@MainActor func block6() throws {
    // README block 6
    struct Activity: Codable, AvroCustomizing {
        var type: String
        var contentType: String
        enum CodingKeys: String, CodingKey { case type = "@type", contentType = "content-type" }
        static let avroFields: [String: AvroFieldOptions] = ["@type": .init(name: "type"), "content-type": .init(name: "content_type")]
    }
    // End of README block 6
    let activity = Activity(type: "Note", contentType: "text/plain")
    let back = try AvroDecoder().decode(Activity.self, from: AvroEncoder().encode(activity))
    try expect(back.type == "Note" && back.contentType == "text/plain", "block 6's round trip")
    try expect(try AvroSchema(deriving: Activity.self).jsonString() == #"{"type":"record","name":"Activity","fields":[{"name":"type","type":"string"},{"name":"content_type","type":"string"}]}"#, "block 6's schema")
}

@MainActor func block7() throws {
    struct Card: Codable { var last4: String }
    struct Cash: Codable { var currency: String }
    // README block 7
    enum Payment: Codable {
        case card(Card)
        case cash(Cash)
        case transfer(iban: String)
        enum CodingKeys: CodingKey, CaseIterable { case card, cash, transfer }
    }
    // ["Card" record, "Cash" record, {"type":"record","name":"Payment.transfer","fields":[{"name":"iban",…}]}]
    // End of README block 7
    let union = try AvroSchema(deriving: Payment.self)
    try expect(union.jsonString() == #"[{"type":"record","name":"Card","fields":[{"name":"last4","type":"string"}]},{"type":"record","name":"Cash","fields":[{"name":"currency","type":"string"}]},{"type":"record","name":"transfer","namespace":"Payment","fields":[{"name":"iban","type":"string"}]}]"#, "block 7's schema")
    let back = try AvroDecoder().decode(Payment.self, from: AvroEncoder().encode(Payment.transfer(iban: "DE89")))
    guard case .transfer(let iban) = back, iban == "DE89" else { throw ReadmeMismatch(description: "block 7's round trip") }
}

@MainActor func block8() throws {
    // README block 8
    // Account and AccountKind were generated from Account.avsc at build time.
    let account = Account(id: 7, owner: "Ada", opened: Date(timeIntervalSince1970: 0), email: "ada@example.com")
    let encoded = try AvroEncoder().encodeBytes(account)   // the type's own code, straight to the writer
    let read = try AvroDecoder().decode(Account.self, from: encoded)
    print(read.kind, read == account)                        // checking true
    print(try AvroSchema(deriving: Account.self) == Account.avroSchema)   // the .avsc's schema: true
    // End of README block 8
    try expect(read == account && read.kind == .checking, "block 8's account")
    try expect(encoded == [0x0e, 0x06, 0x41, 0x64, 0x61, 0x00, 0x00, 0x02, 0x1e] + Array("ada@example.com".utf8), "block 8's bytes")
    try expect(try AvroSchema(deriving: Account.self) == Account.avroSchema, "block 8's schema")
}

@MainActor func block9() throws {
    let schema = try AvroSchema(parsing: personSchemaText)
    // README block 9
    let alice: AvroValue = .record([("name", "Alice"), ("age", .int(30)), ("email", .union(branch: 1, value: "alice@example.com"))])
    let bytes = try alice.encoded(as: schema)
    let value = try AvroValue(decoding: bytes, as: schema)
    try alice.validate(against: schema)   // ranges, symbols, fixed sizes, union branches, missing fields
    // End of README block 9
    try expect(value == alice, "block 9's round trip")
}

@MainActor func block10() throws {
    let (v1, v2) = (try AvroSchema(parsing: personV1Text), try AvroSchema(parsing: personV2Text))
    let data = try AvroValue.record([("name", "Ann"), ("age", .int(41)), ("email", "ann@example.com"), ("phone", "555")]).encoded(as: v1)
    let messages = [data, data]
    // README block 10
    let person = try AvroDecoder(schema: v2).decode(Person.self, from: data, writerSchema: v1)
    let value = try AvroValue(decoding: data, writerSchema: v1, readerSchema: v2)

    // Many values from one writer (a producer's messages): prepare the decoder once.
    let fromV1 = try AvroDecoder(schema: v2).resolving(writerSchema: v1)
    let people = try messages.map { try fromV1.decode(Person.self, from: $0) }
    // End of README block 10
    try expect(person.age == 41 && value["age"] == .long(41) && people.map(\.name) == ["Ann", "Ann"], "block 10's values")
}

@MainActor func block11() throws {
    let (v1, v2) = (try AvroSchema(parsing: personV1Text), try AvroSchema(parsing: personV2Text))
    let v3 = try AvroSchema(parsing: #"{"type":"record","name":"Person","fields":[{"name":"name","type":"string"},{"name":"age","type":"long"},{"name":"email","type":"string"},{"name":"nickname","type":["null","string"],"default":null}]}"#)
    // README block 11
    for problem in AvroSchemaCompatibility.check(reader: v1, writer: v2) { print(problem) }
    // age: the writer's long cannot be read as the reader's int
    // phone: the reader's field 'phone' of Person is not in the writer's schema and has no default
    let problems = AvroSchemaCompatibility.check(v3, against: [v1, v2], mode: .fullTransitive)   // what registries enforce
    // End of README block 11
    try expect(AvroSchemaCompatibility.check(reader: v1, writer: v2).map(\.description) == [
        "age: the writer's long cannot be read as the reader's int",
        "phone: the reader's field 'phone' of Person is not in the writer's schema and has no default",
    ], "block 11's problems")
    try expect(!problems.isEmpty, "block 11's registry check")
}

@MainActor func block12() throws {
    let url = URL(fileURLWithPath: "people.avro")
    let people = [person, Person(name: "Bob", age: 52, email: "bob@example.com")]
    // README block 12
    let writer = try AvroFileWriter<Person>(url: url, codec: AvroZstandardCodec(), metadata: ["team": Array("data".utf8)])
    try writer.append(contentsOf: people)      // whole blocks of about 64 KB, then flush() or close()
    try writer.close()

    let reader = try AvroFileReader<Person>(url: url)   // one block in memory at a time
    print(reader.header.schema.jsonString(), reader.header.codecName, reader.header.metadata.keys.sorted())
    for person in reader { print(person.name) }
    if let error = reader.error { throw error }          // or `try reader.next()`, or `for try await p in reader.values`
    let count = try AvroFileReader<AvroValue>.count(url: url)   // from block counts, no decoding
    // End of README block 12
    try expect(count == 2, "block 12's count")
    let appender = try AvroFileWriter<Person>(appendingTo: url)
    try appender.append(person)
    try appender.close()
    try expect(try AvroFileReader<AvroValue>.count(url: url) == 3, "appending to block 12's file")
}

@MainActor func block13() throws {
    let schema = try AvroSchema(parsing: #"{"type":"record","name":"P","fields":[{"name":"name","type":"string"},{"name":"nickname","type":["null","string"]}]}"#)
    let value: AvroValue = .record([("name", "Ann"), ("nickname", .union(branch: 1, value: "A"))])
    // README block 13
    let text = try value.avroJSONString(as: schema)     // {"name":"Ann","nickname":{"string":"A"}}
    let back = try AvroValue(avroJSONString: text, as: schema)
    let json = try AvroEncoder().encodeAvroJSON(person)  // Codable types too
    let decoded = try AvroDecoder().decode(Person.self, fromAvroJSON: json)
    // End of README block 13
    try expect(text == #"{"name":"Ann","nickname":{"string":"A"}}"# && back == value && decoded.name == person.name, "block 13's JSON")
}

@MainActor func block14() throws {
    let personV1 = try AvroSchema(deriving: Person.self)
    let personV2 = try AvroSchema(deriving: PersonV2.self)
    // README block 14
    let store = AvroSchemaStore()
    store.add(personV1)                 // found by its CRC-64-AVRO fingerprint
    store.add(personV1, id: 42)         // or by a schema registry's id
    let message = try AvroEncoder(schema: personV1).encodeSingleObject(person)      // c3 01 + fingerprint + value
    let kafka = try AvroEncoder(schema: personV1).encodeConfluent(person, schemaID: 42)  // 00 + id + value
    let today = try AvroDecoder(schema: personV2).decodeSingleObject(PersonV2.self, from: message, schemas: store)
    let fromKafka = try AvroDecoder(schema: personV2).decodeConfluent(PersonV2.self, from: kafka, schemas: store)
    // End of README block 14
    let expected = PersonV2(name: person.name, age: Int64(person.age), email: person.email)
    try expect(today == expected && fromKafka == expected && Array(message.prefix(2)) == [0xC3, 0x01] && kafka.first == 0, "block 14's messages")
}

@MainActor func block15() throws {
    // The IDL file beside this one, which the AvroGenerate plugin also turns into Swift types.
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FrontDesk.avdl")
    try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: "FrontDesk.avdl"))
    // README block 15
    let idl = try AvroIDL(contentsOf: URL(fileURLWithPath: "FrontDesk.avdl"))
    print(idl.avroProtocol?.jsonString(pretty: true) ?? "")   // the protocol's JSON: an .avpr file
    let visitSchema = idl.namedSchemas[1]                     // Visit, standing alone: an .avsc
    let visit = Visit(name: "Ada", arrived: Date(timeIntervalSince1970: 1_767_225_600))  // the generated type
    let bytes = try AvroEncoder(schema: visitSchema).encodeBytes(visit)
    let back = try AvroDecoder(schema: visitSchema).decode(Visit.self, from: bytes)
    // End of README block 15
    let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../README.md").standardizedFileURL, encoding: .utf8)
    let text = try String(contentsOf: source, encoding: .utf8)
    try expect(readme.contains("```\n" + text + "```\n"), "block 15's IDL is FrontDesk.avdl")
    try expect(visitSchema == Visit.avroSchema && back == visit && visit.badge == .visitor && visit.host == nil, "block 15's Visit")
    try expect(idl.avroProtocol?.message(named: "checkIn")?.errors == [.reference("com.example.desk.Refused")], "block 15's message")
}

