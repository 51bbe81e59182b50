import CAvroAtomic

/// A yes-or-no answer about one type, remembered for every thread: asking is one atomic load
/// and a comparison, with no lock and no thread-local lookup. It holds the last type answered
/// for (the coder or compiled schema that keeps it asks about one type at a time, as a rule).
/// Only answers that never change are remembered, so a thread that reads a stale word finds
/// no answer, or another type's, and works it out again, to the same answer.
final class SharedTypeAnswer: @unchecked Sendable {
    /// The type's identity with the answer in its lowest bit (a type's metadata is
    /// pointer-aligned, so the bit is free); 0 for none. Read and written only atomically.
    private let word: UnsafeMutablePointer<UInt>

    init() {
        word = .allocate(capacity: 1)
        word.initialize(to: 0)
    }

    deinit { word.deallocate() }

    /// The answer remembered for `type`; `nil` when none is.
    @inline(__always)
    func answer(for type: Any.Type) -> Bool? {
        let identity = UInt(bitPattern: ObjectIdentifier(type))
        switch avro_atomic_load(word) {
        case identity | 1: return true
        case identity: return false
        default: return nil
        }
    }

    /// Remembers `answer` for `type`, in place of what was remembered before.
    func remember(_ answer: Bool, for type: Any.Type) {
        let identity = UInt(bitPattern: ObjectIdentifier(type))
        // An identity that needs its lowest bit could not be told apart from an answer.
        guard identity & 1 == 0 else { return }
        avro_atomic_store(word, identity | (answer ? 1 : 0))
    }
}
