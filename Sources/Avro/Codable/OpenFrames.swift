/// The open frames of a coder's state, innermost last.
///
/// An array that only its state ever references: changing a frame is a store, where
/// `Array` would first check that its storage is not shared (a runtime call per field read
/// or written). Indexes are checked as `Array` checks them.
final class OpenFrames<Frame>: RandomAccessCollection {
    private var base: UnsafeMutablePointer<Frame>
    private var capacity: Int
    /// How many frames are open.
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

    subscript(index: Int) -> Frame {
        _read {
            precondition(index >= 0 && index < count, "frame index out of range")
            yield base[index]
        }
        _modify {
            precondition(index >= 0 && index < count, "frame index out of range")
            yield &base[index]
        }
    }

    /// Opens `frame` innermost.
    func append(_ frame: Frame) {
        if count == capacity { grow() }
        (base + count).initialize(to: frame)
        count &+= 1
    }

    /// Closes the innermost frame and returns it.
    @discardableResult
    func removeLast() -> Frame {
        precondition(count > 0, "no frame is open")
        count &-= 1
        return (base + count).move()
    }

    /// Closes every frame, keeping the memory for the next call.
    func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Frame>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
