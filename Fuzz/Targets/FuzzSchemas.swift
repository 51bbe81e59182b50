import Avro

/// The schemas the binary, resolving and JSON harnesses read their inputs with. An input's
/// first byte picks one (modulo their number), the rest is data of that schema.
public enum FuzzSchemas {
    /// Every type and logical type, recursion, unions of several branches, and a top-level union.
    public static let texts: [String] = [
        #"""
        {"type": "record", "name": "Node", "namespace": "fuzz", "fields": [
          {"name": "value", "type": "long"},
          {"name": "children", "type": {"type": "array", "items": "Node"}},
          {"name": "next", "type": ["null", "Node"]},
          {"name": "labels", "type": {"type": "map", "values": "Node"}}]}
        """#,
        #"""
        {"type": "record", "name": "Everything", "namespace": "fuzz", "fields": [
          {"name": "n", "type": "null"}, {"name": "b", "type": "boolean"}, {"name": "i", "type": "int"},
          {"name": "l", "type": "long"}, {"name": "f", "type": "float"}, {"name": "d", "type": "double"},
          {"name": "bytes", "type": "bytes"}, {"name": "s", "type": "string"},
          {"name": "fixed", "type": {"type": "fixed", "name": "Four", "size": 4}},
          {"name": "e", "type": {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS", "DIAMONDS", "CLUBS"], "default": "SPADES"}},
          {"name": "a", "type": {"type": "array", "items": ["null", "int", "string", "Four"]}},
          {"name": "m", "type": {"type": "map", "values": {"type": "array", "items": "Suit"}}},
          {"name": "u", "type": ["null", "boolean", "double", "bytes", {"type": "map", "values": "long"}, {"type": "array", "items": "float"}]},
          {"name": "decimalBytes", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 4}},
          {"name": "decimalFixed", "type": {"type": "fixed", "name": "Dec", "size": 9, "logicalType": "decimal", "precision": 20, "scale": 2}},
          {"name": "uuid", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "uuidFixed", "type": {"type": "fixed", "name": "Id", "size": 16, "logicalType": "uuid"}},
          {"name": "date", "type": {"type": "int", "logicalType": "date"}},
          {"name": "timeMillis", "type": {"type": "int", "logicalType": "time-millis"}},
          {"name": "timeMicros", "type": {"type": "long", "logicalType": "time-micros"}},
          {"name": "tsMillis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "tsMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "tsNanos", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
          {"name": "localMillis", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
          {"name": "duration", "type": {"type": "fixed", "name": "Duration", "size": 12, "logicalType": "duration"}}]}
        """#,
        #"["null", "int", "string", {"type": "array", "items": "bytes"}, {"type": "map", "values": ["null", "double"]}]"#,
    ]

    /// ``texts``, parsed.
    public static let schemas: [AvroSchema] = texts.compactMap { try? AvroSchema(parsing: $0) }

    /// Writer and reader schemas that differ by the rules of schema evolution: promotions,
    /// fields added with defaults and removed, enum symbols unknown to the reader, a union
    /// read as one of its branches and a branch read as a union.
    public static let evolutions: [(writer: AvroSchema, reader: AvroSchema)] = [
        (#"""
         {"type": "record", "name": "V1", "fields": [
           {"name": "id", "type": "int"}, {"name": "score", "type": "float"}, {"name": "name", "type": "string"},
           {"name": "gone", "type": {"type": "array", "items": "long"}},
           {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
           {"name": "tags", "type": {"type": "map", "values": "int"}},
           {"name": "maybe", "type": ["null", "int", "string"]}]}
         """#,
         #"""
         {"type": "record", "name": "V2", "aliases": ["V1"], "fields": [
           {"name": "id", "type": "long"}, {"name": "score", "type": "double"}, {"name": "title", "aliases": ["name"], "type": "bytes"},
           {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["B", "A"], "default": "A"}},
           {"name": "tags", "type": {"type": "map", "values": "double"}},
           {"name": "maybe", "type": ["null", "long", "string"]},
           {"name": "added", "type": {"type": "record", "name": "Added", "fields": [{"name": "x", "type": "int"}]}, "default": {"x": 7}}]}
         """#),
        (texts[0],
         #"""
         {"type": "record", "name": "Node", "namespace": "fuzz", "fields": [
           {"name": "value", "type": "double"},
           {"name": "children", "type": {"type": "array", "items": "Node"}},
           {"name": "depth", "type": "int", "default": 0}]}
         """#),
        (#"["int", "string", {"type": "array", "items": "int"}]"#, #"["null", "long", "bytes", {"type": "array", "items": "double"}]"#),
        (#""int""#, #"["null", "string", "double"]"#),
    ].compactMap { pair in
        guard let writer = try? AvroSchema(parsing: pair.0), let reader = try? AvroSchema(parsing: pair.1) else { return nil }
        return (writer, reader)
    }
}
