// Prints the Avro schema (.avsc) derived from a Swift type, ready to publish.
import Avro

struct Person: Codable {
    var name: String
    var age: Int32
    var email: String
}

print(try AvroSchema(deriving: Person.self).jsonString(pretty: true))
