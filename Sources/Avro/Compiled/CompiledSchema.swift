/// A schema compiled once for reading and writing: every named reference resolved to the
/// index of its definition, so recursive schemas need no name lookups per value, and every
/// record field's default converted to a value up front.
///
/// Nodes live in one array and refer to each other by index, so recursive types make no
/// reference cycles.
final class CompiledSchema: Sendable {
    let schema: AvroSchema
    let nodes: [SchemaNode]
    let root: Int
    let canonicalFormStorage: String
    /// The nodes as the coders read them (see ``NodeInfo``), and the fields and branches of
    /// records and unions, flat.
    let info: [NodeInfo]
    let fieldNames: [String]
    let fieldTypes: [Int]
    let branchNodes: [Int]
    /// Whether the last type asked about writes its values itself with this schema (see
    /// ``AvroBinaryEncodable``), for every thread: an answer that never changes.
    let writtenByItself = SharedTypeAnswer()
    /// Whether the last type asked about reads its values itself with this schema.
    let readByItself = SharedTypeAnswer()

    /// Compiles `schema`. Throws when it refers to a named type it does not define.
    convenience init(_ schema: AvroSchema) throws(AvroError) {
        var builder = Builder(definitions: schema.namedDefinitions)
        let root = try builder.add(schema, path: "")
        // Defaults are encoded once, with the finished nodes, and stored with their fields.
        let draft = CompiledSchema(schema: schema, nodes: builder.nodes, root: root)
        var nodes = builder.nodes
        for index in nodes.indices {
            guard case .record(var record) = nodes[index].kind else { continue }
            for position in record.fields.indices {
                guard let value = record.fields[position].defaultValue else { continue }
                var writer = AvroBinaryWriter()
                try ValueCoder(schema: draft).encode(value, node: record.fields[position].type, to: &writer, depth: 0)
                record.fields[position].encodedDefault = writer.bytes
            }
            nodes[index].kind = .record(record)
        }
        self.init(schema: schema, nodes: nodes, root: root)
    }

    private init(schema: AvroSchema, nodes: [SchemaNode], root: Int) {
        self.schema = schema
        canonicalFormStorage = schema.canonicalForm
        self.nodes = nodes
        self.root = root
        (info, fieldNames, fieldTypes, branchNodes) = Self.nodeTables(nodes)
    }

    @inline(__always) subscript(index: Int) -> SchemaNode { nodes[index] }

    private struct Builder {
        let definitions: [AvroName: AvroSchema]
        var nodes: [SchemaNode] = []
        var indexOfName: [AvroName: Int] = [:]

        // Each kind of container is added by a function of its own, never inlined here, so
        // that each level of nesting keeps a small frame and deep schemas fit small stacks.
        mutating func add(_ schema: AvroSchema, path: String) throws(AvroError) -> Int {
            if case .reference(let name) = schema.kind { return try addReference(name, path: path) }
            if let name = schema.name, let index = indexOfName[name] { return index }
            let index = startNode(schema)
            let kind: SchemaNode.Kind
            switch schema.kind {
            case .array(let items): kind = .array(items: try add(items, path: path.dot("items")))
            case .map(let values): kind = .map(values: try add(values, path: path.dot("values")))
            case .union(let branches): kind = .union(try addBranches(branches, path: path))
            case .record(let record): kind = .record(try addFields(record, path: path))
            default: kind = Self.leafKind(schema)
            }
            nodes[index].kind = kind
            return index
        }

        @inline(never)
        private mutating func addReference(_ name: AvroName, path: String) throws(AvroError) -> Int {
            if let index = indexOfName[name] { return index }
            guard let definition = definitions[name] else {
                throw AvroError(.invalidSchema, "the schema refers to '\(name)', which it does not define", path: path.isEmpty ? nil : path)
            }
            return try add(definition, path: path)
        }

        /// Appends the node of `schema`, its kind still to be filled in, and returns its index.
        @inline(never)
        private mutating func startNode(_ schema: AvroSchema) -> Int {
            let index = nodes.count
            nodes.append(SchemaNode(kind: .null, logicalType: schema.logicalType, name: schema.name, typeName: schema.name?.fullname ?? schema.typeName,
                                    aliases: schema.aliases))
            if let name = schema.name { indexOfName[name] = index }
            return index
        }

        /// The kind of a schema that nests no other.
        @inline(never)
        private static func leafKind(_ schema: AvroSchema) -> SchemaNode.Kind {
            switch schema.kind {
            case .boolean: .boolean
            case .int: .int
            case .long: .long
            case .float: .float
            case .double: .double
            case .bytes: .bytes
            case .string: .string
            case .fixed(let fixed): .fixed(size: fixed.size)
            case .enumeration(let enumeration): .enumeration(EnumNode(symbols: enumeration.symbols, defaultSymbol: enumeration.defaultSymbol))
            case .null, .array, .map, .union, .record, .reference: .null
            }
        }

        @inline(never)
        private mutating func addBranches(_ branches: [AvroSchema], path: String) throws(AvroError) -> [Int] {
            var indexes: [Int] = []
            for position in branches.indices {
                indexes.append(try add(branches[position], path: path + "[\(position)]"))
            }
            return indexes
        }

        @inline(never)
        private mutating func addFields(_ record: AvroSchema.Record, path: String) throws(AvroError) -> RecordNode {
            var fields: [FieldNode] = []
            for field in record.fields {
                let fieldPath = path.isEmpty ? field.name : path + "." + field.name
                let type = try add(field.type, path: fieldPath)
                fields.append(FieldNode(name: field.name, type: type, defaultValue: try defaultValue(of: field, path: fieldPath), aliases: field.aliases))
            }
            return RecordNode(fields: fields)
        }

        /// A field's default as a value, or `nil` when it has none.
        @inline(never)
        private func defaultValue(of field: AvroSchema.Field, path: String) throws(AvroError) -> AvroValue? {
            guard let json = field.defaultValue else { return nil }
            do {
                return try AvroValue(defaultJSON: json, schema: field.type, definitions: definitions)
            } catch {
                throw AvroError(.invalidDefault, error.message, path: path)
            }
        }
    }
}

/// One type of a compiled schema.
struct SchemaNode: Sendable {
    enum Kind: Sendable {
        case null, boolean, int, long, float, double, bytes, string
        case fixed(size: Int)
        case enumeration(EnumNode)
        case array(items: Int)
        case map(values: Int)
        case union([Int])
        case record(RecordNode)
    }

    var kind: Kind
    var logicalType: AvroLogicalType?
    var name: AvroName?
    /// The name used in messages: the full name of a named type, else the type name.
    var typeName: String
    /// The aliases of a named type (full names).
    var aliases: [AvroName] = []
}

struct EnumNode: Sendable {
    let symbols: [String]
    let defaultSymbol: String?
    let indexOfSymbol: [String: Int]

    init(symbols: [String], defaultSymbol: String?) {
        self.symbols = symbols
        self.defaultSymbol = defaultSymbol
        var index: [String: Int] = [:]
        for (position, symbol) in symbols.enumerated() { index[symbol] = position }
        indexOfSymbol = index
    }
}

struct RecordNode: Sendable {
    var fields: [FieldNode]
    let indexOfField: [String: Int]

    init(fields: [FieldNode]) {
        self.fields = fields
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() { index[field.name] = position }
        indexOfField = index
    }
}

struct FieldNode: Sendable {
    let name: String
    let type: Int
    let defaultValue: AvroValue?
    /// Former names of the field (schema resolution matches writer fields by them).
    let aliases: [String]
    /// The default in Avro binary, written for a field the encoder was not given.
    var encodedDefault: [UInt8]?
}
