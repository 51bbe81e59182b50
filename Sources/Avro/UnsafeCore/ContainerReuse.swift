/// What a keyed container of the encoder or decoder refers to: its coding state and the frame
/// it is the container of. A cell the state keeps (see ``ContainerReuse``) is pointed at a new
/// frame each time its container is lent out again.
///
/// A kept cell refers to its state without retaining it, so that the state can keep its cells
/// without a reference cycle, and a container's calls retain nothing. The state cannot end
/// while such a cell is reachable: before a state is let go of (``ContainerReuse/handOver()``),
/// the cells of containers somebody still holds start holding it, and the others are dropped.
final class ContainerCell<State: AnyObject> {
    private let state: Unmanaged<State>
    /// The state, held for a container the state does not keep (see ``ContainerReuse``).
    private var owner: State?
    var frame: Int
    var serial: Int

    init(state: State, frame: Int, serial: Int, kept: Bool) {
        self.state = Unmanaged.passUnretained(state)
        owner = kept ? nil : state
        self.frame = frame
        self.serial = serial
    }

    /// Runs `body` with the state, retaining nothing.
    @inline(__always)
    func withState<Result>(_ body: (State) throws -> Result) rethrows -> Result {
        try state._withUnsafeGuaranteedRef(body)
    }

    /// Holds the state from now on, for as long as the cell lives.
    fileprivate func holdState() { owner = state.takeUnretainedValue() }
}

/// The keyed containers a coding state made, lent out again once nobody holds them.
///
/// `KeyedDecodingContainer(_:)` and `KeyedEncodingContainer(_:)` look up the generic metadata
/// of our container type and of the standard library's box around it, instantiate a witness
/// table, and allocate the box: over a thousand instructions per container, more than coding
/// a small record's fields. A state keeps each box it makes, with the cell its container
/// reads, and hands the same box out again for the same key type when the box is uniquely
/// referenced (whoever had the container let go of it).
///
/// That rests on the standard library's containers being a single reference to their box,
/// which is not promised. So once per process, before anything is kept, ``ContainerLayout``
/// checks that a container bit-cast to an object and back is the same box holding the same
/// container; if not, every container is made anew, as it would be without reuse. Setting the
/// environment variable `SWIFT_AVRO_PLAIN_CONTAINERS` (to any value) forces that plain path,
/// so that the suite can be run both ways.
final class ContainerReuse<State: AnyObject> {
    /// A kept box: the key type of its container, the cell the container reads, and a
    /// ``ContainerWrapper`` of the container type.
    private struct Entry {
        let keyType: ObjectIdentifier
        var box: AnyObject
        let cell: ContainerCell<State>
        let wrapper: AnyObject
    }

    /// Set once the state is let go of: containers made from then on are not kept.
    private var isHandedOver = false
    private let entries = UnsharedArray<Entry>()

    /// Boxes kept at most; beyond, a new key type's box replaces one nobody holds, and
    /// containers nested deeper than that (recursive types) are not kept.
    private static var capacity: Int { 32 }

    /// A container of key type `Key` for frame `frame` (whose serial is `serial`) of `state`:
    /// a kept one that nobody holds, or one `make` makes from a new cell.
    @inline(__always)
    func container<Key, Container>(_ key: Key.Type, as type: Container.Type, state: State, frame: Int, serial: Int,
                                   make: (ContainerCell<State>) -> Container) -> Container {
        let index = lend(ObjectIdentifier(key), frame: frame, serial: serial)
        if index >= 0 {
            return unsafeDowncast(entries[index].wrapper, to: ContainerWrapper<Container>.self).wrap(entries[index].box)
        }
        let slot = isHandedOver || !ContainerLayout.boxesCanBeKept ? -1 : freeSlot()
        let cell = ContainerCell(state: state, frame: frame, serial: serial, kept: slot >= 0)
        let container = make(cell)
        if slot >= 0 {
            let entry = Entry(keyType: ObjectIdentifier(key), box: unsafeBitCast(container, to: AnyObject.self), cell: cell,
                              wrapper: ContainerWrapper<Container>())
            if slot == entries.count { entries.append(entry) } else { entries[slot] = entry }
        }
        return container
    }

    /// Where a new box can be kept: a new position while there are fewer than ``capacity``,
    /// then the position of one nobody holds (of a key type used before); -1 when all are held.
    private func freeSlot() -> Int {
        if entries.count < Self.capacity { return entries.count }
        // A loop, not `indices.first { … }`: a closure that read the box would hold it too.
        var index = 0
        while index < entries.count {
            if isKnownUniquelyReferenced(&entries[index].box) { return index }
            index &+= 1
        }
        return -1
    }

    /// The position of a kept box for `keyType` that nobody holds, its cell pointed at the
    /// frame; -1 when there is none.
    private func lend(_ keyType: ObjectIdentifier, frame: Int, serial: Int) -> Int {
        var index = 0
        while index < entries.count {
            if entries[index].keyType == keyType && isKnownUniquelyReferenced(&entries[index].box) {
                entries[index].cell.frame = frame
                entries[index].cell.serial = serial
                return index
            }
            index &+= 1
        }
        return -1
    }

    /// Whether somebody still holds one of the kept containers (it was kept past the call that
    /// lent it).
    var isAnyHeld: Bool {
        var index = 0
        while index < entries.count {
            if !isKnownUniquelyReferenced(&entries[index].box) { return true }
            index &+= 1
        }
        return false
    }

    /// Lets go of the kept containers, as the state will not be reused: the cells of those
    /// somebody still holds hold the state from now on, so that it lives as long as they do.
    func handOver() {
        for index in entries.indices where !isKnownUniquelyReferenced(&entries[index].box) {
            entries[index].cell.holdState()
        }
        entries.removeAll()
        isHandedOver = true
    }
}

/// Makes the container of type `Container` around a kept box. Its method finds `Container`'s
/// metadata in the wrapper's own class, where a generic function would look it up each time.
private final class ContainerWrapper<Container> {
    func wrap(_ box: AnyObject) -> Container { unsafeBitCast(box, to: Container.self) }
}
