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
