import Testing
@testable import Avro
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The per-thread slot that keeps the coders' states between calls.
@Suite struct ThreadLocalSlotTests {
    /// An object that counts how often it was told it leaves its slot.
    final class Kept: SlotObject, @unchecked Sendable {
        let name: String
        private(set) var departures = 0
        var lendsWhatIsStillHeld = false
        init(_ name: String) { self.name = name }
        func willLeaveSlot() { departures += 1 }
    }

    @Test func whatIsPutIsTakenOnceThenTheSlotIsEmpty() {
        let slot = ThreadLocalSlot<Kept>()
        #expect(slot.place().take() == nil)
        let first = Kept("first")
        slot.place().put(first)
        #expect(slot.place().take() === first)
        #expect(slot.place().take() == nil)
        #expect(first.departures == 0)
    }

    @Test func aSecondObjectPutIsLetGoOfAndTheFirstStays() {
        let slot = ThreadLocalSlot<Kept>()
        let first = Kept("first"), second = Kept("second")
        slot.place().put(first)
        slot.place().put(second)
        #expect(second.departures == 1)
        #expect(first.departures == 0)
        #expect(slot.place().take() === first)
    }

    @Test func recycleKeepsOnlyAnObjectNobodyElseHoldsThatLendsNothingStillHeld() {
        let slot = ThreadLocalSlot<Kept>()
        var object = Kept("alone")
        var resets = 0
        slot.place().recycle(&object) { _ in resets += 1 }
        #expect(resets == 1)
        #expect(slot.place().take() === object)

        // Reset either way, so that whoever holds it finds its call over.
        let heldElsewhere = object
        slot.place().recycle(&object) { _ in resets += 1 }
        #expect(resets == 2)
        #expect(heldElsewhere.departures == 1)
        #expect(slot.place().take() == nil)

        var lender = Kept("lends a container still held")
        lender.lendsWhatIsStillHeld = true
        slot.place().recycle(&lender) { _ in resets += 1 }
        #expect(resets == 3)
        #expect(lender.departures == 1)
        #expect(slot.place().take() == nil)
    }

    /// What the other thread puts into the slot.
    final class Handoff: @unchecked Sendable {
        let slot: ThreadLocalSlot<Kept>
        let object: Kept
        init(slot: ThreadLocalSlot<Kept>, object: Kept) { (self.slot, self.object) = (slot, object) }
    }

    @Test func theObjectOfAThreadThatEndsIsLetGoOf() {
        let slot = ThreadLocalSlot<Kept>()
        let object = Kept("on another thread")
        let context = Unmanaged.passRetained(Handoff(slot: slot, object: object)).toOpaque()
        #if canImport(Darwin)
        let body: @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? = { argument in
            let handoff = Unmanaged<Handoff>.fromOpaque(argument).takeRetainedValue()
            handoff.slot.place().put(handoff.object)
            return nil
        }
        var thread: pthread_t?
        #else
        let body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { argument in
            guard let argument else { return nil }
            let handoff = Unmanaged<Handoff>.fromOpaque(argument).takeRetainedValue()
            handoff.slot.place().put(handoff.object)
            return nil
        }
        var thread = pthread_t()
        #endif
        #expect(pthread_create(&thread, nil, body, context) == 0)
        #if canImport(Darwin)
        guard let thread else { return }
        #endif
        #expect(pthread_join(thread, nil) == 0)
        // The thread ended: its holder was released and told the object it leaves the slot;
        // this thread's slot never held it.
        #expect(object.departures == 1)
        #expect(slot.place().take() == nil)
    }
}
