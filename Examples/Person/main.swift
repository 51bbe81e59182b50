// The Person example: a Swift struct to Avro and back, with no schema written by hand.
import Avro
import Foundation

struct Person: Codable {
    var name: String
    var age: Int32
    var email: String
}

let alice = Person(name: "Alice", age: 30, email: "alice@example.com")

// One value as Avro binary.
let data = try AvroEncoder().encode(alice)
print("Avro binary (\(data.count) bytes):", data.map { String(format: "%02x", $0) }.joined(separator: " "))

// An object container file, readable by every Avro implementation.
let url = URL(fileURLWithPath: "person.avro")
let writer = try AvroFileWriter<Person>(url: url, codec: AvroDeflateCodec())
try writer.append(alice)
try writer.close()
let reader = try AvroFileReader<Person>(url: url)
print("Schema:", reader.header.schema.jsonString())
for person in reader {
    print("Deserialized Person: \(person)")
}
if let error = reader.error { throw error }
