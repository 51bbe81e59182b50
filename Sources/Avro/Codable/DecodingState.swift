/// The state of one `AvroDecoder.decode` call: the reader over the caller's bytes, the
/// schema node of the value being decoded, and the containers (frames) still open. It is
/// the `Decoder` handed to `init(from:)` and its own single-value container.
///
/// A frame is closed when the value that opened it returns from `init(from:)`, or when an
/// outer container is used again: closing moves the reader past the rest of the value
/// (fields or items the type did not ask for are skipped).
///
/// Its properties skip Swift's dynamic exclusivity checks, under the rules of the unsafe core
/// (`UnsafeCore/UnsafeCore.swift`: one thread per state, no overlapping access).
final class DecodingState: Decoder, CodingState {
    @exclusivity(unchecked) var schema: CompiledSchema
    @exclusivity(unchecked) var reader: AvroBinaryReader
    @exclusivity(unchecked) var node: Int
    let frames = UnsharedArray<DecodingFrame>()
    /// Records read out of order and maps, scanned (see ``DecodingFrame/scan``).
    @exclusivity(unchecked) var scans: [DecodingScan] = []
    /// The keys of frames that name their entry by key (see ``DecodingFrame/keySlot``).
    @exclusivity(unchecked) var frameKeys: [String] = []
    /// The reader bytes a resolving decode reads (see ``with(schema:reader:resolution:userInfo:maxDepth:fieldNaming:_:)``).
    @exclusivity(unchecked) private var transcoded = AvroBinaryWriter()
    /// A resolving decode that reads its root record in place (see `DecodingState+InPlace`):
    /// the resolution, set only while the `with` call that holds it runs; whether the root
    /// record's frame is still to be opened; the record read in place, whose defaults the
    /// reader reads while the state holds it; where each reader field's bytes are; and the
    /// reader over the input while a default is being read.
    @exclusivity(unchecked) var inPlaceResolution: ResolutionPlan?
    @exclusivity(unchecked) var isInPlaceRootPending = false
    @exclusivity(unchecked) var inPlaceRecord: InPlaceRecord?
    /// The places of the fields of ``inPlaceRecord``; those of defaults stay from one value
    /// of the same record to the next.
    @exclusivity(unchecked) var inPlaceOffsets: [Int] = []
    @exclusivity(unchecked) var savedInput: AvroBinaryReader?
    @exclusivity(unchecked) var sendableUserInfo: [CodingUserInfoKey: any Sendable]
    @exclusivity(unchecked) var maxDepth: Int
    @exclusivity(unchecked) private(set) var depth = 0
    /// The index the frame of the value being decoded has, or will have, once opened.
    @exclusivity(unchecked) private var valueFrame = 0
    /// Where the scalar value being read starts, union branch included: the offset of errors.
    @exclusivity(unchecked) var valueStart = 0
    /// The serial number of the last frame opened: containers check theirs is still open.
    @exclusivity(unchecked) var serials = 0
    /// The keyed containers made so far, lent out again (see ``ContainerReuse``).
    private let keyedContainers = ContainerReuse<DecodingState>()
    /// The Swift type whose `init(from:)` was called last; the frame of the keyed container it
    /// opens notes it.
    @exclusivity(unchecked) private var currentType: Any.Type?
    /// The coding keys types rename (see ``FieldRenames``).
    @exclusivity(unchecked) private var fieldRenames = FieldRenames()
    /// The types that code themselves with the schema coded with (see ``BinaryCoding``).
    @exclusivity(unchecked) var binaryCodings = BinaryCodingMemo()
    /// The array and dictionary types read in one loop (see ``AvroDirectDecodable``).
    @exclusivity(unchecked) var directDecodables = ConformanceMemo<any AvroDirectDecodable.Type>()

    /// How coding keys become record field names.
    @exclusivity(unchecked) var fieldNaming: AvroFieldNaming

    /// The state each thread keeps between calls (see ``ThreadLocalSlot``).
    static let reusable = ThreadLocalSlot<DecodingState>()

    init(schema: CompiledSchema, userInfo: [CodingUserInfoKey: any Sendable], maxDepth: Int, fieldNaming: AvroFieldNaming) {
        self.schema = schema
        self.fieldNaming = fieldNaming
        reader = AvroBinaryReader(UnsafeRawBufferPointer(start: nil, count: 0))
        node = schema.root
        sendableUserInfo = userInfo
        self.maxDepth = maxDepth
    }

    /// Runs `body` with a state ready to decode from `reader`, the thread's reusable one when
    /// it is free, and leaves `reader` where the state's reader ended.
    ///
    /// With a `resolution`, the value at `reader` is written with the resolution's writer schema,
    /// and `reader` is left after the writer's value. A record whose fields are each read as
    /// written or from a default is read in place; any other value is first transcoded into
    /// the state's buffer, which the state then reads.
    ///
    /// `body` is also given the decoded type when it reads itself with `schema`
    /// (``AvroBinaryDecodable``); such a type is never read in place, but from transcoded bytes.
    static func with<Result>(schema: CompiledSchema, reader: inout AvroBinaryReader, resolution: ResolutionPlan? = nil, decoding type: Any.Type,
                             userInfo: [CodingUserInfoKey: any Sendable], maxDepth: Int, fieldNaming: AvroFieldNaming = .codingKeys,
                             _ body: (DecodingState, (any AvroBinaryDecodable.Type)?) throws -> Result) throws -> Result {
        let place = reusable.place()
        var state = place.take()?.prepared(schema: schema, userInfo: userInfo, maxDepth: maxDepth, fieldNaming: fieldNaming)
            ?? DecodingState(schema: schema, userInfo: userInfo, maxDepth: maxDepth, fieldNaming: fieldNaming)
        defer {
            state.letGoOfInput()
            place.recycle(&state) { $0.clearForReuse() }
        }
        // Most types are Codable only: the schema's shared answer says so before the memo's
        // code runs (checking it here, not only in the memo, saves some 100 instructions a call).
        let decodable = schema.readByItself.answer(for: type) == false ? nil : state.binaryCodings.decodable(type, compiled: schema)
        guard let resolution else {
            state.reader = reader
            defer { reader = state.reader }
            return try body(state, decodable)
        }
        if resolution.inPlaceRoot != nil, decodable == nil {
            state.reader = reader
            state.inPlaceResolution = resolution
            state.isInPlaceRootPending = true
            defer {
                state.isInPlaceRootPending = false
                state.inPlaceResolution = nil
                reader = state.inputReader
            }
            let value = try body(state, nil)
            try state.finishInPlaceRoot()
            return value
        }
        try resolution.transcode(from: &reader, to: &state.transcoded, maxDepth: state.maxDepth)
        return try state.transcoded.bytes.withUnsafeBytes { bytes in
            state.reader = AvroBinaryReader(bytes, zeroSizeItemLimit: reader.zeroSizeItemBudget)
            return try body(state, decodable)
        }
    }

    /// Empties what a call left behind, keeping the arrays' capacity. (Decoding that failed
    /// leaves frames open; reading out of order leaves scans.)
    func clearForReuse() {
        if !frames.isEmpty { frames.removeAll() }
        if !scans.isEmpty { scans.removeAll(keepingCapacity: true) }
        if !frameKeys.isEmpty { frameKeys.removeAll(keepingCapacity: true) }
        if transcoded.count > 0 { transcoded.truncate(to: 0) }
        if !sendableUserInfo.isEmpty { sendableUserInfo = [:] }
        depth = 0
        valueFrame = 0
        currentType = nil
    }

    /// Forgets the caller's bytes, the transcoded ones and the resolution's defaults once a call is
    /// over: a decoder that user code kept then reads nothing rather than memory that may be
    /// gone.
    private func letGoOfInput() {
        reader = AvroBinaryReader(UnsafeRawBufferPointer(start: nil, count: 0))
        savedInput = nil
        isInPlaceRootPending = false
        inPlaceResolution = nil
    }

    func willLeaveSlot() { keyedContainers.handOver() }

    var lendsWhatIsStillHeld: Bool { keyedContainers.isAnyHeld }

    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    var codingPath: [any CodingKey] {
        frames.compactMap { frame in
            // Fields read in schema order are named by the cursor, not stored per field.
            if frame.kind == .array { return AvroCodingKey(index: max(frame.itemsRead - 1, 0)) }
            if frame.kind == .record, frame.scan < 0 {
                guard frame.cursor > 0 else { return nil }
                return AvroCodingKey(stringValue: schema.fieldNames[schema.info[frame.node].first + frame.cursor - 1])
            }
            return frame.keySlot >= 0 ? AvroCodingKey(stringValue: frameKeys[frame.keySlot]) : nil
        }
    }

    // MARK: - Decoder

    /// A keyed container for the value being decoded. Asked for again by the same value (a
    /// subclass that passes its decoder to `super.init(from:)`), it reads the same record.
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let frame = if valueFrame < frames.count, frames[valueFrame].kind != .array { valueFrame } else { try openKeyedFrame(at: node, caseValue: false, swiftType: currentType) }
        return keyedContainer(Key.self, frame: frame)
    }

    /// The keyed container of frame `frame`, a kept one when one is free.
    func keyedContainer<Key: CodingKey>(_ key: Key.Type, frame: Int) -> KeyedDecodingContainer<Key> {
        keyedContainers.container(key, as: KeyedDecodingContainer<Key>.self, state: self, frame: frame, serial: frames[frame].serial) {
            KeyedDecodingContainer(KeyedDecoding<Key>(cell: $0))
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedDecoding(state: self, frame: try openArrayFrame(at: node))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// Opens a keyed container at `target`: a record, a map (whose entries are found in one
    /// pass), or a union read into a Swift enum with associated values.
    func openKeyedFrame(at target: Int, caseValue: Bool, swiftType: Any.Type? = nil) throws -> Int {
        var target = target
        let start = reader.offset
        var frame: DecodingFrame
        if isInPlaceRootPending, target == schema.root, let resolution = inPlaceResolution {
            let index = try openInPlaceFrame(at: target, resolution)
            frames[index].swiftType = swiftType
            return index
        }
        let info = schema.info[target]
        switch info.kind {
        case .record:
            return push(DecodingFrame(node: target, kind: caseValue ? .caseValue : .record, start: start, swiftType: swiftType))
        case .map:
            frame = DecodingFrame(node: target, kind: .map, start: start)
            try scanMap(values: info.child, into: &frame)
        case .union:
            let branch = try readBranch(of: target)
            let branchNode = schema.branchNodes[info.first + branch]
            if branch == info.soleValueBranch, schema.info[branchNode].kind == .record {
                target = branchNode
                frame = DecodingFrame(node: target, kind: .record, start: reader.offset)
            } else {
                frame = DecodingFrame(node: target, kind: .unionCase, start: start)
                frame.branch = branch
            }
        default:
            guard caseValue else {
                throw AvroError(.typeMismatch, "expected a keyed container (a struct, class or dictionary), but the schema has \(schema.typeName(of: target))", offset: start)
                    .expecting([String: Any].self, foundNull: schema.info[target].kind == .null)
            }
            frame = DecodingFrame(node: target, kind: .caseValue, start: start)
        }
        frame.swiftType = swiftType
        return push(frame)
    }

    /// Opens an unkeyed container at `target`: an array, or a union whose branch is one.
    func openArrayFrame(at target: Int) throws -> Int {
        var target = target
        if schema.info[target].kind == .union {
            target = schema.branchNodes[schema.info[target].first + (try readBranch(of: target))]
        }
        guard schema.info[target].kind == .array else {
            throw AvroError(.typeMismatch, "expected an unkeyed container (an array or set), but the schema has \(schema.typeName(of: target))", offset: reader.offset)
                .expecting([Any].self, foundNull: schema.info[target].kind == .null)
        }
        return push(DecodingFrame(node: target, kind: .array, start: reader.offset))
    }

    /// A coder of values and skips that obeys this decode's depth limit.
    var valueCoder: ValueCoder { ValueCoder(schema: schema, maxDepth: maxDepth) }

    /// Reads a union's branch index and checks it.
    func readBranch(of union: Int) throws -> Int {
        try ValueCoder(schema: schema).readIndex(in: &reader, count: schema.info[union].count, what: "a union branch", code: .invalidUnionBranch)
    }

    /// Finds every entry of a map: its key and where its value starts.
    private func scanMap(values: Int, into frame: inout DecodingFrame) throws {
        let coder = valueCoder
        let minSize = 1 + schema.info[values].minSize
        var keys: [String] = []
        var offsets: [Int] = []
        while true {
            let count = try reader.readBlockCount(minItemSize: minSize)
            if count == 0 { break }
            for _ in 0..<count {
                keys.append(try reader.readString())
                offsets.append(reader.offset)
                try coder.skip(node: values, in: &reader, depth: depth)
            }
        }
        frame.scan = scans.count
        scans.append(DecodingScan(offsets: offsets, mapKeys: keys))
        frame.end = reader.offset
    }

    // MARK: - Values

    /// Decodes a `T` from the value of `target` at the reader with the type's `init(from:)`,
    /// handing it this state as its decoder.
    func decodeWithContainers<T: Decodable>(_ type: T.Type, at target: Int) throws -> T {
        // A value in a union is two levels deep, the union's and its own, as every reader in
        // the library counts them: the same data meets the same limit whichever API reads it.
        let levels = schema.info[target].kind == .union ? 2 : 1
        try enterLevels(levels)
        let saved = (node, valueFrame)
        let base = frames.count
        node = target
        valueFrame = base
        // Not restored: only the keyed container `T.init(from:)` opens first reads it.
        currentType = T.self
        defer {
            (node, valueFrame) = saved
            leaveLevels(levels)
        }
        let value = try T(from: self)
        try closeFrames(downTo: base)
        return value
    }

    /// Decodes an array or dictionary at `target` with its own loop; `direct` is `T`.
    /// `levels` is 2 when `target` is the branch of a union.
    func decodeDirect<T>(_ direct: any AvroDirectDecodable.Type, as type: T.Type, at target: Int, levels: Int = 1) throws -> T {
        try enterLevels(levels)
        defer { leaveLevels(levels) }
        return try direct.avroDecode(from: self, at: target, as: type)
    }

    /// Goes `levels` deeper, or throws when that is deeper than ``maxDepth`` or than the
    /// stack has room for.
    @inline(__always)
    func enterLevels(_ levels: Int) throws {
        try AvroNesting.enter(below: depth + levels - 1, maxDepth: maxDepth, "the data", offset: reader.offset)
        depth += levels
    }

    /// Comes back up `levels`.
    @inline(__always)
    func leaveLevels(_ levels: Int) { depth -= levels }

    // MARK: - Frames

    /// Throws unless frame `index` is still the frame `serial`.
    func checkOpen(_ index: Int, serial: Int) throws {
        guard isOpen(index, serial: serial) else {
            throw AvroError(.unsupported, "a container was used after the value it belongs to was decoded, or after a sibling container was opened; finish each nested container before opening the next", offset: reader.offset)
        }
    }

    /// Closes every frame above `depth`, innermost first, moving the reader past its value.
    func closeFrames(downTo depth: Int) throws {
        while frames.count > depth {
            let last = frames.count &- 1
            // The common case first: a record whose fields were all read in order, which the
            // reader is already past.
            if frames[last].kind == .record && frames[last].end == nil && !frames[last].isInPlace
                && frames[last].cursor >= schema.info[frames[last].node].count {
                frames.removeLast()
                continue
            }
            if frames[last].isInPlace {
                let (cursor, sequentialFields, end) = (frames[last].cursor, frames[last].sequentialFields, frames[last].end)
                frames.removeLast()
                try finishInPlaceFrame(cursor: cursor, sequentialFields: sequentialFields, end: end)
                continue
            }
            try finish(frames.removeLast())
        }
    }

    private func finish(_ frame: DecodingFrame) throws {
        let coder = valueCoder
        switch frame.kind {
        case .record, .caseValue:
            if let end = frame.end {
                reader.seek(to: end)
            } else if let record = schema.record(frame.node) {
                for field in record.fields[frame.cursor...] { try coder.skip(node: field.type, in: &reader, depth: depth) }
            } else if frame.cursor == 0 {
                try coder.skip(node: frame.node, in: &reader, depth: depth)
            }
        case .map:
            if let end = frame.end { reader.seek(to: end) }
        case .array:
            guard !frame.finished, schema.info[frame.node].kind == .array else { return }
            let items = schema.info[frame.node].child
            for _ in 0..<frame.blockRemaining { try coder.skip(node: items, in: &reader, depth: depth) }
            while true {
                let count = try reader.readBlockCount(minItemSize: schema.info[items].minSize)
                if count == 0 { break }
                for _ in 0..<count { try coder.skip(node: items, in: &reader, depth: depth) }
            }
        case .unionCase:
            if frame.cursor == 0, let branch = frame.branch {
                try coder.skip(node: schema.branches(of: frame.node)[branch], in: &reader, depth: depth)
            }
        }
    }

    /// The schema name of the field (or, in a union frame, the case) that coding key `key`
    /// names in frame `index`.
    func fieldName(forKey key: String, frame index: Int) -> String {
        if let renamed = fieldRenames.fieldName(forKey: key, of: frames[index].swiftType) { return renamed }
        return fieldNaming == .codingKeys || frames[index].kind == .unionCase ? key : fieldNaming.fieldName(forKey: key)
    }

    /// The coding key that names field (or union case) `field` in frame `index`.
    func codingKey(forField field: String, frame index: Int) -> String {
        if let key = fieldRenames.codingKey(forField: field, of: frames[index].swiftType) { return key }
        return frames[index].kind == .unionCase ? field : fieldNaming.codingKey(forField: field)
    }

    /// Notes `key` as the entry frame `index` is decoding, for coding paths.
    func setKey(_ key: String, frame index: Int) {
        if frames[index].keySlot < 0 {
            frames[index].keySlot = frameKeys.count
            frameKeys.append(key)
        } else {
            frameKeys[frames[index].keySlot] = key
        }
    }

    /// Finds where each field of the record in frame `index` starts, by skipping through it
    /// once from its start; fields can then be read in any order.
    func scanRecord(frame index: Int) throws {
        guard let record = schema.record(frames[index].node) else { return }
        let coder = valueCoder
        reader.seek(to: frames[index].start)
        var offsets: [Int] = []
        offsets.reserveCapacity(record.fields.count)
        for field in record.fields {
            offsets.append(reader.offset)
            try coder.skip(node: field.type, in: &reader, depth: depth)
        }
        frames[index].scan = scans.count
        scans.append(DecodingScan(offsets: offsets))
        frames[index].end = reader.offset
    }
}

/// A container still open while decoding.
struct DecodingFrame {
    enum Kind {
        case record, array, map
        /// A union read as a Swift enum: its one key names the branch.
        case unionCase
        /// The keyed container of one enum case's associated values: `_0` is the whole value
        /// of the union branch; labels are the fields of a record branch.
        case caseValue
    }

    let node: Int
    let kind: Kind
    /// A number unique in the decoding call, given when the frame is opened.
    var serial = 0
    /// Where the frame's value starts in the input.
    let start: Int
    /// Records: the next field in schema order. Union cases: 1 once the value was read.
    var cursor = 0
    /// Records read out of order and maps: the position in ``DecodingState/scans`` of where
    /// each field or entry value starts; -1 until scanned. (Kept outside the frame so that
    /// frames stay trivial to copy.)
    var scan = -1
    /// Records read out of order and maps: where the value ends.
    var end: Int?
    /// A root record read in place by a resolving decode: its fields are where
    /// ``DecodingState/inPlaceOffsets`` says.
    var isInPlace = false
    /// An in-place record read as it comes (see `InPlaceRecord.isSequential`): its first
    /// `sequentialFields` fields are the writer's, read in order from the input, not sought;
    /// 0 once the places of its fields were found.
    var sequentialFields = 0
    /// Arrays: items left in the current block; whether the last block was read.
    var blockRemaining = 0
    var finished = false
    var itemsRead = 0
    /// Union cases: the branch that was written.
    var branch: Int?
    /// Records: the Swift type whose `init(from:)` asked for the container, for the coding
    /// keys it renames; `nil` for nested containers.
    var swiftType: Any.Type?
    /// The position in ``DecodingState/frameKeys`` of the key being decoded (map keys, union
    /// cases, fields read out of order), for coding paths; -1 for none.
    var keySlot = -1

    init(node: Int, kind: Kind, start: Int, swiftType: Any.Type? = nil) {
        self.node = node
        self.kind = kind
        self.start = start
        self.swiftType = swiftType
    }
}

/// The entries of a record read out of order, or of a map, found in one pass.
struct DecodingScan {
    /// Where each field or entry value starts.
    var offsets: [Int]
    /// Maps: the keys, in order, and the position of each (the last of equal keys).
    var mapKeys: [String] = []
    var indexOfKey: [String: Int]?
}
