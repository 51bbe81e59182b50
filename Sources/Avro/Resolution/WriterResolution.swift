/// The writer schema of a decoder made by ``AvroDecoder/resolving(writerSchema:)``, with the
/// resolution plans it reads with, found again by identity, without comparing or hashing
/// schemas: the plan for the decoder's own schema, made at once, and the one of the derived
/// schema it served last.
final class WriterResolution: Sendable {
    let writer: CompiledSchema
    /// The plan for the decoder's schema, when it has one.
    private let fixed: ResolutionPlan?
    /// ``fixed``, not retained.
    private let fixedReference: Unmanaged<ResolutionPlan>?
    private let last = Locked<ResolutionPlan?>(nil)

    init(writer: CompiledSchema, reader: CompiledSchema?) {
        self.writer = writer
        fixed = reader.map { ResolutionPlan.cached(writer: writer, reader: $0) }
        fixedReference = fixed.map(Unmanaged.passUnretained)
    }

    /// Runs `body` with the plan that reads this writer's data as `reader`. The decoder's own
    /// plan is lent without being retained: this object holds it for the call.
    func withPlan<Result>(reading reader: CompiledSchema, _ body: (ResolutionPlan) throws -> Result) rethrows -> Result {
        if let fixed = fixedReference, fixed._withUnsafeGuaranteedRef({ $0.reader === reader }) {
            return try fixed._withUnsafeGuaranteedRef(body)
        }
        return try body(plan(reading: reader))
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
