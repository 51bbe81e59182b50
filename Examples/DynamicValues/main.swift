// The DynamicValues example: data of a schema known only at run time, as AvroValue, in
// binary and in the Avro JSON encoding.
import Avro

let schema = try AvroSchema(parsing: """
    {"type": "record", "name": "Reading", "fields": [
      {"name": "sensor", "type": "string"},
      {"name": "value", "type": ["null", "double"]},
      {"name": "tags", "type": {"type": "map", "values": "string"}}]}
    """)
let reading: AvroValue = .record([("sensor", "t-1"), ("value", .double(21.5)), ("tags", .map([("room", "kitchen")]))])
let bytes = try reading.encoded(as: schema)
print("binary: \(bytes.map { String(format: "%02x", $0) }.joined(separator: " "))")
let back = try AvroValue(decoding: bytes, as: schema)
print("sensor \(back["sensor"] ?? .null), value \(back["value"]?.unwrapped ?? .null)")
let json = try back.avroJSONString(as: schema)
print("Avro JSON: \(json)")
let fromJSON = try AvroValue(avroJSON: AvroJSON(parsing: #"{"sensor": "t-2", "value": null, "tags": {}}"#), as: schema)
print("from JSON: \(try fromJSON.avroJSONString(as: schema))")
