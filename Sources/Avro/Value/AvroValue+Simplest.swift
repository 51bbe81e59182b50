extension AvroValue {
    /// The simplest value of `schema`: `null`, `false`, zero, empty bytes, strings and
    /// collections, the first enum symbol, zero-filled fixed, the first union branch, and
    /// records of simplest fields. A `uuid` string is the nil UUID.
    ///
    /// - Parameter definitions: The named types `schema` may refer to.
    static func simplest(of schema: AvroSchema, definitions: [AvroName: AvroSchema], depth: Int = 0) throws(AvroError) -> AvroValue {
        guard depth < AvroNesting.defaultMaxDepth else { throw AvroError(.limitExceeded, "the schema has no finite value") }
        switch schema.kind {
        case .null: return .null
        case .boolean: return .boolean(false)
        case .int: return .int(0)
        case .long: return .long(0)
        case .float: return .float(0)
        case .double: return .double(0)
        case .bytes: return .bytes([])
        case .string: return .string(schema.logicalType == .uuid ? "00000000-0000-0000-0000-000000000000" : "")
        case .fixed(let fixed): return .fixed(Array(repeating: 0, count: fixed.size))
        case .enumeration(let enumeration):
            guard let first = enumeration.symbols.first else { throw AvroError(.invalidSchema, "the enum '\(enumeration.name)' has no symbols") }
            return .enumeration(first)
        case .array: return .array([])
        case .map: return .map([])
        case .union(let branches):
            guard let first = branches.first else { throw AvroError(.invalidSchema, "the empty union has no values") }
            return .union(branch: 0, value: try simplest(of: first, definitions: definitions, depth: depth + 1))
        case .record(let record):
            var fields: [(name: String, value: AvroValue)] = []
            for field in record.fields {
                fields.append((field.name, try simplest(of: field.type, definitions: definitions, depth: depth + 1)))
            }
            return .record(fields)
        case .reference(let name):
            guard let definition = definitions[name] else { throw AvroError(.invalidSchema, "the schema refers to '\(name)', which it does not define") }
            return try simplest(of: definition, definitions: definitions, depth: depth + 1)
        }
    }
}
