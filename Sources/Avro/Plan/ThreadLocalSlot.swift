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
final class ThreadLocalSlot<Object: SlotObject>: Sendable {
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        // Without a key (the system is out of them), `take` finds nothing and `put` keeps
        // nothing: every call makes its own object.
        _ = pthread_key_create(&key, releaseSlotObject)
        self.key = key
    }

    /// The object the slot holds, which it no longer holds; `nil` when empty.
    func take() -> Object? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        pthread_setspecific(key, nil)
        return Unmanaged<Object>.fromOpaque(pointer).takeRetainedValue()
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
        guard pthread_getspecific(key) == nil else { return object.willLeaveSlot() }
        let pointer = Unmanaged.passRetained(object).toOpaque()
        if pthread_setspecific(key, pointer) != 0 {
            Unmanaged<Object>.fromOpaque(pointer).release()
            object.willLeaveSlot()
        }
    }
}

/// An object a ``ThreadLocalSlot`` keeps between calls.
protocol SlotObject: AnyObject {
    /// Tells the object that it will not be reused: it was not put back, or its thread ended.
    func willLeaveSlot()
}

/// Releases the object of a slot when its thread ends.
#if canImport(Darwin)
private func releaseSlotObject(_ pointer: UnsafeMutableRawPointer) {
    (Unmanaged<AnyObject>.fromOpaque(pointer).takeRetainedValue() as? any SlotObject)?.willLeaveSlot()
}
#else
private func releaseSlotObject(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    (Unmanaged<AnyObject>.fromOpaque(pointer).takeRetainedValue() as? any SlotObject)?.willLeaveSlot()
}
#endif
