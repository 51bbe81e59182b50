import Foundation

extension AvroSchema {
    /// Options for parsing schema text.
    public struct ParsingOptions: Hashable, Sendable {
        /// Accept Unicode letters and digits in names, as Java's default validator does.
        /// By default names must match `[A-Za-z_][A-Za-z0-9_]*`.
        public var allowsUnicodeNames: Bool
        /// Check every field default against the field's type. On by default.
        public var validatesDefaults: Bool
        /// The deepest nesting of JSON accepted: each object and array is a level, so a record
        /// nested in another's field takes three (the record, its `fields`, the field). The
        /// default, ``AvroNesting/defaultMaxDepth``, fits a 512 KiB thread stack through
        /// parsing, printing, compatibility checks and compiling.
        public var maxDepth: Int
        /// Check names, namespaces, field names and enum symbols against the name grammar. On
        /// by default; ``lenientNames`` turns it off to read what other implementations wrote.
        public var validatesNames: Bool

        /// Creates parsing options; the defaults are the specification's rules, strictly applied.
        public init(allowsUnicodeNames: Bool = false, validatesDefaults: Bool = true, maxDepth: Int = AvroNesting.defaultMaxDepth, validatesNames: Bool = true) {
            self.allowsUnicodeNames = allowsUnicodeNames
            self.validatesDefaults = validatesDefaults
            self.maxDepth = maxDepth
            self.validatesNames = validatesNames
        }

        /// The options for schemas that come with data (file headers, registries): names are
        /// taken as written, as fastavro, python-avro and Java 1.8 read them (a field named
        /// `@type`), since refusing them would leave the data unreadable. Every other rule is
        /// checked.
        public static let lenientNames = ParsingOptions(validatesNames: false)
    }

    /// Parses a schema from its JSON text (an `.avsc` file).
    ///
    /// - Parameters:
    ///   - text: The schema as JSON: a type name string, an object, or an array (a union).
    ///   - knownTypes: Named types defined elsewhere (other `.avsc` files) that the text may
    ///     refer to by name. A known type is written out in full at its first use.
    ///   - options: Parsing options.
    /// - Throws: ``AvroError`` with code ``AvroError/Code/invalidJSON``,
    ///   ``AvroError/Code/invalidSchema`` or ``AvroError/Code/invalidDefault``, whose path
    ///   names the place in the JSON (`fields[2].type`), or ``AvroError/Code/limitExceeded``
    ///   when the JSON nests deeper than `options.maxDepth`.
    public init(parsing text: String, knownTypes: [AvroSchema] = [], options: ParsingOptions = .init()) throws {
        try self.init(json: AvroJSON(parsing: text, maxDepth: options.maxDepth), knownTypes: knownTypes, options: options)
    }

    /// Parses a schema from JSON text in UTF-8.
    public init(parsing data: Data, knownTypes: [AvroSchema] = [], options: ParsingOptions = .init()) throws {
        try self.init(json: AvroJSON(parsing: [UInt8](data), maxDepth: options.maxDepth), knownTypes: knownTypes, options: options)
    }

    /// Builds a schema from parsed JSON.
    public init(json: AvroJSON, knownTypes: [AvroSchema] = [], options: ParsingOptions = .init()) throws {
        var parser = SchemaParser(options: options)
        for known in knownTypes { parser.learn(known) }
        self = try parser.parse(json, namespace: "", path: "")
        try parser.checkDefaults()
    }
}

/// Turns the JSON form of a schema into an ``AvroSchema``, checking every rule of the
/// specification's "Schema Declaration" section.
struct SchemaParser {
    let options: AvroSchema.ParsingOptions
    /// Every named type defined so far, by full name.
    private(set) var definitions: [AvroName: AvroSchema] = [:]
    /// Named types from other files, written out in full at their first use.
    private var known: [AvroName: AvroSchema] = [:]
    private var pendingDefaults: [(value: AvroJSON, type: AvroSchema, path: String)] = []
    /// How many types enclose the one being parsed. The JSON's own limit bounds it; the check
    /// of the stack's room as it grows keeps a raised limit from overflowing a small stack.
    private var depth = 0

    init(options: AvroSchema.ParsingOptions) {
        self.options = options
    }

    /// Makes the named types defined in `schema` available to references.
    mutating func learn(_ schema: AvroSchema) {
        schema.forEachNamedDefinition { name, definition in known[name] = definition }
    }

    mutating func parse(_ json: AvroJSON, namespace: String, path: String) throws -> AvroSchema {
        switch json {
        case .string(let name):
            return try parseName(name, namespace: namespace, path: path)
        case .array(let branches):
            try enterLevel(path: path)
            defer { depth -= 1 }
            return try parseUnion(branches, namespace: namespace, path: path)
        case .object(let object):
            try enterLevel(path: path)
            defer { depth -= 1 }
            return try parseObject(object, namespace: namespace, path: path)
        default:
            throw invalid(path, "expected a type name, an object or an array, found \(json)")
        }
    }

    /// Goes one level deeper (a JSON array or object, as the JSON's own limit counts them).
    private mutating func enterLevel(path: String) throws {
        do {
            try AvroNesting.enter(below: depth, maxDepth: options.maxDepth, "the schema")
        } catch {
            throw invalid(path, error.message, code: .limitExceeded)
        }
        depth += 1
    }

    // MARK: - References and unions

    private mutating func parseName(_ written: String, namespace: String, path: String) throws -> AvroSchema {
        if let primitive = AvroSchema.primitive(named: written) { return AvroSchema(primitive) }
        let qualified = AvroName(resolving: written, in: namespace)
        // Java's fallback: an unqualified name not found in the enclosing namespace
        // may name a type in the null namespace.
        for candidate in [qualified, AvroName(fullname: written)] {
            if definitions[candidate] != nil { return AvroSchema(.reference(candidate)) }
            if let external = known[candidate] { return try define(external, path: path) }
        }
        throw invalid(path, "unknown type '\(written)': not a primitive type nor a named type defined before this point")
    }

    /// Writes out a type from another file at its first use, with the types it uses.
    private mutating func define(_ external: AvroSchema, path: String) throws -> AvroSchema {
        let text = referencingDefinedTypes(in: external).jsonString()
        let json = try AvroJSON(parsing: text, maxDepth: options.maxDepth)
        return try parse(json, namespace: "", path: path)
    }

    /// `schema` with every named type it defines that is already defined here (a type nested
    /// in a known type and used before it) replaced by a reference, so it is not defined twice.
    private func referencingDefinedTypes(in schema: AvroSchema) -> AvroSchema {
        if let name = schema.name, definitions[name] != nil { return AvroSchema(.reference(name)) }
        var copy = schema
        switch schema.kind {
        case .record(var record):
            for index in record.fields.indices {
                record.fields[index].type = referencingDefinedTypes(in: record.fields[index].type)
            }
            copy.kind = .record(record)
        case .array(let items): copy.kind = .array(referencingDefinedTypes(in: items))
        case .map(let values): copy.kind = .map(referencingDefinedTypes(in: values))
        case .union(let branches): copy.kind = .union(branches.map(referencingDefinedTypes(in:)))
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string, .enumeration, .fixed, .reference: break
        }
        return copy
    }

    private mutating func parseUnion(_ items: [AvroJSON], namespace: String, path: String) throws -> AvroSchema {
        var branches: [AvroSchema] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let branchPath = path + "[\(index)]"
            let branch = try parse(item, namespace: namespace, path: branchPath)
            if case .union = branch.kind {
                throw invalid(branchPath, "a union cannot directly contain another union")
            }
            let key = branch.name.map { "named " + $0.fullname } ?? branch.typeName
            guard seen.insert(key).inserted else {
                throw invalid(branchPath, "the union has more than one branch of type '\(branch.name?.fullname ?? branch.typeName)'")
            }
            branches.append(branch)
        }
        return AvroSchema(.union(branches))
    }

    // MARK: - Objects

    // Each kind of object is parsed by a function of its own and the common attributes by
    // another, never inlined here, so that each level of nesting keeps a small frame and deep
    // schemas fit small stacks.
    private mutating func parseObject(_ object: AvroJSON.Object, namespace: String, path: String) throws -> AvroSchema {
        let type = try objectType(object, path: path)
        let schema: AvroSchema
        switch type {
        case "record", "error": schema = try parseRecord(object, isError: type == "error", namespace: namespace, path: path)
        case "enum": schema = try parseEnum(object, namespace: namespace, path: path)
        case "fixed": schema = try parseFixed(object, namespace: namespace, path: path)
        case "array", "map": schema = try parseCollection(object, isMap: type == "map", namespace: namespace, path: path)
        default: schema = try parsePrimitiveObject(type, namespace: namespace, path: path)
        }
        return try finish(schema, object, type: type)
    }

    /// The `type` of a schema object.
    @inline(never)
    private func objectType(_ object: AvroJSON.Object, path: String) throws -> String {
        guard let typeJSON = object["type"] else { throw invalid(path, "the schema object has no 'type'") }
        guard case .string(let type) = typeJSON else {
            throw invalid(path.dot("type"), "expected a type name string, found \(typeJSON)")
        }
        return type
    }

    @inline(never)
    private mutating func parseCollection(_ object: AvroJSON.Object, isMap: Bool, namespace: String, path: String) throws -> AvroSchema {
        let key = isMap ? "values" : "items"
        guard let child = object[key] else { throw invalid(path, "the \(isMap ? "map" : "array") schema has no '\(key)'") }
        let parsed = try parse(child, namespace: namespace, path: path.dot(key))
        return AvroSchema(isMap ? .map(parsed) : .array(parsed))
    }

    /// A primitive type written as an object (`{"type": "long"}`), perhaps with a logical type.
    @inline(never)
    private func parsePrimitiveObject(_ type: String, namespace: String, path: String) throws -> AvroSchema {
        if let primitive = AvroSchema.primitive(named: type) { return AvroSchema(primitive) }
        if definitions[AvroName(resolving: type, in: namespace)] != nil || known[AvroName(resolving: type, in: namespace)] != nil {
            throw invalid(path.dot("type"), "a named type is used by writing its name as a string (\"\(type)\"), not as {\"type\": \"\(type)\"}")
        }
        throw invalid(path.dot("type"), "unknown type '\(type)'")
    }

    /// `schema`, parsed from `object`, with its logical type and its other attributes as
    /// properties; a named type is defined from here on.
    @inline(never)
    private mutating func finish(_ parsed: AvroSchema, _ object: AvroJSON.Object, type: String) throws -> AvroSchema {
        var schema = parsed
        var defined: Set<String> = ["type"]
        switch type {
        case "record", "error": defined.formUnion(["name", "namespace", "doc", "aliases", "fields"])
        case "enum": defined.formUnion(["name", "namespace", "doc", "aliases", "symbols", "default"])
        case "fixed": defined.formUnion(["name", "namespace", "doc", "aliases", "size"])
        case "array": defined.insert("items")
        case "map": defined.insert("values")
        default: break
        }
        schema.setAttributes(object, except: defined)
        if let name = schema.name { definitions[name] = schema }
        return schema
    }

    private mutating func parseRecord(_ object: AvroJSON.Object, isError: Bool, namespace: String, path: String) throws -> AvroSchema {
        let header = try recordHeader(object, isError: isError, namespace: namespace, path: path)
        var complete = header.record
        complete.fields = try parseFields(header.fieldItems, of: "the record '\(header.record.name)'", namespace: header.record.name.namespace, path: path.dot("fields"))
        return AvroSchema(.record(complete))
    }

    /// The fields that `items` (the JSON of a record's `fields`, or of a message's `request`,
    /// at `path`) declare, which must have distinct names; `owner` names what they belong to
    /// in errors.
    mutating func parseFields(_ items: [AvroJSON], of owner: String, namespace: String, path: String) throws -> [AvroSchema.Field] {
        var fields: [AvroSchema.Field] = []
        for index in items.indices {
            fields.append(try parseField(items[index], namespace: namespace, path: path + "[\(index)]"))
        }
        try checkDistinctNames(fields, of: owner, path: path)
        return fields
    }

    /// A record's attributes other than its fields, and the JSON of its fields; the record is
    /// registered, without fields, so that they can refer to it (recursive types).
    @inline(never)
    private mutating func recordHeader(_ object: AvroJSON.Object, isError: Bool, namespace: String, path: String) throws -> (record: AvroSchema.Record, fieldItems: [AvroJSON]) {
        let name = try parseDefinitionName(object, namespace: namespace, path: path)
        let doc = try parseDoc(object, path: path)
        let aliases = try parseAliases(object, namespace: name.namespace, path: path).map {
            AvroName(resolving: $0, in: name.namespace)
        }
        guard let fieldsJSON = object["fields"] else { throw invalid(path, "the record '\(name)' has no 'fields'") }
        guard case .array(let fieldItems) = fieldsJSON else {
            throw invalid(path.dot("fields"), "expected an array of fields, found \(fieldsJSON)")
        }
        definitions[name] = AvroSchema(.record(AvroSchema.Record(name: name, fields: [], isError: isError)))
        return (AvroSchema.Record(name: name, fields: [], doc: doc, aliases: aliases, isError: isError), fieldItems)
    }

    @inline(never)
    private func checkDistinctNames(_ fields: [AvroSchema.Field], of owner: String, path: String) throws {
        var fieldNames: Set<String> = []
        for (index, field) in fields.enumerated() where !fieldNames.insert(field.name).inserted {
            throw invalid(path + "[\(index)].name", "\(owner) has two fields named '\(field.name)'")
        }
    }

    private mutating func parseField(_ json: AvroJSON, namespace: String, path: String) throws -> AvroSchema.Field {
        let (name, object, typeJSON) = try fieldHeader(json, path: path)
        let type = try parse(typeJSON, namespace: namespace, path: path.dot("type"))
        return try finishField(name, object, type: type, namespace: namespace, path: path)
    }

    /// A field's name (checked), its object and the JSON of its type.
    @inline(never)
    private func fieldHeader(_ json: AvroJSON, path: String) throws -> (String, AvroJSON.Object, AvroJSON) {
        guard case .object(let object) = json else { throw invalid(path, "expected a field object, found \(json)") }
        guard let nameJSON = object["name"] else { throw invalid(path, "the field has no 'name'") }
        guard case .string(let name) = nameJSON else { throw invalid(path.dot("name"), "expected a string, found \(nameJSON)") }
        try checkName(name, path: path.dot("name"), what: "field name")
        guard let typeJSON = object["type"] else { throw invalid(path, "the field '\(name)' has no 'type'") }
        return (name, object, typeJSON)
    }

    /// The field `name` that `object` describes, whose type is `type`.
    @inline(never)
    private mutating func finishField(_ name: String, _ object: AvroJSON.Object, type: AvroSchema, namespace: String, path: String) throws -> AvroSchema.Field {
        var order = AvroSchema.Field.Order.ascending
        if let orderJSON = object["order"] {
            guard let text = orderJSON.stringValue, let parsed = AvroSchema.Field.Order(rawValue: text) else {
                throw invalid(path.dot("order"), "expected \"ascending\", \"descending\" or \"ignore\", found \(orderJSON)")
            }
            order = parsed
        }
        let defaultValue = object["default"]
        if let defaultValue, options.validatesDefaults {
            pendingDefaults.append((defaultValue, type, path.dot("default")))
        }
        let defined: Set<String> = ["name", "type", "doc", "default", "order", "aliases"]
        return AvroSchema.Field(
            name: name, type: type, doc: try parseDoc(object, path: path), defaultValue: defaultValue, order: order,
            aliases: try parseAliases(object, namespace: namespace, path: path),
            properties: AvroJSON.Object(object.filter { !defined.contains($0.key) }))
    }

    private mutating func parseEnum(_ object: AvroJSON.Object, namespace: String, path: String) throws -> AvroSchema {
        let name = try parseDefinitionName(object, namespace: namespace, path: path)
        guard let symbolsJSON = object["symbols"] else { throw invalid(path, "the enum '\(name)' has no 'symbols'") }
        guard case .array(let items) = symbolsJSON else {
            throw invalid(path.dot("symbols"), "expected an array of symbol strings, found \(symbolsJSON)")
        }
        var symbols: [String] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let symbolPath = path.dot("symbols") + "[\(index)]"
            guard case .string(let symbol) = item else { throw invalid(symbolPath, "expected a symbol string, found \(item)") }
            try checkName(symbol, path: symbolPath, what: "enum symbol")
            guard seen.insert(symbol).inserted else { throw invalid(symbolPath, "the enum '\(name)' has the symbol '\(symbol)' twice") }
            symbols.append(symbol)
        }
        var defaultSymbol: String?
        if let defaultJSON = object["default"] {
            guard case .string(let symbol) = defaultJSON, seen.contains(symbol) else {
                throw invalid(path.dot("default"), "the enum default must be one of the symbols \(symbols), found \(defaultJSON)")
            }
            defaultSymbol = symbol
        }
        let enumeration = AvroSchema.Enumeration(
            name: name, symbols: symbols, defaultSymbol: defaultSymbol, doc: try parseDoc(object, path: path),
            aliases: try parseAliases(object, namespace: name.namespace, path: path).map { AvroName(resolving: $0, in: name.namespace) })
        return AvroSchema(.enumeration(enumeration))
    }

    private mutating func parseFixed(_ object: AvroJSON.Object, namespace: String, path: String) throws -> AvroSchema {
        let name = try parseDefinitionName(object, namespace: namespace, path: path)
        guard let sizeJSON = object["size"] else { throw invalid(path, "the fixed '\(name)' has no 'size'") }
        guard case .integer(let size) = sizeJSON, size >= 0, size <= Int64(Int32.max) else {
            throw invalid(path.dot("size"), "expected a non-negative integer size, found \(sizeJSON)")
        }
        let fixed = AvroSchema.Fixed(
            name: name, size: Int(size), doc: try parseDoc(object, path: path),
            aliases: try parseAliases(object, namespace: name.namespace, path: path).map { AvroName(resolving: $0, in: name.namespace) })
        return AvroSchema(.fixed(fixed))
    }

    // MARK: - Names, docs, aliases

    /// The full name of a record, enum or fixed definition, checked and not yet taken.
    private func parseDefinitionName(_ object: AvroJSON.Object, namespace enclosing: String, path: String) throws -> AvroName {
        guard let nameJSON = object["name"] else { throw invalid(path, "the named type has no 'name'") }
        guard case .string(let written) = nameJSON else { throw invalid(path.dot("name"), "expected a name string, found \(nameJSON)") }
        var namespace = enclosing
        switch object["namespace"] {
        case nil, .null?: break
        case .string(let explicit)?: namespace = explicit
        case let other?: throw invalid(path.dot("namespace"), "expected a namespace string, found \(other)")
        }
        let name = written.contains(".") ? AvroName(fullname: written) : AvroName(name: written, namespace: namespace)
        // Without name checks, an empty type name (as polars writes its records) is read too.
        if options.validatesNames || !name.name.isEmpty { try checkName(name.name, path: path.dot("name"), what: "name") }
        // A dotted name has a namespace part, which cannot be empty (`.b` is invalid).
        if !name.namespace.isEmpty || written.contains(".") {
            for part in name.namespace.split(separator: ".", omittingEmptySubsequences: false) {
                try checkName(String(part), path: path.dot(written.contains(".") ? "name" : "namespace"), what: "namespace '\(name.namespace)'")
            }
        }
        if name.namespace.isEmpty, AvroSchema.primitiveNames.contains(name.name) {
            throw invalid(path.dot("name"), "'\(name.name)' is a primitive type and cannot be redefined")
        }
        if definitions[name] != nil {
            throw invalid(path.dot("name"), "the type '\(name)' is defined twice")
        }
        return name
    }

    func checkName(_ name: String, path: String, what: String) throws {
        if AvroName.isValidName(name) || (!options.validatesNames && !name.isEmpty) { return }
        if options.allowsUnicodeNames, let first = name.unicodeScalars.first,
           first.properties.isAlphabetic || first == "_",
           name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }) {
            return
        }
        throw invalid(path, "invalid \(what) '\(name)': it must start with a letter or '_' and contain only letters, digits and '_'")
    }

    private func parseDoc(_ object: AvroJSON.Object, path: String) throws -> String? {
        switch object["doc"] {
        case nil: return nil
        case .string(let doc)?: return doc
        case let other?: throw invalid(path.dot("doc"), "expected a doc string, found \(other)")
        }
    }

    private func parseAliases(_ object: AvroJSON.Object, namespace: String, path: String) throws -> [String] {
        guard let aliasesJSON = object["aliases"] else { return [] }
        guard case .array(let items) = aliasesJSON else {
            throw invalid(path.dot("aliases"), "expected an array of alias strings, found \(aliasesJSON)")
        }
        return try items.enumerated().map { index, item in
            guard case .string(let alias) = item else { throw invalid(path.dot("aliases") + "[\(index)]", "expected an alias string, found \(item)") }
            return alias
        }
    }

    // MARK: - Defaults

    /// Checks every field default against its type, once all named types are known.
    func checkDefaults() throws {
        for pending in pendingDefaults {
            do {
                _ = try AvroValue(defaultJSON: pending.value, schema: pending.type, definitions: definitions)
            } catch {
                throw AvroError(.invalidDefault, error.message, path: error.prefixingPath(pending.path).path)
            }
        }
    }

    func invalid(_ path: String, _ message: String, code: AvroError.Code = .invalidSchema) -> AvroError {
        AvroError(code, message, path: path.isEmpty ? nil : path)
    }
}

extension String {
    /// A JSON path with `key` appended: `fields[2]` + `type` = `fields[2].type`.
    func dot(_ key: String) -> String { isEmpty ? key : self + "." + key }
}

extension AvroSchema {
    /// Sets the logical type that `attributes` name, when it is valid for this schema's kind
    /// (an invalid one is kept as a plain property, as the specification asks), and the
    /// properties to the other attributes that are not in `defined`.
    mutating func setAttributes(_ attributes: AvroJSON.Object, except defined: Set<String>) {
        var defined = defined
        logicalType = nil
        if case .string(let logicalName) = attributes["logicalType"],
           let logical = AvroLogicalType.validated(name: logicalName, attributes: attributes, base: kind) {
            logicalType = logical
            defined.insert("logicalType")
            if case .decimal = logical { defined.formUnion(["precision", "scale"]) }
        }
        properties = AvroJSON.Object(attributes.filter { !defined.contains($0.key) })
    }
}
