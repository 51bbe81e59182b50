extension AvroSchema {
    private struct DerivedKey: Hashable {
        let type: ObjectIdentifier
        let fieldNaming: AvroFieldNaming
    }

    private static let derivedCache = Locked<[DerivedKey: AvroSchema]>([:])

    /// Forgets every derived schema kept (see ``ProcessCaches``).
    static func removeDerivedSchemas() {
        derivedCache.withLock { $0 = [:] }
    }

    /// Derives the Avro schema of a `Decodable` type from its `Codable` conformance, with no
    /// schema written by hand.
    ///
    /// ```swift
    /// struct Person: Codable { var name: String; var age: Int32; var email: String? }
    /// let schema = try AvroSchema(deriving: Person.self)
    /// print(schema.jsonString(pretty: true)) // the .avsc to publish
    /// ```
    ///
    /// Structs and classes become records named after the type, with a field per coding key
    /// in the order `init(from:)` decodes them; `Optional` becomes `["null", T]` with default
    /// `null`; arrays and sets become arrays, `[String: T]` maps; `Int` is a `long`, never an
    /// `int`; `Date`, `UUID` and `Decimal` get their logical types. Types conforming to
    /// ``AvroEnum`` become enums, enums with associated values (whose `CodingKeys` are
    /// `CaseIterable`) unions of records, one per case. ``AvroCustomizing`` changes names,
    /// docs, aliases and field options; ``AvroSchemaProviding`` gives a type's schema outright.
    /// The result is computed once per type and cached.
    ///
    /// - Parameters:
    ///   - type: The type whose schema to derive.
    ///   - fieldNaming: How coding keys become field names (snake case, or as they are).
    /// - Throws: ``AvroError`` naming the type and field that cannot be derived, and how to fix it.
    public init<T: Decodable>(deriving type: T.Type, fieldNaming: AvroFieldNaming = .codingKeys) throws {
        let id = DerivedKey(type: ObjectIdentifier(type), fieldNaming: fieldNaming)
        if let cached = Self.derivedCache.withLock({ $0[id] }) {
            self = cached
            return
        }
        do {
            self = try SchemaDeriver(fieldNaming: fieldNaming).derive(type).schema
        } catch let error as AvroError {
            throw error.prefixingPath(String(describing: T.self))
        } catch {
            throw AvroError(.invalidSchema, "\(error)", path: String(describing: T.self))
        }
        let schema = self
        Self.derivedCache.withLock { $0[id] = schema }
    }
}
