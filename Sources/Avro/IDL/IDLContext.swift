import Foundation

/// What the files of one IDL compilation share: the named types declared or imported so far
/// (in order), the files already read, and what can only be checked once every type is
/// known (references, defaults, the errors messages throw).
struct IDLContext {
    /// A named type with nested named types as references, and where it was declared.
    struct NamedType {
        var schema: AvroSchema
        var location: AvroIDLLocation?
        var source: String
    }

    /// Directories searched for an imported file that is not next to the importing one.
    let searchPaths: [URL]
    /// The files read so far (standardized paths): each file is read once.
    var readFiles: Set<String> = []
    private(set) var order: [AvroName] = []
    private(set) var types: [AvroName: NamedType] = [:]
    /// Every use of a named type, checked once all are declared.
    var references: [(name: AvroName, location: AvroIDLLocation)] = []
    /// Every default, checked against its type once all types are declared.
    var defaults: [(value: AvroJSON, type: AvroSchema, location: AvroIDLLocation, what: String)] = []
    /// The types messages say they throw, which must be errors.
    var thrown: [(name: AvroName, location: AvroIDLLocation)] = []
    /// Documentation comments no declaration took, and other remarks.
    var warnings: [String] = []

    init(searchPaths: [URL]) {
        self.searchPaths = searchPaths
    }

    /// The named types in the order they were declared, nested ones as references.
    var declarations: [AvroSchema] { order.compactMap { types[$0]?.schema } }

    /// The table of named types, by full name.
    var definitions: [AvroName: AvroSchema] { types.mapValues(\.schema) }

    /// Declares the named type `schema` (whose nested named types are references). The same
    /// type declared again, as two imports of one file do, is kept once; another type of the
    /// same name is an error.
    mutating func declare(_ schema: AvroSchema, at location: AvroIDLLocation?, source: String) throws {
        guard let name = schema.name else { return }
        if let earlier = types[name] {
            guard earlier.schema != schema else { return }
            let first = earlier.location.map { "at \($0)" } ?? "in \(earlier.source)"
            throw AvroError(.invalidIDL, "the type '\(name)' is declared twice, differently (first \(first))",
                            path: location?.description ?? source)
        }
        order.append(name)
        types[name] = NamedType(schema: schema, location: location, source: source)
    }

    /// Declares every named type of `schema`, read from the JSON file `source`, each with the
    /// types nested in it as references.
    mutating func declareAll(in schema: AvroSchema, source: String) throws {
        var nested: [AvroSchema] = []
        schema.forEachNamedDefinition { _, definition in nested.append(definition) }
        for definition in nested { try declare(Self.flattened(definition), at: nil, source: source) }
    }

    /// `schema` with the named types defined inside it replaced by references.
    static func flattened(_ schema: AvroSchema) -> AvroSchema {
        var copy = schema
        switch schema.kind {
        case .record(var record):
            for index in record.fields.indices { record.fields[index].type = referencing(record.fields[index].type) }
            copy.kind = .record(record)
        case .array, .map, .union: copy = referencing(schema)
        default: break
        }
        return copy
    }

    private static func referencing(_ schema: AvroSchema) -> AvroSchema {
        if let name = schema.name { return AvroSchema(.reference(name)) }
        var copy = schema
        switch schema.kind {
        case .array(let items): copy.kind = .array(referencing(items))
        case .map(let values): copy.kind = .map(referencing(values))
        case .union(let branches): copy.kind = .union(branches.map(referencing))
        default: break
        }
        return copy
    }

    /// Checks what had to wait for every type: that each reference names a declared type,
    /// that each thrown type is an error, and that each default fits its type.
    func check() throws {
        for reference in references where types[reference.name] == nil {
            throw AvroError(.invalidIDL, "unknown type '\(reference.name)': no record, error, enum or fixed of that full name is declared or imported",
                            path: reference.location.description)
        }
        for thrown in thrown {
            guard case .record(let record)? = types[thrown.name]?.schema.kind, record.isError else {
                throw AvroError(.invalidIDL, "'\(thrown.name)' is not an error: a message can only throw types declared with 'error'",
                                path: thrown.location.description)
            }
        }
        let definitions = definitions
        for pending in defaults {
            do {
                _ = try AvroValue(defaultJSON: pending.value, schema: pending.type, definitions: definitions)
            } catch {
                throw AvroError(.invalidIDL, "the default of \(pending.what) does not fit its type: \(error.message)",
                                path: pending.location.description)
            }
        }
    }

    // MARK: - Writing types out

    /// `schema` with each named type it uses defined in full at its first use, unless
    /// `written` has it, and written from then on. Types nest at most `maxDepth` levels.
    func materialized(_ schema: AvroSchema, written: inout Set<AvroName>, maxDepth: Int, depth: Int = 0) throws -> AvroSchema {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the types of the IDL")
        var copy = schema
        switch schema.kind {
        case .reference(let name):
            guard !written.contains(name), let declared = types[name] else { return schema }
            written.insert(name)
            return try materialized(declared.schema, written: &written, maxDepth: maxDepth, depth: depth)
        case .record(var record):
            written.insert(record.name)
            for index in record.fields.indices {
                record.fields[index].type = try materialized(record.fields[index].type, written: &written, maxDepth: maxDepth, depth: depth + 1)
            }
            copy.kind = .record(record)
        case .enumeration(let enumeration): written.insert(enumeration.name)
        case .fixed(let fixed): written.insert(fixed.name)
        case .array(let items): copy.kind = .array(try materialized(items, written: &written, maxDepth: maxDepth, depth: depth + 1))
        case .map(let values): copy.kind = .map(try materialized(values, written: &written, maxDepth: maxDepth, depth: depth + 1))
        case .union(let branches):
            copy.kind = .union(try branches.map { try materialized($0, written: &written, maxDepth: maxDepth, depth: depth + 1) })
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string: break
        }
        return copy
    }

    /// Each named type on its own, with the types it uses defined inside it.
    func standaloneTypes(maxDepth: Int) throws -> [AvroSchema] {
        try declarations.map { declaration in
            var written: Set<AvroName> = []
            return try materialized(declaration, written: &written, maxDepth: maxDepth)
        }
    }

    /// The named types as a protocol lists them: in order, each in full where it is first
    /// used, those defined inside an earlier one left out.
    func protocolTypes(written: inout Set<AvroName>, maxDepth: Int) throws -> [AvroSchema] {
        var list: [AvroSchema] = []
        for declaration in declarations {
            guard let name = declaration.name, !written.contains(name) else { continue }
            list.append(try materialized(declaration, written: &written, maxDepth: maxDepth))
        }
        return list
    }
}
