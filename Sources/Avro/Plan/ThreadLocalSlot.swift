#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One object per thread, kept between calls so that each call does not allocate it anew:
/// the encoder's and decoder's per-call states, with the capacity of their arrays.
///
/// ``take()`` empties the slot, so a call made while another is running on the same thread
/// (an `init(from:)` that decodes something else) gets `nil` and makes its own object;
/// ``put(_:)`` gives the object back once the call is over.
///
/// The thread-specific value is a holder made once per thread, never changed after: taking
/// and putting back are a read of it and a store into the holder, not two
/// `pthread_setspecific` calls per call (about a hundred instructions).
final class ThreadLocalSlot<Object: SlotObject>: Sendable {
    /// `nil` when the system is out of keys: then `take` finds nothing and `put` keeps
    /// nothing, and every call makes its own object.
    private let key: pthread_key_t?

    /// What a thread's key points at; released (and its object let go of) when the thread ends.
    private final class Holder {
        var object: Object?
        deinit { object?.willLeaveSlot() }
    }

    init() {
        var key = pthread_key_t()
        self.key = pthread_key_create(&key, releaseHolder) == 0 ? key : nil
    }

    /// The object the slot holds, which it no longer holds; `nil` when empty.
    func take() -> Object? {
        guard let key, let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<Holder>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.object.take() }
    }

    /// Gives `object` back for the next call on this thread, after `reset`, unless something
    /// else holds a reference to it (an `init(from:)` that kept its decoder): then it is left
    /// to that holder and never reused.
    func recycle(_ object: inout Object, reset: (Object) -> Void) {
        guard isKnownUniquelyReferenced(&object) else { return object.willLeaveSlot() }
        reset(object)
        put(object)
    }

    /// Keeps `object` for the next call on this thread, unless the slot holds one already.
    func put(_ object: Object) {
        let isKept = threadHolder()?._withUnsafeGuaranteedRef { holder in
            guard case .none = holder.object else { return false }
            holder.object = object
            return true
        }
        if isKept != true { object.willLeaveSlot() }
    }

    /// This thread's holder, made on first use; `nil` without a key or when it can't be set.
    private func threadHolder() -> Unmanaged<Holder>? {
        guard let key else { return nil }
        if let pointer = pthread_getspecific(key) { return Unmanaged<Holder>.fromOpaque(pointer) }
        let holder = Unmanaged.passRetained(Holder())
        guard pthread_setspecific(key, holder.toOpaque()) == 0 else {
            holder.release()
            return nil
        }
        return holder
    }
}

/// An object a ``ThreadLocalSlot`` keeps between calls.
protocol SlotObject: AnyObject {
    /// Tells the object that it will not be reused: it was not put back, or its thread ended.
    func willLeaveSlot()
}

/// Releases a thread's holder when the thread ends (its `deinit` lets go of its object).
#if canImport(Darwin)
private func releaseHolder(_ pointer: UnsafeMutableRawPointer) {
    Unmanaged<AnyObject>.fromOpaque(pointer).release()
}
#else
private func releaseHolder(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<AnyObject>.fromOpaque(pointer).release()
}
#endif
