extension ResolutionPlan {
    private struct Key: Hashable {
        let writer: AvroSchema
        let reader: ObjectIdentifier
    }

    private static let cache = Locked<[Key: ResolutionPlan]>([:])
    private static let cacheLimit = 256

    /// The plan that reads data written with `writer` as `reader`, built on first use and
    /// kept for later calls.
    static func cached(writer: AvroSchema, reader: CompiledSchema) throws(AvroError) -> ResolutionPlan {
        let key = Key(writer: writer, reader: ObjectIdentifier(reader))
        if let plan = cache.withLock({ $0[key] }) { return plan }
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(writer), reader: reader)
        cache.withLock { table in
            if table.count >= cacheLimit { table.removeAll() }
            table[key] = plan
        }
        return plan
    }

    /// Reads one writer value from `input` and returns it as reader bytes.
    func readerBytes(from input: inout AvroBinaryReader) throws(AvroError) -> [UInt8] {
        var output = AvroBinaryWriter(capacity: 64)
        try transcode(from: &input, to: &output)
        return output.bytes
    }
}

extension CompiledSchema {
    /// The canonical form of the schema, computed once.
    var canonicalForm: String { canonicalFormStorage }
}
