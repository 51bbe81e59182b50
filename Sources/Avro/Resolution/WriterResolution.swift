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

/// A byte buffer each thread keeps for the reader bytes that resolution produces, so that
/// decoding with a writer schema does not allocate one per value.
final class TranscodingBuffer {
    private var writer = AvroBinaryWriter(capacity: 256)
    private static let reusable = ThreadLocalSlot<TranscodingBuffer>()

    /// Runs `body` with an empty writer, the thread's reusable one when it is free.
    static func with<Result>(_ body: (inout AvroBinaryWriter) throws -> Result) rethrows -> Result {
        let buffer = reusable.take() ?? TranscodingBuffer()
        defer {
            buffer.writer.truncate(to: 0)
            reusable.put(buffer)
        }
        return try body(&buffer.writer)
    }
}
