import Avro
import Foundation

/// Thrown when what the README says a block gives is not what it gives.
struct ReadmeMismatch: Error, CustomStringConvertible {
    let description: String
}

/// Throws unless `condition` holds.
func expect(_ condition: Bool, _ what: String) throws {
    guard condition else { throw ReadmeMismatch(description: "the README is wrong: \(what)") }
}

/// The schema the README's schema section parses, which later sections use.
let personSchemaText = """
    {"type": "record", "name": "Person", "namespace": "example.avro", "fields": [
        {"name": "name", "type": "string"},
        {"name": "age", "type": "int"},
        {"name": "email", "type": ["null", "string"], "default": null}]}
    """

/// Two versions of Person's schema for the resolution and compatibility sections: version 2
/// widened `age` and dropped `phone`.
let personV1Text = #"{"type":"record","name":"Person","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"},{"name":"email","type":"string"},{"name":"phone","type":"string"}]}"#
let personV2Text = #"{"type":"record","name":"Person","fields":[{"name":"name","type":"string"},{"name":"age","type":"long"},{"name":"email","type":"string"}]}"#

/// Today's type in the messages section.
struct PersonV2: Codable, Equatable {
    var name: String
    var age: Int64
    var email: String?
}
