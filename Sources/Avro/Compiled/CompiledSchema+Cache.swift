extension CompiledSchema {
    private struct Cache {
        var table: [AvroSchema: CompiledSchema] = [:]
        /// The last schema looked up, as the caller passed it, and its compiled form. A caller
        /// that passes copies of one schema value per call finds it by `isCopy(of:)`, a few
        /// instructions, where comparing or hashing the schema walks it all.
        var last: (schema: AvroSchema, compiled: CompiledSchema)?
    }

    private static let cache = Locked(Cache())
    private static let cacheLimit = 256

    /// Forgets every compiled schema kept (see ``ProcessCaches``).
    static func removeCachedSchemas() {
        cache.withLock { $0 = Cache() }
        derivedCache.withLock { $0 = [:] }
    }

    /// The compiled form of `schema`, compiled on first use and kept for later calls.
    static func cached(_ schema: AvroSchema) throws(AvroError) -> CompiledSchema {
        let found = cache.withLock { cache -> CompiledSchema? in
            if let last = cache.last, last.schema.isCopy(of: schema) { return last.compiled }
            let compiled = cache.table[schema]
            if let compiled { cache.last = (schema, compiled) }
            return compiled
        }
        if let found { return found }
        let compiled = try CompiledSchema(schema)
        cache.withLock { cache in
            if cache.table.count >= cacheLimit { cache.table.removeAll() }
            cache.table[schema] = compiled
            cache.last = (schema, compiled)
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

    /// The compiled schema derived from `type`, derived and compiled on first use.
    static func derived(for type: Any.Type, fieldNaming: AvroFieldNaming) throws -> CompiledSchema {
        let key = DerivedKey(type: ObjectIdentifier(type), fieldNaming: fieldNaming)
        if let compiled = derivedCache.withLock({ $0[key] }) { return compiled }
        guard let decodable = type as? any Decodable.Type else {
            throw AvroError(.unsupported, "\(type) is only Encodable; schema derivation needs a Decodable type, or pass a schema to the encoder")
        }
        let compiled = try CompiledSchema(AvroSchema(deriving: decodable, fieldNaming: fieldNaming))
        derivedCache.withLock { $0[key] = compiled }
        return compiled
    }
}
