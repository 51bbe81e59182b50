extension CompiledSchema {
    private static let cache = Locked<[AvroSchema: CompiledSchema]>([:])
    private static let cacheLimit = 256

    /// The compiled form of `schema`, compiled on first use and kept for later calls.
    static func cached(_ schema: AvroSchema) throws(AvroError) -> CompiledSchema {
        if let compiled = cache.withLock({ $0[schema] }) { return compiled }
        let compiled = try CompiledSchema(schema)
        cache.withLock { table in
            if table.count >= cacheLimit { table.removeAll() }
            table[schema] = compiled
        }
        return compiled
    }
}

extension CompiledSchema {
    private struct DerivedKey: Hashable {
        let type: ObjectIdentifier
        let fieldNaming: AvroFieldNaming
    }

    private static let derivedCache = Locked<[DerivedKey: CompiledSchema]>([:])

    /// The compiled schema derived from `type`, derived and compiled on first use. Derived
    /// plans ignore keys the schema leaves out (excluded fields) when encoding.
    static func derived(for type: Any.Type, fieldNaming: AvroFieldNaming) throws -> CompiledSchema {
        let key = DerivedKey(type: ObjectIdentifier(type), fieldNaming: fieldNaming)
        if let compiled = derivedCache.withLock({ $0[key] }) { return compiled }
        guard let decodable = type as? any Decodable.Type else {
            throw AvroError(.unsupported, "\(type) is only Encodable; schema derivation needs a Decodable type, or pass a schema to the encoder")
        }
        let compiled = try CompiledSchema(AvroSchema(deriving: decodable, fieldNaming: fieldNaming), ignoresUnknownFields: true)
        derivedCache.withLock { $0[key] = compiled }
        return compiled
    }
}
