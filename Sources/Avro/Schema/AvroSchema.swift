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
        /// The `null` type: its only value takes no bytes.
        case null
        /// A `boolean`: one byte, 0 or 1.
        case boolean
        /// An `int`: a 32-bit signed integer, written as a zig-zag varint.
        case int
        /// A `long`: a 64-bit signed integer, written as a zig-zag varint.
        case long
        /// A `float`: 32-bit IEEE 754, little-endian.
        case float
        /// A `double`: 64-bit IEEE 754, little-endian.
        case double
        /// `bytes`: a length, then that many bytes.
        case bytes
        /// A `string`: a length, then that many bytes of UTF-8.
        case string
        /// A record: named fields, written one after another in order.
        case record(Record)
        /// An enum: one of a list of symbols, written as its index.
        case enumeration(Enumeration)
        /// An array of items of one schema, written in blocks.
        case array(AvroSchema)
        /// A map from strings to values of one schema, written in blocks.
        case map(AvroSchema)
        /// A union: a value of one of its branches, written as the branch's index and then the value.
        case union([AvroSchema])
        /// A fixed: a named number of bytes, written as they are.
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

    /// The `null` schema.
    public static let null = AvroSchema(.null)
    /// The `boolean` schema.
    public static let boolean = AvroSchema(.boolean)
    /// The `int` schema.
    public static let int = AvroSchema(.int)
    /// The `long` schema.
    public static let long = AvroSchema(.long)
    /// The `float` schema.
    public static let float = AvroSchema(.float)
    /// The `double` schema.
    public static let double = AvroSchema(.double)
    /// The `bytes` schema.
    public static let bytes = AvroSchema(.bytes)
    /// The `string` schema.
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
        /// The record's full name.
        public var name: AvroName
        /// Other full names the record had: a reader whose record has one of them reads it.
        public var aliases: [AvroName]
        /// The record's documentation, or `nil`.
        public var doc: String?
        /// The fields, in the order they are written.
        public var fields: [Field]
        /// Whether the schema declared it with `"type": "error"`.
        public var isError: Bool

        /// Creates a record schema named `name` with `fields`, in order.
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
            /// Ascending (the default).
            case ascending
            /// Descending.
            case descending
            /// Not compared.
            case ignore
        }

        /// The field's name.
        public var name: String
        /// The field's schema.
        public var type: AvroSchema
        /// The field's documentation, or `nil`.
        public var doc: String?
        /// The default value in its JSON form, used when reading data whose writer
        /// schema lacks the field. Already checked against ``type`` when parsed.
        public var defaultValue: AvroJSON?
        /// How the field sorts when records are compared.
        public var order: Order
        /// Other names the field had: a reader whose field has one of them reads it.
        public var aliases: [String]
        /// Attributes of the field object that the specification does not define.
        public var properties: AvroJSON.Object

        /// Creates a field named `name` of schema `type`.
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
        /// The enum's full name.
        public var name: AvroName
        /// Other full names the enum had.
        public var aliases: [AvroName]
        /// The enum's documentation, or `nil`.
        public var doc: String?
        /// The symbols, in order: a value is written as its symbol's index.
        public var symbols: [String]
        /// The symbol a reader uses for a writer's symbol it does not know.
        public var defaultSymbol: String?

        /// Creates an enum schema named `name` with `symbols`.
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
        /// The fixed's full name.
        public var name: AvroName
        /// Other full names the fixed had.
        public var aliases: [AvroName]
        /// The fixed's documentation, or `nil`.
        public var doc: String?
        /// The number of bytes of each value.
        public var size: Int

        /// Creates a fixed schema named `name` of `size` bytes.
        public init(name: AvroName, size: Int, doc: String? = nil, aliases: [AvroName] = []) {
            self.name = name
            self.size = size
            self.doc = doc
            self.aliases = aliases
        }
    }
}
