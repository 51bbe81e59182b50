/// The state of one `AvroEncoder.encode` call: the writer, the schema node of the value being
/// encoded, and the containers (frames) still open. It is the `Encoder` handed to
/// `encode(to:)` and its own single-value container; keyed and unkeyed containers are small
/// structs pointing back to it (keyed ones through a cell, see ``ContainerReuse``).
///
/// Containers have no "end" call in Swift's Encoder API, so a frame is closed when the value
/// that opened it returns from `encode(to:)`, or when an outer container is used again.
/// Closing a record writes the defaults of fields that were never encoded, and puts fields
/// encoded out of schema order back in order; closing an array or map writes its count.
///
/// Its properties skip Swift's dynamic exclusivity checks, under the rules of the unsafe core
/// (`UnsafeCore/UnsafeCore.swift`: one thread per state, no overlapping access).
final class EncodingState: Encoder, CodingState {
    @exclusivity(unchecked) var schema: CompiledSchema
    @exclusivity(unchecked) var writer: AvroBinaryWriter
    /// The schema node of the value being encoded now.
    @exclusivity(unchecked) var node: Int
    let frames = UnsharedArray<EncodingFrame>()
    @exclusivity(unchecked) var sendableUserInfo: [CodingUserInfoKey: any Sendable]
    /// An error found where Swift's API cannot throw (opening a container); thrown at the
    /// next call that can.
    @exclusivity(unchecked) private(set) var deferredError: AvroError?
    /// Whether there is a deferred error: checked per value, which is cheaper than copying
    /// the optional error.
    @exclusivity(unchecked) private(set) var hasDeferredError = false
    /// Counts container requests and values written, to notice a value that wrote nothing.
    @exclusivity(unchecked) var activity = 0
    /// Where the fields of records written out of order were written (see
    /// ``EncodingFrame/reordering``).
    @exclusivity(unchecked) var reorderings: [[Range<Int>?]] = []
    /// The keys of frames that name their entry by key (see ``EncodingFrame/keySlot``).
    @exclusivity(unchecked) var frameKeys: [String] = []
    /// The deepest nesting written, and how deep the value being written is: each value
    /// written through its own `encode(to:)` or as an array or map is one level.
    @exclusivity(unchecked) var maxDepth = AvroNesting.defaultMaxDepth
    @exclusivity(unchecked) private(set) var depth = 0
    /// The Swift type whose `encode(to:)` runs now; keyed frames note it.
    @exclusivity(unchecked) var currentType: Any.Type?
    /// The index the frame of the value being encoded has, or will have, once opened.
    @exclusivity(unchecked) var valueFrame = 0
    /// The serial number of the last frame opened: containers check theirs is still open.
    @exclusivity(unchecked) var serials = 0
    /// The keyed containers made so far, lent out again (see ``ContainerReuse``).
    private let keyedContainers = ContainerReuse<EncodingState>()
    /// The coding keys types rename (see ``FieldRenames``).
    @exclusivity(unchecked) var fieldRenames = FieldRenames()
    /// The types that code themselves with the schema coded with (see ``BinaryCoding``).
    @exclusivity(unchecked) var binaryCodings = BinaryCodingMemo()
    /// The array and dictionary types written in one loop (see ``AvroDirectEncodable``).
    @exclusivity(unchecked) var directEncodables = ConformanceMemo<any AvroDirectEncodable.Type>()

    /// How coding keys become record field names.
    @exclusivity(unchecked) var fieldNaming: AvroFieldNaming

    /// The state each thread keeps between calls (see ``ThreadLocalSlot``).
    static let reusable = ThreadLocalSlot<EncodingState>()

    init(schema: CompiledSchema, userInfo: [CodingUserInfoKey: any Sendable], maxDepth: Int, fieldNaming: AvroFieldNaming) {
        self.schema = schema
        self.fieldNaming = fieldNaming
        writer = AvroBinaryWriter()
        node = schema.root
        sendableUserInfo = userInfo
        self.maxDepth = maxDepth
    }

    /// Runs `body` with a state ready to append to `buffer`, the thread's reusable one when it
    /// is free; `buffer` holds what the state wrote afterwards.
    static func with<Result>(schema: CompiledSchema, appendingTo buffer: inout [UInt8], userInfo: [CodingUserInfoKey: any Sendable],
                             fieldNaming: AvroFieldNaming, maxDepth: Int = AvroNesting.defaultMaxDepth, _ body: (EncodingState) throws -> Result) rethrows -> Result {
        let place = reusable.place()
        var state = place.take()?.prepared(schema: schema, userInfo: userInfo, maxDepth: maxDepth, fieldNaming: fieldNaming)
            ?? EncodingState(schema: schema, userInfo: userInfo, maxDepth: maxDepth, fieldNaming: fieldNaming)
        // The caller's buffer is moved in, and back out (leaving the state's writer empty).
        state.writer.swapBytes(with: &buffer)
        defer {
            state.writer.swapBytes(with: &buffer)
            place.recycle(&state) { $0.clearForReuse() }
        }
        return try body(state)
    }

    /// Empties what a call left behind, keeping the arrays' capacity. (Encoding that failed
    /// leaves frames open and an error; writing out of order leaves reorderings.)
    func clearForReuse() {
        if !frames.isEmpty { frames.removeAll() }
        if !reorderings.isEmpty { reorderings.removeAll(keepingCapacity: true) }
        if !frameKeys.isEmpty { frameKeys.removeAll(keepingCapacity: true) }
        if !sendableUserInfo.isEmpty { sendableUserInfo = [:] }
        if hasDeferredError {
            deferredError = nil
            hasDeferredError = false
        }
        currentType = nil
        valueFrame = 0
        depth = 0
    }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    var codingPath: [any CodingKey] {
        frames.compactMap { frame in
            if frame.keySlot >= 0 { return AvroCodingKey(stringValue: frameKeys[frame.keySlot]) }
            if frame.kind == .array { return AvroCodingKey(index: max(frame.cursor - 1, 0)) }
            // Fields written in schema order are named by the cursor, not stored per field.
            if frame.kind == .record, frame.cursor > 0 {
                return AvroCodingKey(stringValue: schema.fieldNames[schema.info[frame.node].first + frame.cursor - 1])
            }
            return nil
        }
    }

    // MARK: - Encoder

    /// A keyed container for the value being encoded. Asked for again by the same value (a
    /// subclass that passes its encoder to `super.encode(to:)`), it writes to the same record.
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let frame = if valueFrame < frames.count, frames[valueFrame].isKeyed { valueFrame } else { openKeyedFrame(at: node, caseValue: false) }
        return keyedContainer(Key.self, frame: frame)
    }

    /// The keyed container of frame `frame`, a kept one when one is free.
    func keyedContainer<Key: CodingKey>(_ key: Key.Type, frame: Int) -> KeyedEncodingContainer<Key> {
        keyedContainers.container(key, as: KeyedEncodingContainer<Key>.self, state: self, frame: frame, serial: frames[frame].serial) {
            KeyedEncodingContainer(KeyedEncoding<Key>(cell: $0))
        }
    }

    func willLeaveSlot() { keyedContainers.handOver() }

    var lendsWhatIsStillHeld: Bool { keyedContainers.isAnyHeld }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedEncoding(state: self, frame: openArrayFrame(at: node))
    }

    /// Opens the frame of a keyed container at `target` (a record, a map, or a union written
    /// by a Swift enum's case) and returns its index. A negative target discards.
    func openKeyedFrame(at target: Int, caseValue: Bool) -> Int {
        activity &+= 1
        var target = target
        var kind = EncodingFrame.Kind.discard
        if target >= 0 {
            switch schema.info[target].kind {
            case .record: kind = caseValue ? .caseValue : .record
            case .map: kind = .map
            case .union:
                let branch = schema.info[target].soleValueBranch
                if branch >= 0, schema.info[schema.branchNodes[schema.info[target].first + branch]].kind == .record {
                    writer.writeLong(Int64(branch))
                    target = schema.branchNodes[schema.info[target].first + branch]
                    kind = .record
                } else {
                    kind = .unionCase
                }
            default:
                if caseValue {
                    kind = .caseValue
                } else {
                    fail(AvroError(.typeMismatch, "expected a value of type \(schema.typeName(of: target)), found a keyed container (a struct, class or dictionary)"))
                }
            }
        }
        var frame = EncodingFrame(node: target, kind: kind, start: writer.count)
        frame.swiftType = currentType
        return push(frame)
    }

    /// Opens the frame of an unkeyed container at `target` (an array) and returns its index.
    func openArrayFrame(at target: Int) -> Int {
        activity &+= 1
        var target = target
        var kind = EncodingFrame.Kind.discard
        if target >= 0 {
            let info = schema.info[target]
            if info.kind == .union, info.soleValueBranch >= 0 {
                writer.writeLong(Int64(info.soleValueBranch))
                target = schema.branchNodes[info.first + info.soleValueBranch]
            }
            if schema.info[target].kind == .array {
                kind = .array
            } else {
                fail(AvroError(.typeMismatch, "expected a value of type \(schema.typeName(of: target)), found an unkeyed container (an array or set)"))
            }
        }
        return push(EncodingFrame(node: target, kind: kind, start: writer.count))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: - Values

    /// Encodes `value` as a value of `target`: the one entry point for every nested value.
    func encode<T: Encodable>(_ value: T, at target: Int) throws {
        try throwDeferredError()
        activity &+= 1
        if try encodeSpecial(value, at: target) { return }
        try encodeWithContainers(value, at: target)
    }

    /// Encodes `value` at `target` with its type's `encode(to:)`, handing it this state as
    /// its encoder.
    func encodeWithContainers<T: Encodable>(_ value: T, at target: Int) throws {
        let base = frames.count
        let saved = (node, valueFrame)
        let before = (activity, writer.count)
        // A value in a union is two levels deep, the union's and its own, as every writer in
        // the library counts them.
        let levels = schema.info[target].kind == .union ? 2 : 1
        try enterLevels(levels)
        node = target
        valueFrame = base
        currentType = T.self
        defer {
            (node, valueFrame) = saved
            leaveLevels(levels)
        }
        try value.encode(to: self)
        if activity == before.0 && writer.count == before.1 { try encodeNothing(at: target) }
        try closeFrames(downTo: base)
    }

    /// Goes `levels` deeper, or throws when that is deeper than ``maxDepth`` or than the
    /// stack has room for.
    @inline(__always)
    func enterLevels(_ levels: Int) throws {
        try AvroNesting.enter(below: depth + levels - 1, maxDepth: maxDepth, "the value")
        depth += levels
    }

    /// Comes back up `levels`.
    @inline(__always)
    func leaveLevels(_ levels: Int) { depth -= levels }

    /// `encode(to:)` asked for no container and wrote nothing: fine for an empty record or
    /// `null`, an error otherwise.
    func encodeNothing(at target: Int) throws {
        switch schema.info[target].kind {
        case .null: break
        case .record:
            try closeFrames(downTo: push(EncodingFrame(node: target, kind: .record, start: writer.count)))
        default:
            throw AvroError(.typeMismatch, "expected a value of type \(schema.typeName(of: target)), but encode(to:) encoded nothing")
        }
    }

    /// Throws the deferred error, if there is one.
    @inline(__always)
    func throwDeferredError() throws {
        if hasDeferredError, let error = deferredError { throw error }
    }

    func fail(_ error: AvroError) {
        guard !hasDeferredError else { return }
        deferredError = error
        hasDeferredError = true
    }

    // MARK: - Frames

    /// Throws unless frame `index` is still the frame `serial`.
    func checkOpen(_ index: Int, serial: Int) throws {
        guard isOpen(index, serial: serial) else {
            throw AvroError(.unsupported, "a container was used after the value it belongs to was encoded, or after a sibling container was opened; finish each nested container before opening the next")
        }
    }

    /// Closes every frame above `depth`, innermost first.
    func closeFrames(downTo depth: Int) throws {
        while frames.count > depth {
            let last = frames.count &- 1
            // The common case first: a record whose fields were all written in order.
            if frames[last].kind == .record && frames[last].reordering < 0 && frames[last].parentField == nil
                && frames[last].cursor >= schema.info[frames[last].node].count {
                frames.removeLast()
                continue
            }
            let frame = frames.removeLast()
            switch frame.kind {
            case .record: try closeRecord(frame)
            case .array, .map:
                if frame.count > 0 { writer.insertLong(Int64(frame.count), at: frame.start) }
                writer.writeLong(0)
            case .unionCase:
                if frame.count == 0 {
                    throw AvroError(.typeMismatch, "expected a value of the union \(schema.typeName(of: frame.node)), but nothing was encoded")
                }
            case .caseValue:
                if frame.count == 0 { try encodeNothing(at: frame.node) }
            case .discard: break
            }
            if let field = frame.parentField { finishField(field.position, frame: field.frame) }
        }
        try throwDeferredError()
    }

    /// The schema position of record field `name` in frame `index`, ready to be written: the
    /// next field in schema order (the common case), or any other, which makes the record
    /// reorder its fields when it closes.
    func claimField(named name: String, codingKey: String, frame index: Int) throws -> Int {
        if frames.count > index + 1 { try closeFrames(downTo: index + 1) }
        if let position = claimNextField(named: name, frame: index) { return position }
        return try claimFieldOutOfOrder(named: name, codingKey: codingKey, frame: index)
    }

    /// The position of field `name` when it is the next field of frame `index` in schema
    /// order, now claimed; `nil` otherwise.
    @inline(__always)
    private func claimNextField(named name: String, frame index: Int) -> Int? {
        let cursor = frames[index].cursor
        let info = schema.info[frames[index].node]
        guard frames[index].reordering < 0 && cursor < info.count && schema.fieldNames[info.first + cursor] == name else { return nil }
        frames[index].cursor = cursor + 1
        return cursor
    }

    /// `claimField` for a field other than the next one in schema order, or a coding key the
    /// type renames (``AvroFieldOptions/name``).
    private func claimFieldOutOfOrder(named written: String, codingKey: String, frame index: Int) throws -> Int {
        guard let record = schema.record(frames[index].node) else { return -1 }
        var name = written
        if record.indexOfField[name] == nil, let renamed = fieldRenames.fieldName(forKey: codingKey, of: frames[index].swiftType) {
            if let position = claimNextField(named: renamed, frame: index) { return position }
            name = renamed
        }
        if record.indexOfField[name] == nil && isExcluded(codingKey, frame: index) { return -1 }
        let cursor = frames[index].cursor
        if frames[index].reordering < 0 {
            frames[index].reordering = reorderings.count
            reorderings.append(Array(repeating: nil, count: record.fields.count))
            frames[index].prefixEnd = writer.count
        }
        let reordering = frames[index].reordering
        guard let position = record.indexOfField[name] else {
            throw AvroError(.typeMismatch, "the record \(schema.typeName(of: frames[index].node)) has no field '\(name)', so its value would be lost; "
                + "add the field to the schema, or list the key in AvroCustomizing.avroExcludedFields to leave it out on purpose")
        }
        guard position >= cursor, reorderings[reordering][position] == nil else {
            throw AvroError(.typeMismatch, "the field '\(name)' of \(schema.typeName(of: frames[index].node)) is encoded twice")
        }
        setKey(name, frame: index)
        reorderings[reordering][position] = writer.count..<writer.count
        return position
    }

    /// Notes `key` as the entry frame `index` is encoding, for coding paths.
    func setKey(_ key: String, frame index: Int) {
        if frames[index].keySlot < 0 {
            frames[index].keySlot = frameKeys.count
            frameKeys.append(key)
        } else {
            frameKeys[frames[index].keySlot] = key
        }
    }

    /// Whether the Swift type that opened frame `index` excludes `codingKey` from its schema
    /// (``AvroCustomizing/avroExcludedFields``).
    private func isExcluded(_ codingKey: String, frame index: Int) -> Bool {
        guard let customizing = frames[index].swiftType as? any AvroCustomizing.Type else { return false }
        return customizing.avroExcludedFields.contains(codingKey)
    }

    /// Records where an out-of-order field's bytes ended.
    func finishField(_ position: Int, frame index: Int) {
        let reordering = frames[index].reordering
        if reordering >= 0, let range = reorderings[reordering][position] {
            reorderings[reordering][position] = range.lowerBound..<writer.count
        }
    }

    private func closeRecord(_ frame: EncodingFrame) throws {
        // The common case first: every field written, in schema order.
        if frame.reordering < 0 && frame.cursor >= schema.info[frame.node].count { return }
        guard let record = schema.record(frame.node) else { return }
        guard frame.reordering >= 0 else {
            for position in frame.cursor..<record.fields.count {
                try writeMissingField(record.fields[position], of: frame.node)
            }
            return
        }
        let ranges = reorderings[frame.reordering]
        let tail = Array(writer.bytes[frame.prefixEnd...])
        writer.truncate(to: frame.prefixEnd)
        for position in frame.cursor..<record.fields.count {
            if let range = ranges[position] {
                writer.writeEncoded(tail[(range.lowerBound - frame.prefixEnd)..<(range.upperBound - frame.prefixEnd)])
            } else {
                try writeMissingField(record.fields[position], of: frame.node)
            }
        }
    }

    /// A field never encoded: its default, or `null` when it is optional.
    private func writeMissingField(_ field: FieldNode, of record: Int) throws {
        if let bytes = field.encodedDefault {
            writer.writeEncoded(bytes)
        } else if schema.info[field.type].nullBranch >= 0 {
            writer.writeLong(Int64(schema.info[field.type].nullBranch))
        } else if schema.info[field.type].kind != .null {
            throw AvroError(.missingField, "no value was encoded for the field '\(field.name)' of \(schema.typeName(of: record)), and it has no default", path: field.name)
        }
    }
}

/// A container still open while encoding.
struct EncodingFrame {
    enum Kind {
        case record, array, map
        /// A keyed container on a union: a Swift enum with associated values, whose case name
        /// picks the branch.
        case unionCase
        /// The keyed container of one enum case's associated values: `_0` is the whole value
        /// of the union branch; labels are the fields of a record branch.
        case caseValue
        /// A container on a node that cannot take it; the error is deferred, writes are dropped.
        case discard
    }

    let node: Int
    var kind: Kind
    /// A number unique in the encoding call, given when the frame is opened.
    var serial = 0
    /// The record field this frame's value belongs to, when it was opened by a nested
    /// container; its byte range ends when the frame closes.
    var parentField: (frame: Int, position: Int)?
    /// Where the frame's bytes start in the writer.
    let start: Int
    /// Records: the next field in schema order. Arrays, maps, union cases: items written.
    var cursor = 0
    var count: Int {
        get { cursor }
        set { cursor = newValue }
    }
    /// Records written out of order: the position in ``EncodingState/reorderings`` of where
    /// each field from `cursor` on was written; -1 while the fields come in schema order.
    /// (Kept outside the frame so that frames stay trivial to copy.)
    var reordering = -1
    /// Records written out of order: the end of the fields before `cursor`, written in order.
    var prefixEnd = 0
    /// The position in ``EncodingState/frameKeys`` of the key being encoded (map keys, union
    /// cases, out-of-order fields), for coding paths; -1 for none.
    var keySlot = -1
    /// The Swift type that opened the frame, for its excluded fields.
    var swiftType: Any.Type?

    init(node: Int, kind: Kind, start: Int) {
        self.node = node
        self.kind = kind
        self.start = start
    }


    /// Whether the frame is a record's or a map's, which a second keyed container can share.
    var isKeyed: Bool {
        switch kind {
        case .record, .map: true
        default: false
        }
    }
}
