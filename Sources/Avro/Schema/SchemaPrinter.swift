extension AvroSchema {
    /// The schema as JSON text (an `.avsc` file), compact or pretty.
    ///
    /// Named types are written in full at their first appearance and by name afterwards;
    /// a `namespace` is written only where it differs from the enclosing one. Parsing the
    /// text gives back an equal schema. Attributes come in the order Java's `Schema.toString()`
    /// writes them (`type`, `name`, `namespace`, `doc`, the kind's own, properties, `aliases`).
    public func jsonString(pretty: Bool = false) -> String {
        json.serialized(pretty: pretty)
    }

    /// The schema as a JSON value.
    public var json: AvroJSON { json(namespace: "") }

    func json(namespace: String) -> AvroJSON {
        var object = AvroJSON.Object()
        switch kind {
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string:
            if logicalType == nil && properties.isEmpty { return .string(typeName) }
            object["type"] = .string(typeName)
        case .reference(let name):
            // A short name that is also a primitive name would read back as the primitive.
            let writesShortName = name.namespace == namespace && !Self.primitiveNames.contains(name.name)
            return .string(writesShortName ? name.name : name.fullname)
        case .union(let branches):
            return .array(branches.map { $0.json(namespace: namespace) })
        case .array(let items):
            object["type"] = "array"
            object["items"] = items.json(namespace: namespace)
        case .map(let values):
            object["type"] = "map"
            object["values"] = values.json(namespace: namespace)
        case .record(let record):
            object["type"] = .string(typeName)
            Self.appendNameAttributes(record.name, doc: record.doc, enclosing: namespace, to: &object)
            object["fields"] = .array(record.fields.map { $0.json(namespace: record.name.namespace) })
        case .enumeration(let enumeration):
            object["type"] = "enum"
            Self.appendNameAttributes(enumeration.name, doc: enumeration.doc, enclosing: namespace, to: &object)
            object["symbols"] = .array(enumeration.symbols.map { .string($0) })
            if let symbol = enumeration.defaultSymbol { object["default"] = .string(symbol) }
        case .fixed(let fixed):
            object["type"] = "fixed"
            Self.appendNameAttributes(fixed.name, doc: fixed.doc, enclosing: namespace, to: &object)
            object["size"] = .integer(Int64(fixed.size))
        }
        for (key, value) in logicalType?.attributes ?? [] { object[key] = value }
        for (key, value) in properties { object[key] = value }
        if let name { Self.appendAliases(aliases, of: name, to: &object) }
        return .object(object)
    }

    private static func appendNameAttributes(_ name: AvroName, doc: String?, enclosing: String, to object: inout AvroJSON.Object) {
        object["name"] = .string(name.name)
        if name.namespace != enclosing { object["namespace"] = .string(name.namespace) }
        if let doc { object["doc"] = .string(doc) }
    }

    /// Writes the aliases last, after the properties, where Java writes them.
    private static func appendAliases(_ aliases: [AvroName], of name: AvroName, to object: inout AvroJSON.Object) {
        if !aliases.isEmpty {
            object["aliases"] = .array(aliases.map { alias in
                if alias.namespace == name.namespace { return .string(alias.name) }
                // Without a dot, an alias in the null namespace would read as relative to `name`'s.
                return .string(alias.namespace.isEmpty ? "." + alias.name : alias.fullname)
            })
        }
    }

    /// Calls `body` with every named type defined in this schema (not the references), in
    /// depth-first order.
    public func forEachNamedDefinition(_ body: (AvroName, AvroSchema) throws -> Void) rethrows {
        switch kind {
        case .record(let record):
            try body(record.name, self)
            for field in record.fields { try field.type.forEachNamedDefinition(body) }
        case .enumeration(let enumeration): try body(enumeration.name, self)
        case .fixed(let fixed): try body(fixed.name, self)
        case .array(let items): try items.forEachNamedDefinition(body)
        case .map(let values): try values.forEachNamedDefinition(body)
        case .union(let branches): for branch in branches { try branch.forEachNamedDefinition(body) }
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string, .reference: break
        }
    }

    /// Every named type defined in this schema, by full name.
    public var namedDefinitions: [AvroName: AvroSchema] {
        var table: [AvroName: AvroSchema] = [:]
        forEachNamedDefinition { name, definition in table[name] = definition }
        return table
    }
}

extension AvroSchema.Field {
    func json(namespace: String) -> AvroJSON {
        var object = AvroJSON.Object()
        object["name"] = .string(name)
        object["type"] = type.json(namespace: namespace)
        if let doc { object["doc"] = .string(doc) }
        if let defaultValue { object["default"] = defaultValue }
        if order != .ascending { object["order"] = .string(order.rawValue) }
        if !aliases.isEmpty { object["aliases"] = .array(aliases.map { .string($0) }) }
        for (key, value) in properties { object[key] = value }
        return .object(object)
    }
}
