/// The writer schema of a decoder made by ``AvroDecoder/resolving(writerSchema:)``, with the
/// resolution plan of the reader it served last: found again by identity, without comparing
/// or hashing schemas.
final class WriterResolution: Sendable {
    let writer: CompiledSchema
    private let last = Locked<ResolutionPlan?>(nil)

    init(writer: CompiledSchema) {
        self.writer = writer
    }

    /// The plan that reads this writer's data as `reader`.
    func plan(reading reader: CompiledSchema) -> ResolutionPlan {
        if let plan = last.withLock({ $0 }), plan.reader === reader { return plan }
        let plan = ResolutionPlan.cached(writer: writer, reader: reader)
        last.withLock { $0 = plan }
        return plan
    }
}
