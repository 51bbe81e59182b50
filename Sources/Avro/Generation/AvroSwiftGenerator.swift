/// Generates Swift types from Avro schemas: what `avro generate` writes.
///
/// Every named type becomes a Swift type that is `Codable`, `Hashable`, `Sendable` and
/// ``AvroBinaryCodable`` (records and enums; fixed types are `Data`), carrying its schema
/// exactly as written, so that ``AvroSchema/init(deriving:fieldNaming:)`` of it is the
/// schema it came from:
///
/// - a record becomes a struct with a memberwise initializer whose arguments default to the
///   fields' defaults (of every type; not a decimal whose unscaled value needs more than 64
///   bits); a record that
///   contains itself other than through an array or a map becomes a final class, since a
///   struct cannot contain itself;
/// - an enum becomes an enum of `String` raw values, its symbols;
/// - `["null", T]` becomes `T?`; any other union becomes an enum with a case per branch (named
///   as the Codable coders name union branches: the type's name, first letter lowercase; the
///   full name, in lower camel case with `CodingKeys` giving it as written, for branches whose
///   simple names are the same),
///   nested in the record that uses it; a union with `null` and several other branches is an
///   optional of that enum;
/// - `bytes` and `fixed` become `Data` (a fixed's size is checked when writing), `null`
///   ``AvroNull``;
/// - logical types become `Date` (`date`, millisecond and microsecond timestamps), `UUID`,
///   `Decimal` (`decimal`) and ``AvroDuration``; the others (`time-millis`, `big-decimal`…)
///   keep their underlying type. A `uuid` is a `UUID` on a `string` and on a `fixed` of 16
///   bytes alike; a nanosecond timestamp stays an `Int64` of nanoseconds, since a `Date` would
///   not keep every nanosecond;
/// - `doc` becomes a `///` comment.
///
/// A schema whose top level has no name (a union, an array…) contributes the named types
/// inside it.
///
/// Names are Swift identifiers as they are; Swift keywords are escaped with backquotes, and a
/// type named like one the generated code uses (`Int`, `String`, `Data`…) gets `Type` after
/// its name.
/// Types are named by their short names unless ``Options/typeNaming`` says otherwise; two
/// types with the same short name are an error naming both.
public struct AvroSwiftGenerator: Sendable {
    /// How the generated code looks.
    public struct Options: Sendable {
        /// The access level of the generated declarations.
        public enum AccessLevel: String, Sendable {
            /// Public declarations, for a library that hands the types to its users.
            case `public`
            /// Internal declarations, for use inside one module.
            case `internal`
        }

        /// How a named type's Swift name is made from its Avro name.
        public enum TypeNaming: Sendable {
            /// The short name (`Person` for `com.example.Person`).
            case shortName
            /// The namespace's parts capitalised, then the name (`ComExamplePerson`).
            case namespacePrefixed
        }

        /// The access level of the declarations: `public` unless set.
        public var accessLevel: AccessLevel
        /// How types are named: by their short names unless set.
        public var typeNaming: TypeNaming

        /// Creates options with the given access level and naming.
        public init(accessLevel: AccessLevel = .public, typeNaming: TypeNaming = .shortName) {
            self.accessLevel = accessLevel
            self.typeNaming = typeNaming
        }
    }

    /// How the generated code looks.
    public var options: Options

    /// Creates a generator with `options`.
    public init(options: Options = .init()) {
        self.options = options
    }

    /// Swift source declaring a type for every named type of `schemas`, which may use each
    /// other's named types (a later schema those of the earlier ones).
    ///
    /// - Throws: ``AvroError/Code/unsupported`` naming the schema path of a type that cannot
    ///   be expressed in Swift (two types with one Swift name).
    public func generate(_ schemas: [AvroSchema]) throws -> String {
        try GeneratorModel(schemas, options: options).source()
    }
}
