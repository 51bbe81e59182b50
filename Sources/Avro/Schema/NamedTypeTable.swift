/// Named types kept flat: each with the named types nested in it replaced by references, in
/// the order they were added. From such a table, types are written out again with each one
/// defined in full at its first use (``materialized(_:written:maxDepth:depth:)``), in whatever
/// order a reader needs: Java's IDL reader and its protocol parser each have their own.
struct NamedTypeTable {
    private(set) var order: [AvroName] = []
    private(set) var types: [AvroName: AvroSchema] = [:]

    /// Adds `schema`, a named type whose nested named types are references, unless the table
    /// has its name already.
    mutating func add(_ schema: AvroSchema) {
        guard let name = schema.name, types[name] == nil else { return }
        order.append(name)
        types[name] = schema
    }

    /// The types in the order they were added.
    var declarations: [AvroSchema] { order.compactMap { types[$0] } }

    /// The named types `schema` defines, flattened, in the order Java's parser registers them:
    /// a record after the types defined in its fields (Java's protocol types and the types an
    /// IDL file imports come in that order).
    static func definitionsAsJavaParses(_ schema: AvroSchema) -> [AvroSchema] {
        var definitions: [AvroSchema] = []
        collect(schema, into: &definitions)
        return definitions
    }

    private static func collect(_ schema: AvroSchema, into definitions: inout [AvroSchema]) {
        switch schema.kind {
        case .record(let record):
            for field in record.fields { collect(field.type, into: &definitions) }
            definitions.append(flattened(schema))
        case .enumeration, .fixed: definitions.append(schema)
        case .array(let items): collect(items, into: &definitions)
        case .map(let values): collect(values, into: &definitions)
        case .union(let branches): for branch in branches { collect(branch, into: &definitions) }
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string, .reference: break
        }
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

    /// `schema` with each named type it uses defined in full at its first use, unless
    /// `written` has it, and written from then on. Types nest at most `maxDepth` levels.
    func materialized(_ schema: AvroSchema, written: inout Set<AvroName>, maxDepth: Int, depth: Int = 0) throws -> AvroSchema {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the types")
        var copy = schema
        switch schema.kind {
        case .reference(let name):
            guard !written.contains(name), let declared = types[name] else { return schema }
            written.insert(name)
            return try materialized(declared, written: &written, maxDepth: maxDepth, depth: depth)
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

    /// The types in order as a list where each is defined once, in full at its first use:
    /// those defined inside an earlier one are left out.
    func definedInOrder(written: inout Set<AvroName>, maxDepth: Int) throws -> [AvroSchema] {
        var list: [AvroSchema] = []
        for name in order where !written.contains(name) {
            list.append(try materialized(.init(.reference(name)), written: &written, maxDepth: maxDepth))
        }
        return list
    }
}
