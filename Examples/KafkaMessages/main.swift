// The KafkaMessages example: one value per message, in Confluent's wire format (what Kafka's
// Avro serializers write) and in Avro's single-object encoding, read by a newer program
// whose type has changed since.
import Avro

// What the producer writes: version 1.
struct PersonV1: Codable {
    var name: String
    var age: Int32
}
// What the consumer reads today: `age` widened to long, `email` added with a default.
struct Person: Codable, AvroCustomizing {
    var name: String
    var age: Int64
    var email: String
    static let avroFields: [String: AvroFieldOptions] = ["email": .init(defaultValue: "unknown")]
}

let v1 = try AvroSchema(deriving: PersonV1.self)
let store = AvroSchemaStore()
store.add(v1, id: 42)   // the id a schema registry gave it; the fingerprint finds it too

let producer = AvroEncoder(schema: v1)
let kafka = try producer.encodeConfluent(PersonV1(name: "Ada", age: 36), schemaID: 42)
let single = try producer.encodeSingleObject(PersonV1(name: "Grace", age: 45))
print("confluent: \(kafka.map { String(format: "%02x", $0) }.joined(separator: " "))")
print("single-object: \(single.prefix(10).map { String(format: "%02x", $0) }.joined(separator: " ")) …")

let consumer = AvroDecoder()   // today's type's own schema
let fromKafka = try consumer.decodeConfluent(Person.self, from: kafka, schemas: store)
let fromSingle = try consumer.decodeSingleObject(Person.self, from: single, schemas: store)
print("\(fromKafka.name), \(fromKafka.age), \(fromKafka.email)")
print("\(fromSingle.name), \(fromSingle.age), \(fromSingle.email)")
