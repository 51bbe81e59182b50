/// The `Decoder` that schema derivation hands to a type's `init(from:)`: it records every key
/// and type asked for, and answers with placeholder values, so the type describes its own
/// shape without any data.
final class SchemaProbe: Decoder {
    enum Shape {
        case nothing
        case keyed
        case unkeyed(AvroSchema?)
        case single(AvroSchema)
    }

    private enum Entry {
        case field(AvroSchema.Field)
        /// A nested container opened for a key: an anonymous record or array.
        case nested(String, SchemaProbe)
    }

    /// Thrown when a value of a type met inside its own definition is needed.
    struct MissingPlaceholder: Error, CustomStringConvertible {
        let typeName: String
        var description: String { "no placeholder value of \(typeName) exists yet (a recursive type without Optional or an array)" }
    }

    let deriver: SchemaDeriver
    /// The name of the record being probed, for nested records and fixed types.
    let owner: AvroName
    let fieldOptions: [String: AvroFieldOptions]
    /// Coding keys that are not fields (``AvroCustomizing/avroExcludedFields``).
    let excludedKeys: Set<String>
    /// When probing one case of an enum with associated values: the case's key.
    let caseKey: String?
    private(set) var shape = Shape.nothing
    private(set) var askedForAllKeys = false
    /// The keys of an enum whose `CodingKeys` are `CaseIterable`: its case names.
    private(set) var caseKeys: [String]?
    private var entries: [Entry] = []

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(deriver: SchemaDeriver, owner: AvroName, fieldOptions: [String: AvroFieldOptions], excludedKeys: Set<String> = [], caseKey: String?) {
        self.deriver = deriver
        self.owner = owner
        self.fieldOptions = fieldOptions
        self.excludedKeys = excludedKeys
        self.caseKey = caseKey
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        shape = .keyed
        if let cases = type as? any CaseIterable.Type { caseKeys = Self.keyNames(cases) }
        return KeyedDecodingContainer(ProbeKeyed<Key>(probe: self))
    }

    func unkeyedContainer() -> any UnkeyedDecodingContainer {
        shape = .unkeyed(nil)
        return ProbeUnkeyed(probe: self)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer { ProbeSingle(probe: self) }

    private static func keyNames<C: CaseIterable>(_ type: C.Type) -> [String] {
        type.allCases.compactMap { ($0 as? any CodingKey)?.stringValue }
    }

    fileprivate func noteAllKeys() { askedForAllKeys = true }

    fileprivate func setShape(_ shape: Shape) { self.shape = shape }

    // MARK: - Fields

    /// Records field `key` of `type` and returns a placeholder value for it.
    fileprivate func field<T: Decodable>(_ key: String, _ type: T.Type, optional: Bool) throws -> T? {
        if excludedKeys.contains(key) { return optional ? nil : try deriver.derive(type).placeholder }
        if let index = entries.firstIndex(where: { if case .field(let field) = $0 { field.name == fieldName(forKey: key) } else { false } }),
           case .field = entries[index] {
            return optional ? nil : try deriver.derive(type).placeholder
        }
        do {
            let options = fieldOptions[key]
            var schema: AvroSchema
            var placeholder: T?
            if T.self == AvroValue.self {
                guard let given = options?.schema else {
                    throw AvroError(.invalidSchema, "an AvroValue field needs its schema: give it with AvroFieldOptions(schema:)")
                }
                (schema, placeholder) = (given, AvroValue.null as? T)
            } else {
                (schema, placeholder) = try deriver.derive(type)
            }
            if let options { schema = try apply(options, to: schema, field: key) }
            if optional { schema = SchemaDeriver.nullable(schema) }
            let defaultValue = try defaultValue(options?.defaultValue, for: &schema)
            entries.append(.field(AvroSchema.Field(name: try validFieldName(forKey: key), type: schema, doc: options?.doc, defaultValue: defaultValue,
                                                   order: options?.order ?? .ascending, aliases: options?.aliases ?? [])))
            return placeholder
        } catch let error as AvroError {
            throw error.prefixingPath(key)
        }
    }

    /// Adds the keys that `encode(to:)` writes but `init(from:)` did not ask for (see
    /// ``EncodedKeysProbe``), each after the key written before it, so that the fields follow
    /// the order of `encode(to:)`.
    func addEncodedOnlyFields(_ keys: [EncodedKeysProbe.Key]) throws {
        var previous: Int?
        for key in keys where !excludedKeys.contains(key.name) {
            let name = fieldName(forKey: key.name)
            if let index = entries.firstIndex(where: { fieldName(of: $0) == name }) {
                previous = index
                continue
            }
            guard let type = key.type else {
                throw AvroError(.invalidSchema, "encode(to:) writes the key '\(key.name)' (\(key.typeName)), which init(from:) never reads, so derivation cannot tell its type; "
                    + "list it in AvroCustomizing.avroExcludedFields to leave it out, or conform \(owner) to AvroSchemaProviding", path: key.name)
            }
            try addField(key.name, type, optional: key.optional)
            let position = previous.map { $0 + 1 } ?? 0
            entries.insert(entries.removeLast(), at: position)
            previous = position
        }
    }

    private func addField<T: Decodable>(_ key: String, _ type: T.Type, optional: Bool) throws {
        _ = try field(key, type, optional: optional)
    }

    private func fieldName(of entry: Entry) -> String {
        switch entry {
        case .field(let field): field.name
        case .nested(let key, _): fieldName(forKey: key)
        }
    }

    /// The schema name of the field of coding key `key`: the name its options give, or the
    /// key after the field naming strategy.
    private func fieldName(forKey key: String) -> String {
        fieldOptions[key]?.name ?? deriver.fieldNaming.fieldName(forKey: key)
    }

    /// ``fieldName(forKey:)``, checked: derivation never makes a schema the specification
    /// forbids, which readers would then refuse.
    private func validFieldName(forKey key: String) throws -> String {
        let name = fieldName(forKey: key)
        guard AvroName.isValidName(name) else {
            throw AvroError(.invalidSchema, "the coding key '\(key)' of \(owner) gives the field name '\(name)', which is not a valid Avro name ([A-Za-z_][A-Za-z0-9_]*); "
                + "give the field a valid name in \(owner.name).avroFields (AvroCustomizing), for example \"\(key)\": .init(name: \"\(SchemaDeriver.validName(from: name))\")")
        }
        return name
    }

    /// The field's default: the one given, or `null` for an optional. A non-null default of
    /// an optional moves `null` to the end of the union, so that the default matches the
    /// first branch (what readers before Avro 1.12 require).
    private func defaultValue(_ given: AvroJSON?, for schema: inout AvroSchema) throws -> AvroJSON? {
        var branches: [AvroSchema] = []
        if case .union(let union) = schema.kind { branches = union }
        let nullFirst = if case .null? = branches.first?.kind { true } else { false }
        guard let given else { return nullFirst ? .null : nil }
        if given != .null && nullFirst && branches.count > 1 {
            branches.append(branches.removeFirst())
            schema = .union(branches)
        }
        var definitions = deriver.definitions
        for (name, definition) in schema.namedDefinitions { definitions[name] = definition }
        do {
            _ = try AvroValue(defaultJSON: given, schema: schema, definitions: definitions)
        } catch {
            throw AvroError(.invalidDefault, "the default \(given) does not fit the field's type: \(error.message); give AvroFieldOptions(defaultValue:) a value of the field's type")
        }
        return given
    }

    /// The field schema after the options' logical type and fixed size.
    private func apply(_ options: AvroFieldOptions, to schema: AvroSchema, field: String) throws -> AvroSchema {
        if let given = options.schema { return given }
        guard options.logicalType != nil || options.fixedSize != nil else { return schema }
        if case .union(let branches) = schema.kind {
            return .union(try branches.map { branch in
                if case .null = branch.kind { return branch }
                return try apply(options, to: branch, field: field)
            })
        }
        let fixedName = AvroName(name: owner.name + "_" + field, namespace: owner.namespace)
        func fixed(_ size: Int, _ logical: AvroLogicalType?) throws -> AvroSchema {
            try deriver.claim(fixedName, for: SchemaProbe.self)
            return AvroSchema(.fixed(.init(name: fixedName, size: size)), logicalType: logical)
        }
        switch (schema.kind, schema.logicalType, options.logicalType, options.fixedSize) {
        case (.long, .timestampMillis?, .date?, nil):
            return AvroSchema(.int, logicalType: .date)
        case (.long, .timestampMillis?, let logical?, nil)
            where [.timestampMillis, .timestampMicros, .timestampNanos, .localTimestampMillis, .localTimestampMicros, .localTimestampNanos].contains(logical):
            return AvroSchema(.long, logicalType: logical)
        case (.bytes, .decimal(let precision, let scale)?, let logical, let size):
            var decimal = AvroLogicalType.decimal(precision: precision, scale: scale)
            if case .decimal? = logical, let logical { decimal = logical } else if logical != nil { break }
            guard let size else { return AvroSchema(.bytes, logicalType: decimal) }
            if case .decimal(let precision, _) = decimal, precision > AvroLogicalType.maxDecimalPrecision(fixedSize: size) {
                throw AvroError(.invalidSchema, "a fixed of \(size) bytes holds at most \(AvroLogicalType.maxDecimalPrecision(fixedSize: size)) decimal digits, not \(precision)")
            }
            return try fixed(size, decimal)
        case (.string, .uuid?, .uuid?, 16?), (.string, .uuid?, nil, 16?):
            return try fixed(16, .uuid)
        case (.bytes, nil, nil, let size?):
            return try fixed(size, nil)
        default: break
        }
        throw AvroError(.invalidSchema, "the field options (logical type \(options.logicalType?.name ?? "none"), fixed size \(options.fixedSize.map(String.init) ?? "none")) do not apply to the field's type \(schema.logicalType?.name ?? schema.typeName)")
    }

    /// A nested container opened for `key`: its probe, whose entries become a record.
    fileprivate func nested(_ key: String) -> SchemaProbe {
        let child = SchemaProbe(deriver: deriver, owner: AvroName(name: owner.name + "_" + key, namespace: owner.namespace), fieldOptions: [:], caseKey: nil)
        entries.append(.nested(key, child))
        return child
    }

    /// The fields recorded, with nested containers turned into records and arrays.
    func finishedFields() throws -> [AvroSchema.Field] {
        try entries.map { entry in
            switch entry {
            case .field(let field): return field
            case .nested(let key, let child):
                switch child.shape {
                case .unkeyed(let items): return AvroSchema.Field(name: try validFieldName(forKey: key), type: .array(items ?? .null))
                case .single(let schema): return AvroSchema.Field(name: try validFieldName(forKey: key), type: schema)
                case .keyed, .nothing:
                    try deriver.claim(child.owner, for: SchemaProbe.self)
                    return AvroSchema.Field(name: try validFieldName(forKey: key), type: .record(.init(name: child.owner, fields: try child.finishedFields())))
                }
            }
        }
    }

    /// A placeholder for a value of `type`, deriving its schema as a side effect.
    fileprivate func placeholder<T: Decodable>(_ type: T.Type) throws -> (AvroSchema, T) {
        let (schema, value) = try deriver.derive(type)
        guard let value else { throw deriver.missingPlaceholder(T.self) }
        return (schema, value)
    }
}

/// The keyed container of a ``SchemaProbe``: every key is a record field.
private struct ProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let probe: SchemaProbe
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        probe.noteAllKeys()
        return probe.caseKey.flatMap(Key.init(stringValue:)).map { [$0] } ?? []
    }

    func contains(_ key: Key) -> Bool { probe.caseKey.map { $0 == key.stringValue } ?? true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(type, key) }

    private func value<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        guard let value = try probe.field(key.stringValue, type, optional: false) else {
            let error = probe.deriver.missingPlaceholder(T.self)
            throw (error as? AvroError)?.prefixingPath(key.stringValue) ?? error
        }
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try absent(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try absent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try absent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try absent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try absent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try absent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try absent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try absent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try absent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try absent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try absent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try absent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try absent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try absent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try absent(type, key) }

    /// Records an optional field; the placeholder of an optional is nil.
    private func absent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        _ = try probe.field(key.stringValue, type, optional: true)
        return nil
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        // The container of an enum case's associated values: its keys are the case record's fields.
        if probe.caseKey == key.stringValue { return KeyedDecodingContainer(ProbeKeyed<NestedKey>(probe: probe)) }
        return probe.nested(key.stringValue).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        probe.nested(key.stringValue).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        throw AvroError(.unsupported, "schema derivation does not support superDecoder(); conform \(probe.owner) to AvroSchemaProviding")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder() }
}

/// The unkeyed container of a ``SchemaProbe``: one item gives the array's item type.
private struct ProbeUnkeyed: UnkeyedDecodingContainer {
    let probe: SchemaProbe
    var codingPath: [any CodingKey] { [] }
    var count: Int? { nil }
    private(set) var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    init(probe: SchemaProbe) { self.probe = probe }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try item(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try item(type) }
    mutating func decode(_ type: String.Type) throws -> String { try item(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try item(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try item(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try item(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try item(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try item(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try item(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try item(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try item(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try item(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try item(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try item(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try item(type) }

    private mutating func item<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try probe.placeholder(type)
        probe.setShape(.unkeyed(schema))
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw AvroError(.unsupported, "schema derivation does not support nested containers in arrays; conform \(probe.owner) to AvroSchemaProviding")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try superDecoder().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder {
        throw AvroError(.unsupported, "schema derivation does not support nested containers in arrays; conform \(probe.owner) to AvroSchemaProviding")
    }
}

/// The single-value container of a ``SchemaProbe``: the type is written as the value it wraps.
private struct ProbeSingle: SingleValueDecodingContainer {
    let probe: SchemaProbe
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try value(type) }
    func decode(_ type: String.Type) throws -> String { try value(type) }
    func decode(_ type: Double.Type) throws -> Double { try value(type) }
    func decode(_ type: Float.Type) throws -> Float { try value(type) }
    func decode(_ type: Int.Type) throws -> Int { try value(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try value(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try value(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try value(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try value(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try value(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value(type) }

    private func value<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try probe.placeholder(type)
        probe.setShape(.single(schema))
        return value
    }
}
