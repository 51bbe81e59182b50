extension AvroValue {
    /// The value a field default written in JSON stands for.
    ///
    /// bytes and fixed defaults are strings whose code points U+0000–U+00FF are the bytes;
    /// a union default takes the first branch it matches (the 1.12 rule); a record default
    /// that leaves out a field takes that field's own default, as Java does; a float or double
    /// default may be `"NaN"`, `"Infinity"` or `"-Infinity"`, as Java writes those numbers.
    ///
    /// - Parameters:
    ///   - json: The default, as written in the schema.
    ///   - schema: The field's schema.
    ///   - definitions: The named types `schema` may refer to.
    public init(defaultJSON json: AvroJSON, schema: AvroSchema, definitions: [AvroName: AvroSchema]) throws(AvroError) {
        self = try Self.fromDefault(json, schema: schema, definitions: definitions, depth: 0)
    }

    private static func fromDefault(_ json: AvroJSON, schema: AvroSchema, definitions: [AvroName: AvroSchema], depth: Int) throws(AvroError) -> AvroValue {
        try AvroNesting.enter(below: depth, maxDepth: AvroNesting.defaultMaxDepth, "the default")
        func mismatch() -> AvroError {
            AvroError(.invalidDefault, "the default \(json) is not a valid \(schema.name?.fullname ?? schema.typeName)")
        }
        switch (schema.kind, json) {
        case (.reference(let name), _):
            guard let definition = definitions[name] else { throw AvroError(.invalidSchema, "unknown type '\(name)'") }
            return try fromDefault(json, schema: definition, definitions: definitions, depth: depth)
        case (.null, .null): return .null
        case (.boolean, .bool(let bool)): return .boolean(bool)
        case (.int, .integer(let integer)):
            guard let int = Int32(exactly: integer) else {
                throw AvroError(.invalidDefault, "the default \(integer) does not fit in an int (32 bits)")
            }
            return .int(int)
        case (.long, .integer(let integer)): return .long(integer)
        case (.float, .integer), (.float, .double), (.float, .string):
            guard let double = floatingPointDefault(json) else { throw mismatch() }
            return .float(Float(double))
        case (.double, .integer), (.double, .double), (.double, .string):
            guard let double = floatingPointDefault(json) else { throw mismatch() }
            return .double(double)
        case (.bytes, .string(let text)): return .bytes(try latin1Bytes(text))
        case (.string, .string(let text)): return .string(text)
        case (.fixed(let fixed), .string(let text)):
            let bytes = try latin1Bytes(text)
            guard bytes.count == fixed.size else {
                throw AvroError(.invalidDefault, "the default of the fixed '\(fixed.name)' has \(bytes.count) bytes, expected \(fixed.size)")
            }
            return .fixed(bytes)
        case (.enumeration(let enumeration), .string(let symbol)):
            guard enumeration.symbols.contains(symbol) else {
                throw AvroError(.invalidDefault, "'\(symbol)' is not a symbol of the enum '\(enumeration.name)' \(enumeration.symbols)")
            }
            return .enumeration(symbol)
        case (.array(let items), .array(let elements)):
            var values: [AvroValue] = []
            for (position, element) in elements.enumerated() {
                do { values.append(try fromDefault(element, schema: items, definitions: definitions, depth: depth + 1)) } catch { throw error.prefixingPath("[\(position)]") }
            }
            return .array(values)
        case (.map(let valueSchema), .object(let object)):
            var entries: [(key: String, value: AvroValue)] = []
            for (key, element) in object {
                do { entries.append((key, try fromDefault(element, schema: valueSchema, definitions: definitions, depth: depth + 1))) } catch { throw error.prefixingPath("[\"\(key)\"]") }
            }
            return .map(entries)
        case (.record(let record), .object(let object)):
            var fields: [(name: String, value: AvroValue)] = []
            for field in record.fields {
                guard let element = object[field.name] ?? field.defaultValue else {
                    throw AvroError(.invalidDefault, "the default of the record '\(record.name)' has no value for the field '\(field.name)', which has no default")
                }
                do { fields.append((field.name, try fromDefault(element, schema: field.type, definitions: definitions, depth: depth + 1))) } catch { throw error.prefixingPath(field.name) }
            }
            if let extra = object.keys.first(where: { record.field(named: $0) == nil }) {
                throw AvroError(.invalidDefault, "the default of the record '\(record.name)' has a value for '\(extra)', which is not a field")
            }
            return .record(fields)
        case (.union(let branches), _):
            for (position, branch) in branches.enumerated() {
                if let value = try? fromDefault(json, schema: branch, definitions: definitions, depth: depth + 1) {
                    return .union(branch: position, value: value)
                }
            }
            throw AvroError(.invalidDefault, "the default \(json) matches none of the union's branches")
        default:
            throw mismatch()
        }
    }

    /// The number a float or double default stands for: a JSON number, or one of the strings
    /// Java writes for the numbers JSON has no form for (`"NaN"`, `"Infinity"`, `"-Infinity"`).
    private static func floatingPointDefault(_ json: AvroJSON) -> Double? {
        switch json {
        case .string("NaN"): .nan
        case .string("Infinity"): .infinity
        case .string("-Infinity"): -.infinity
        case .string: nil
        default: json.doubleValue
        }
    }

    /// The bytes of a bytes or fixed default: each character U+0000–U+00FF is one byte.
    static func latin1Bytes(_ text: String) throws(AvroError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else {
                throw AvroError(.invalidDefault, "the character U+\(String(scalar.value, radix: 16, uppercase: true)) is above U+00FF and cannot stand for a byte")
            }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    /// The string whose characters are `bytes` as code points U+0000–U+00FF.
    static func latin1String(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return text
    }

    /// The value written as a field default in JSON: the inverse of
    /// ``init(defaultJSON:schema:definitions:)``. A union value is written bare.
    public var defaultJSON: AvroJSON {
        switch self {
        case .null: .null
        case .boolean(let bool): .bool(bool)
        case .int(let int): .integer(Int64(int))
        case .long(let long): .integer(long)
        case .float(let float): .double(Double(float))
        case .double(let double): .double(double)
        case .bytes(let bytes), .fixed(let bytes): .string(Self.latin1String(bytes))
        case .string(let text), .enumeration(let text): .string(text)
        case .array(let values): .array(values.map(\.defaultJSON))
        case .map(let entries): .object(AvroJSON.Object(entries.map { ($0.key, $0.value.defaultJSON) }))
        case .record(let fields): .object(AvroJSON.Object(fields.map { ($0.name, $0.value.defaultJSON) }))
        case .union(_, let value): value.defaultJSON
        }
    }
}
