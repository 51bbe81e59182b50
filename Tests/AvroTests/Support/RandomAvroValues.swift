@testable import Avro

/// Random ``AvroValue``s of a schema, for property tests. Values are exactly what decoding
/// gives back: every union value is an explicit ``AvroValue/union(branch:value:)``, and
/// floats and doubles are random bit patterns (NaN payloads included).
enum RandomValues {
    /// A record with a field of every type.
    static let everyType = """
        {"type": "record", "name": "Every", "namespace": "test", "fields": [
            {"name": "b", "type": "boolean"}, {"name": "i", "type": "int"}, {"name": "l", "type": "long"},
            {"name": "f", "type": "float"}, {"name": "d", "type": "double"}, {"name": "y", "type": "bytes"},
            {"name": "s", "type": "string"}, {"name": "n", "type": "null"},
            {"name": "x", "type": {"type": "fixed", "name": "Three", "size": 3}},
            {"name": "e", "type": {"type": "enum", "name": "Suit", "symbols": ["S", "H", "D", "C"]}},
            {"name": "a", "type": {"type": "array", "items": ["null", "long", "Suit"]}},
            {"name": "m", "type": {"type": "map", "values": {"type": "record", "name": "Point",
                "fields": [{"name": "x", "type": "float"}, {"name": "tag", "type": "Three"}]}}},
            {"name": "u", "type": ["null", "string", "Point", {"type": "array", "items": "int"}]}]}
        """

    /// Nesting below which recursive types stop: unions take branch 0, arrays and maps are empty.
    static let maxNesting = 8

    static func value(of schema: AvroSchema, using random: inout SeededRandom) -> AvroValue {
        value(of: schema, definitions: schema.namedDefinitions, depth: 0, using: &random)
    }

    private static func value(of schema: AvroSchema, definitions: [AvroName: AvroSchema], depth: Int,
                              using random: inout SeededRandom) -> AvroValue {
        let deep = depth >= maxNesting
        switch schema.kind {
        case .null: return .null
        case .boolean: return .boolean(Bool.random(using: &random))
        case .int: return .int(Int32(truncatingIfNeeded: integer(using: &random)))
        case .long: return .long(integer(using: &random))
        case .float: return .float(Float(bitPattern: UInt32.random(in: .min ... .max, using: &random)))
        case .double: return .double(Double(bitPattern: UInt64.random(in: .min ... .max, using: &random)))
        case .bytes: return .bytes(bytes(count: Int.random(in: 0...9, using: &random), using: &random))
        case .string: return .string(string(using: &random))
        case .fixed(let fixed): return .fixed(bytes(count: fixed.size, using: &random))
        case .enumeration(let enumeration): return .enumeration(enumeration.symbols[Int.random(in: enumeration.symbols.indices, using: &random)])
        case .array(let items):
            let count = deep ? 0 : Int.random(in: 0...4, using: &random)
            return .array((0..<count).map { _ in value(of: items, definitions: definitions, depth: depth + 1, using: &random) })
        case .map(let values):
            let count = deep ? 0 : Int.random(in: 0...4, using: &random)
            return .map((0..<count).map { _ in (string(using: &random), value(of: values, definitions: definitions, depth: depth + 1, using: &random)) })
        case .union(let branches):
            let branch = deep ? 0 : Int.random(in: branches.indices, using: &random)
            return .union(branch: branch, value: value(of: branches[branch], definitions: definitions, depth: depth + 1, using: &random))
        case .record(let record):
            return .record(record.fields.map { ($0.name, value(of: $0.type, definitions: definitions, depth: depth + 1, using: &random)) })
        case .reference(let name):
            guard let definition = definitions[name] else { return .null }
            return value(of: definition, definitions: definitions, depth: depth, using: &random)
        }
    }

    /// A 64-bit integer of a random width, so that every varint length occurs.
    private static func integer(using random: inout SeededRandom) -> Int64 {
        Int64(bitPattern: random.next()) >> UInt64.random(in: 0...63, using: &random)
    }

    private static func bytes(count: Int, using random: inout SeededRandom) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    }

    /// A short string mixing 1-, 2-, 3- and 4-byte UTF-8 characters and U+0000.
    private static func string(using random: inout SeededRandom) -> String {
        let ranges: [ClosedRange<UInt32>] = [0...0x7f, 0x80...0x7ff, 0x800...0xd7ff, 0xe000...0xfffd, 0x1_0000...0x10_ffff]
        var text = ""
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            let range = ranges[Int.random(in: ranges.indices, using: &random)]
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { text.unicodeScalars.append(scalar) }
        }
        return text
    }
}
