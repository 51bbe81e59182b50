import CAvroAtomic

/// One type a coder has found to code itself (see ``AvroBinaryEncodable``), remembered for
/// every thread that uses the coder: asking is one atomic load and a comparison, with no lock
/// and no thread-local lookup. A type is remembered only once its answer is known and cannot
/// change (the coder's schema never changes), so a thread that reads a stale word only takes
/// the longer way, which gives the same answer.
final class SharedTypeAnswer: @unchecked Sendable {
    /// The identity of the type remembered, 0 for none; read and written only atomically.
    private let word: UnsafeMutablePointer<UInt>

    init() {
        word = .allocate(capacity: 1)
        word.initialize(to: 0)
    }

    deinit { word.deallocate() }

    /// Whether `type` is the type remembered.
    @inline(__always)
    func holds(_ type: Any.Type) -> Bool {
        avro_atomic_load(word) == UInt(bitPattern: ObjectIdentifier(type))
    }

    /// Remembers `type`, in place of the type remembered before.
    func remember(_ type: Any.Type) {
        avro_atomic_store(word, UInt(bitPattern: ObjectIdentifier(type)))
    }
}
