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
