/// The writer schema of a decoder made by ``AvroDecoder/resolving(writerSchema:)``, with the
/// resolution plans it reads with, found again by identity, without comparing or hashing
/// schemas: the plan for the decoder's own schema, made at once, and the one of the derived
/// schema it served last.
final class WriterResolution: Sendable {
    let writer: CompiledSchema
    /// The plan for the decoder's schema, when it has one.
    private let fixed: ResolutionPlan?
    private let last = Locked<ResolutionPlan?>(nil)

    init(writer: CompiledSchema, reader: CompiledSchema?) {
        self.writer = writer
        fixed = reader.map { ResolutionPlan.cached(writer: writer, reader: $0) }
    }

    /// The plan that reads this writer's data as `reader`.
    func plan(reading reader: CompiledSchema) -> ResolutionPlan {
        if let fixed, fixed.reader === reader { return fixed }
        if let plan = last.withLock({ $0 }), plan.reader === reader { return plan }
        let plan = ResolutionPlan.cached(writer: writer, reader: reader)
        last.withLock { $0 = plan }
        return plan
    }
}
