// The SchemaEvolution example: records written with an old schema, read into today's struct.
import Avro
import Foundation

// Version 1 of Person, as an older program wrote it.
struct PersonV1: Codable {
    var name: String
    var age: Int32
    var phone: String
}
let v1 = try AvroSchema(parsing: """
    {"type": "record", "name": "Person", "fields": [
      {"name": "name", "type": "string"},
      {"name": "age", "type": "int"},
      {"name": "phone", "type": "string"}]}
    """)

// Version 2: `name` renamed to `fullName` (its alias finds the old name), `email` added with a
// default, `phone` dropped, and `age` widened from int to long.
struct Person: Codable {
    var fullName: String
    var age: Int64
    var email: String
}
let v2 = try AvroSchema(parsing: """
    {"type": "record", "name": "Person", "fields": [
      {"name": "fullName", "type": "string", "aliases": ["name"]},
      {"name": "age", "type": "long"},
      {"name": "email", "type": "string", "default": "unknown"}]}
    """)

// Write with v1, read with v2: the decoder resolves v1 data into the v2 struct.
let encoder = AvroEncoder(schema: v1)
let decoder = AvroDecoder(schema: v2)
for old in [PersonV1(name: "Alice", age: 30, phone: "555-0100"), PersonV1(name: "Bob", age: 41, phone: "555-0199")] {
    let data = try encoder.encode(old)
    let new = try decoder.decode(Person.self, from: data, writerSchema: v1)
    print("written: \(old)")
    print("read:    \(new)")
}

// The verdicts a schema registry would give.
func verdict(_ problems: [AvroSchemaCompatibility.Incompatibility]) -> String {
    problems.isEmpty ? "compatible" : "incompatible\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
}
print("v2 reads v1 data (backward):", verdict(AvroSchemaCompatibility.check(v2, against: [v1], mode: .backward)))
print("v1 reads v2 data (forward):", verdict(AvroSchemaCompatibility.check(v2, against: [v1], mode: .forward)))
