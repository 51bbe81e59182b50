/// A type that gives its own Avro schema instead of having it derived.
///
/// Use it for types whose `init(from:)` validates values (derivation probes `init(from:)`
/// with placeholder values) or whose Avro form derivation cannot infer.
///
/// ```swift
/// struct Temperature: Codable, AvroSchemaProviding {
///     static let avroSchema = AvroSchema.double
///     static let avroPlaceholder: Temperature? = Temperature(kelvin: 273.15)
///     let kelvin: Double
///     init(from decoder: Decoder) throws { … rejects values at or below absolute zero … }
/// }
/// ```
public protocol AvroSchemaProviding {
    /// The Avro schema of every value of this type.
    static var avroSchema: AvroSchema { get }
    /// A valid value of this type, handed to the `init(from:)` of types that contain one
    /// while their schema is derived. By default `nil`: derivation decodes the simplest value
    /// of ``avroSchema`` (zero, empty, the first symbol…); give a value when `init(from:)`
    /// rejects that one.
    static var avroPlaceholder: Self? { get }
}

extension AvroSchemaProviding {
    public static var avroPlaceholder: Self? { nil }
}

/// A Swift enum with `String` raw values that is an Avro `enum` (its symbols are the raw
/// values of `allCases`, in order). String-backed enums without this conformance are Avro
/// strings.
///
/// ```swift
/// enum Suit: String, Codable, AvroEnum { case hearts, spades, clubs, diamonds }
/// ```
public protocol AvroEnum: CaseIterable, RawRepresentable, Codable where RawValue == String {
    /// The symbol a reader uses for a writer's symbol it does not know (schema evolution).
    /// `nil` (the default) for none.
    static var avroDefaultSymbol: Self? { get }
}

extension AvroEnum {
    public static var avroDefaultSymbol: Self? { nil }
}

/// Customises the schema derived for a type: its name, namespace, documentation, aliases,
/// and options for each field. Every requirement has a default.
///
/// ```swift
/// struct Person: Codable, AvroCustomizing {
///     var name: String
///     var joined: Date
///     var balance: Decimal
///     static let avroNamespace: String? = "com.example"
///     static let avroFields: [String: AvroFieldOptions] = [
///         "joined": .init(doc: "When the account was opened", logicalType: .timestampMicros),
///         "balance": .init(logicalType: .decimal(precision: 12, scale: 2)),
///     ]
/// }
/// ```
public protocol AvroCustomizing {
    /// The record, enum or fixed name; by default the Swift type's name (`Box<Int>` becomes
    /// `Box_Int`).
    static var avroName: String? { get }
    /// The namespace; by default none (the null namespace).
    static var avroNamespace: String? { get }
    /// The schema's `doc`.
    static var avroDoc: String? { get }
    /// Former names of the type, for schema evolution.
    static var avroAliases: [String] { get }
    /// Options for fields, by coding key (`CodingKey.stringValue`).
    static var avroFields: [String: AvroFieldOptions] { get }
    /// Coding keys left out of the schema: their values are not written, and decoding them
    /// finds nothing (`decodeIfPresent` gives `nil`). Give such properties a default in
    /// `init(from:)`.
    static var avroExcludedFields: Set<String> { get }
}

extension AvroCustomizing {
    public static var avroName: String? { nil }
    public static var avroNamespace: String? { nil }
    public static var avroDoc: String? { nil }
    public static var avroAliases: [String] { [] }
    public static var avroFields: [String: AvroFieldOptions] { [:] }
    public static var avroExcludedFields: Set<String> { [] }
}

/// How one field of a derived record schema differs from what derivation infers.
public struct AvroFieldOptions: Sendable {
    /// The field's name in the schema, when it is not the coding key: for coding keys that are
    /// not valid Avro names (`"@type"`, `"content-type"`; a name is `[A-Za-z_][A-Za-z0-9_]*`),
    /// or to follow another team's schema. The encoder and decoder map the key to this name.
    public var name: String?
    /// The field's `doc`.
    public var doc: String?
    /// Former names of the field, for schema evolution.
    public var aliases: [String]
    /// The default value, as JSON for the field's type (checked when the schema is derived).
    /// An optional field without one gets `null`.
    public var defaultValue: AvroJSON?
    /// The field's sort order.
    public var order: AvroSchema.Field.Order
    /// The logical type: `.timestampMicros`/`.timestampNanos`/`.date`/local timestamps for a
    /// `Date` (default `.timestampMillis`), `.decimal(precision:scale:)` for a `Decimal`
    /// (default precision 38, scale 10), `.uuid` with `fixedSize: 16` for a binary UUID.
    public var logicalType: AvroLogicalType?
    /// Writes `Data`, `[UInt8]`, `Decimal` or `UUID` as a `fixed` of this many bytes.
    public var fixedSize: Int?
    /// The field's schema, replacing the derived one entirely.
    public var schema: AvroSchema?

    /// Creates field options; each one left out keeps what derivation gives.
    public init(name: String? = nil, doc: String? = nil, aliases: [String] = [], defaultValue: AvroJSON? = nil, order: AvroSchema.Field.Order = .ascending,
                logicalType: AvroLogicalType? = nil, fixedSize: Int? = nil, schema: AvroSchema? = nil) {
        self.name = name
        self.doc = doc
        self.aliases = aliases
        self.defaultValue = defaultValue
        self.order = order
        self.logicalType = logicalType
        self.fixedSize = fixedSize
        self.schema = schema
    }
}
