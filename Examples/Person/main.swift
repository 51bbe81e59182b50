// The Person example: a Swift struct to Avro binary and back, with no schema written by hand.
import Avro
import Foundation

struct Person: Codable {
    var name: String
    var age: Int32
    var email: String
}

let alice = Person(name: "Alice", age: 30, email: "alice@example.com")
let data = try AvroEncoder().encode(alice)
print("Avro binary (\(data.count) bytes):", data.map { String(format: "%02x", $0) }.joined(separator: " "))
let person = try AvroDecoder().decode(Person.self, from: data)
print("Deserialized Person: \(person)")
