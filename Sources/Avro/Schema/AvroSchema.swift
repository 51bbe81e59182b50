/// An Avro schema: the type of Avro data.
///
/// A schema is a ``kind`` (a primitive, a record, an enum, an array, a map, a union, a fixed,
/// or a reference to a named type defined earlier), an optional ``logicalType``, and the
/// attributes the specification does not define (``properties``), which are kept and
/// printed back.
///
/// ```swift
/// let schema = try AvroSchema(parsing: """
///     {"type": "record", "name": "Person", "fields": [
///         {"name": "name", "type": "string"},
///         {"name": "age", "type": "int"},
///         {"name": "email", "type": "string"}]}
///     """)
/// print(schema.canonicalForm)
/// ```
///
/// A named type is defined once, at its first appearance in depth-first order; later uses
/// are ``Kind/reference(_:)`` to its full name, exactly as in the JSON text. That is how
/// recursive types are written.
public struct AvroSchema: Hashable, Sendable {
    /// What kind of schema this is.
    public indirect enum Kind: Hashable, Sendable {
        case null
        case boolean
        case int
        case long
        case float
        case double
        case bytes
        case string
        case record(Record)
        case enumeration(Enumeration)
        case array(AvroSchema)
        case map(AvroSchema)
        case union([AvroSchema])
        case fixed(Fixed)
        /// A use of a named type defined earlier in the schema (or given as a known type).
        case reference(AvroName)
    }

    /// What kind of schema this is.
    public var kind: Kind
    /// The logical type, when the schema names a valid one for its underlying type.
    public var logicalType: AvroLogicalType?
    /// Attributes that the specification does not define, in the order they were written.
    public var properties: AvroJSON.Object

    /// Creates a schema.
    public init(_ kind: Kind, logicalType: AvroLogicalType? = nil, properties: AvroJSON.Object = .init()) {
        self.kind = kind
        self.logicalType = logicalType
        self.properties = properties
    }

    public static let null = AvroSchema(.null)
    public static let boolean = AvroSchema(.boolean)
    public static let int = AvroSchema(.int)
    public static let long = AvroSchema(.long)
    public static let float = AvroSchema(.float)
    public static let double = AvroSchema(.double)
    public static let bytes = AvroSchema(.bytes)
    public static let string = AvroSchema(.string)

    /// A record schema.
    public static func record(_ record: Record) -> AvroSchema { AvroSchema(.record(record)) }
    /// An enum schema.
    public static func enumeration(_ enumeration: Enumeration) -> AvroSchema { AvroSchema(.enumeration(enumeration)) }
    /// An array of `items`.
    public static func array(_ items: AvroSchema) -> AvroSchema { AvroSchema(.array(items)) }
    /// A map from strings to `values`.
    public static func map(_ values: AvroSchema) -> AvroSchema { AvroSchema(.map(values)) }
    /// A union of `branches`.
    public static func union(_ branches: [AvroSchema]) -> AvroSchema { AvroSchema(.union(branches)) }
    /// A fixed-size schema.
    public static func fixed(_ fixed: Fixed) -> AvroSchema { AvroSchema(.fixed(fixed)) }
    /// A reference to the named type `fullname` defined elsewhere in the schema.
    public static func reference(_ fullname: String) -> AvroSchema { AvroSchema(.reference(AvroName(fullname: fullname))) }

    /// The name of a record, enum or fixed schema, or the name a reference refers to.
    public var name: AvroName? {
        switch kind {
        case .record(let record): record.name
        case .enumeration(let enumeration): enumeration.name
        case .fixed(let fixed): fixed.name
        case .reference(let name): name
        default: nil
        }
    }

    /// The aliases of a record, enum or fixed schema (full names).
    public var aliases: [AvroName] {
        switch kind {
        case .record(let record): record.aliases
        case .enumeration(let enumeration): enumeration.aliases
        case .fixed(let fixed): fixed.aliases
        default: []
        }
    }

    /// The Avro type name of this schema's kind: `"int"`, `"record"`, `"union"`…
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .bytes: "bytes"
        case .string: "string"
        case .record(let record): record.isError ? "error" : "record"
        case .enumeration: "enum"
        case .array: "array"
        case .map: "map"
        case .union: "union"
        case .fixed: "fixed"
        case .reference: "reference"
        }
    }

    /// The primitive type names, which cannot be redefined as named types.
    static let primitiveNames: Set<String> = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"]

    static func primitive(named name: String) -> Kind? {
        switch name {
        case "null": .null
        case "boolean": .boolean
        case "int": .int
        case "long": .long
        case "float": .float
        case "double": .double
        case "bytes": .bytes
        case "string": .string
        default: nil
        }
    }
}

extension AvroSchema {
    /// A record: named, with fields in order. Also the `error` type of protocols.
    public struct Record: Hashable, Sendable {
        public var name: AvroName
        public var aliases: [AvroName]
        public var doc: String?
        public var fields: [Field]
        /// Whether the schema declared it with `"type": "error"`.
        public var isError: Bool

        public init(name: AvroName, fields: [Field], doc: String? = nil, aliases: [AvroName] = [], isError: Bool = false) {
            self.name = name
            self.fields = fields
            self.doc = doc
            self.aliases = aliases
            self.isError = isError
        }

        /// The field named `name`, if the record has one.
        public func field(named name: String) -> Field? { fields.first { $0.name == name } }
    }

    /// A field of a record.
    public struct Field: Hashable, Sendable {
        /// The sort order of a field.
        public enum Order: String, Hashable, Sendable {
            case ascending, descending, ignore
        }

        public var name: String
        public var type: AvroSchema
        public var doc: String?
        /// The default value in its JSON form, used when reading data whose writer
        /// schema lacks the field. Already checked against ``type`` when parsed.
        public var defaultValue: AvroJSON?
        public var order: Order
        public var aliases: [String]
        /// Attributes of the field object that the specification does not define.
        public var properties: AvroJSON.Object

        public init(name: String, type: AvroSchema, doc: String? = nil, defaultValue: AvroJSON? = nil,
                    order: Order = .ascending, aliases: [String] = [], properties: AvroJSON.Object = .init()) {
            self.name = name
            self.type = type
            self.doc = doc
            self.defaultValue = defaultValue
            self.order = order
            self.aliases = aliases
            self.properties = properties
        }
    }

    /// An enum: named, with its symbols.
    public struct Enumeration: Hashable, Sendable {
        public var name: AvroName
        public var aliases: [AvroName]
        public var doc: String?
        public var symbols: [String]
        /// The symbol a reader uses for a writer's symbol it does not know.
        public var defaultSymbol: String?

        public init(name: AvroName, symbols: [String], defaultSymbol: String? = nil, doc: String? = nil, aliases: [AvroName] = []) {
            self.name = name
            self.symbols = symbols
            self.defaultSymbol = defaultSymbol
            self.doc = doc
            self.aliases = aliases
        }
    }

    /// A fixed: named, with the number of bytes of every value.
    public struct Fixed: Hashable, Sendable {
        public var name: AvroName
        public var aliases: [AvroName]
        public var doc: String?
        public var size: Int

        public init(name: AvroName, size: Int, doc: String? = nil, aliases: [AvroName] = []) {
            self.name = name
            self.size = size
            self.doc = doc
            self.aliases = aliases
        }
    }
}
