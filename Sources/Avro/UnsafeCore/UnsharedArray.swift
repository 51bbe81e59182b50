/// An array that only its owner ever references: a coder state's open frames (innermost
/// last) and its kept containers.
///
/// Changing an element is a store, where `Array` would first check that its storage is not
/// shared (a runtime call per field read or written). Indexes are checked as `Array` checks
/// them, trapping as `Array` does: no index comes from input. Frame indexes are the state's own,
/// and containers check that their frame is still open (`isOpen`, `checkOpen`) before using
/// it, so a container used too late throws an `AvroError` instead.
final class UnsharedArray<Element>: RandomAccessCollection {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// How many elements there are.
    private(set) var count = 0

    init() {
        capacity = 16
        base = UnsafeMutablePointer.allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(index: Int) -> Element {
        _read {
            precondition(index >= 0 && index < count, "index out of range")
            yield base[index]
        }
        _modify {
            precondition(index >= 0 && index < count, "index out of range")
            yield &base[index]
        }
    }

    /// Adds `element` at the end.
    func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count &+= 1
    }

    /// Removes the last element and returns it.
    @discardableResult
    func removeLast() -> Element {
        precondition(count > 0, "the array is empty")
        count &-= 1
        return (base + count).move()
    }

    /// Removes every element, keeping the memory for the next call.
    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
