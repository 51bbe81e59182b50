extension ResolutionPlan {
    private struct Key: Hashable {
        let writer: AvroSchema
        let reader: ObjectIdentifier
    }

    private struct Cache {
        /// Plans by writer schema and reader; a cached plan keeps its reader alive, so the
        /// reader's identifier cannot be reused while the entry exists.
        var table: [Key: ResolutionPlan] = [:]
        /// The last plan looked up, with the writer schema as the caller passed it: checked
        /// first, by `isCopy(of:)`, since hashing a schema walks it all (see
        /// `CompiledSchema.cached`).
        var last: (writer: AvroSchema, plan: ResolutionPlan)?
    }

    private static let cache = Locked(Cache())
    private static let cacheLimit = 256

    /// Forgets every plan kept (see ``ProcessCaches``).
    static func removeCachedPlans() {
        cache.withLock { $0 = Cache() }
    }

    /// The plan that reads data written with `writer` as `reader`, built on first use and
    /// kept for later calls.
    static func cached(writer: AvroSchema, reader: CompiledSchema) throws(AvroError) -> ResolutionPlan {
        let found = cache.withLock { cache -> ResolutionPlan? in
            if let last = cache.last, last.plan.reader === reader, last.writer.isCopy(of: writer) { return last.plan }
            let plan = cache.table[Key(writer: writer, reader: ObjectIdentifier(reader))]
            if let plan { cache.last = (writer, plan) }
            return plan
        }
        if let found { return found }
        return store(ResolutionPlan(writer: try CompiledSchema.cached(writer), reader: reader), passedWriter: writer)
    }

    /// The plan that reads data written with the compiled `writer` as `reader`.
    static func cached(writer: CompiledSchema, reader: CompiledSchema) -> ResolutionPlan {
        let key = Key(writer: writer.schema, reader: ObjectIdentifier(reader))
        if let found = cache.withLock({ $0.table[key] }) { return found }
        return store(ResolutionPlan(writer: writer, reader: reader), passedWriter: writer.schema)
    }

    /// Keeps `plan`, and remembers it as the last one looked up with `passedWriter`.
    private static func store(_ plan: ResolutionPlan, passedWriter: AvroSchema) -> ResolutionPlan {
        let writer = plan.writer.schema, reader = plan.reader
        cache.withLock { cache in
            if cache.table.count >= cacheLimit { cache.table.removeAll() }
            cache.table[Key(writer: writer, reader: ObjectIdentifier(reader))] = plan
            cache.last = (passedWriter, plan)
        }
        return plan
    }

}

extension CompiledSchema {
    /// The canonical form of the schema, computed once.
    var canonicalForm: String { canonicalFormStorage }
}
