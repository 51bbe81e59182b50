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
/// A call asks for its thread's ``Place`` once, then takes the object from it and recycles
/// it there when done. ``Place/take()`` empties the place, so a call made while another is
/// running on the same thread (an `init(from:)` that decodes something else) gets `nil` and
/// makes its own object.
///
/// The thread-specific value is a holder made once per thread, never changed after: taking
/// and putting back are a read of it and a store into the holder, not two
/// `pthread_setspecific` calls per call (about a hundred instructions).
final class ThreadLocalSlot<Object: SlotObject>: Sendable {
    /// `nil` when the system is out of keys: then no place holds anything, and every call
    /// makes its own object.
    private let key: pthread_key_t?

    /// What a thread's key points at; released (and its object let go of) when the thread ends.
    fileprivate final class Holder {
        var object: Object?
        deinit { object?.willLeaveSlot() }
    }

    init() {
        var key = pthread_key_t()
        self.key = pthread_key_create(&key, releaseHolder) == 0 ? key : nil
    }

    /// The calling thread's place in the slot, made on first use. Use it on this thread only,
    /// within the call that asked for it.
    func place() -> Place {
        guard let key else { return Place(holder: nil) }
        if let pointer = pthread_getspecific(key) { return Place(holder: Unmanaged<Holder>.fromOpaque(pointer)) }
        let holder = Unmanaged.passRetained(Holder())
        guard pthread_setspecific(key, holder.toOpaque()) == 0 else {
            holder.release()
            return Place(holder: nil)
        }
        return Place(holder: holder)
    }

    /// One thread's place: where its object is taken from and put back.
    struct Place {
        /// The thread's holder, kept alive by the thread-specific value until the thread ends;
        /// `nil` when there is none (every call then makes its own object).
        fileprivate let holder: Unmanaged<Holder>?

        /// The object the place holds, which it no longer holds; `nil` when empty.
        func take() -> Object? {
            holder?._withUnsafeGuaranteedRef { $0.object.take() }
        }

        /// The object in the slot, left there, for reading or updating what only the slot's
        /// thread touches.
        func peek() -> Object? {
            holder?._withUnsafeGuaranteedRef { $0.object }
        }

        /// Gives `object` back for the next call on this thread, after `reset`, unless
        /// something else holds a reference to it (an `init(from:)` that kept its decoder) or
        /// to something it lent (a container kept past its call): then it is left to those
        /// holders and never reused. A holder may take what it holds to another thread, where
        /// it only reads the object (to find that its call is over); reusing the object here
        /// would make those reads race with this thread's next call.
        func recycle(_ object: inout Object, reset: (Object) -> Void) {
            reset(object)
            guard isKnownUniquelyReferenced(&object), !object.lendsWhatIsStillHeld else { return object.willLeaveSlot() }
            put(object)
        }

        /// Keeps `object` for the next call on this thread, unless the place holds one already.
        func put(_ object: Object) {
            let isKept = holder?._withUnsafeGuaranteedRef { holder in
                guard case .none = holder.object else { return false }
                holder.object = object
                return true
            }
            if isKept != true { object.willLeaveSlot() }
        }
    }
}

/// An object a ``ThreadLocalSlot`` keeps between calls.
protocol SlotObject: AnyObject {
    /// Whether something the object lent during its call (a container) is still held by
    /// somebody, who may use it later, on any thread.
    var lendsWhatIsStillHeld: Bool { get }
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
