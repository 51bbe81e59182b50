/// How data written with one schema (the writer's) is read as another (the reader's):
/// every rule of the specification's "Schema Resolution", compiled
/// once into actions, one per pair of writer and reader types.
///
/// The plan turns writer bytes into reader bytes (``transcode(from:to:)``), which the
/// ordinary decoders then read, so the Codable decoder and ``AvroValue`` share one
/// implementation of the rules; the compatibility checker lists the plan's failures.
///
/// Actions carry only numbers, so running the plan copies and retains nothing: what does not
/// fit in a number (a record's steps, an enum's symbol map, default values, messages) is kept
/// in the plan's tables, which the actions index.
final class ResolutionPlan: Sendable {
    let writer: CompiledSchema
    let reader: CompiledSchema
    let actions: [ResolutionAction]
    let root: Int
    /// The steps of records whose writer fields come in the reader's order.
    let recordSteps: [RecordStep]
    /// Records whose writer fields come in another order than the reader's.
    let reorderedRecords: [ReorderedRecord]
    /// Enum symbol maps.
    let enumerations: [EnumerationMap]
    /// The actions of writer union branches.
    let branchActions: [Int]
    /// The reader's field defaults, encoded one after another.
    let defaultBytes: [UInt8]
    /// The messages of ``ResolutionAction/fail(_:)``.
    let failureMessages: [String]
    /// Every way reading can fail, with where: what the compatibility checker reports.
    let failures: [AvroSchemaCompatibility.Incompatibility]
    /// Whether the writer's bytes are the reader's (equal canonical forms, or a schema that
    /// differs only in names, aliases and promotions of the same encoding such as int to
    /// long): then no resolution is needed at all.
    let isIdentity: Bool
    /// When the writer's value is a record whose fields are each read as written, skipped, or
    /// filled in from a default: how the decoder reads it in place, without transcoding.
    let inPlaceRoot: InPlaceRecord?

    init(writer: CompiledSchema, reader: CompiledSchema) {
        var builder = Builder(writer: writer, reader: reader)
        root = builder.resolve(writer: writer.root, reader: reader.root, path: "")
        self.writer = writer
        self.reader = reader
        actions = builder.actions
        recordSteps = builder.recordSteps
        reorderedRecords = builder.reorderedRecords
        enumerations = builder.enumerations
        branchActions = builder.branchActions
        defaultBytes = builder.defaultBytes
        failureMessages = builder.failureMessages
        failures = builder.failures
        if case .copy = actions[root] {
            isIdentity = true
        } else {
            // Canonical forms leave out logical types, so timestamps in other units differ.
            isIdentity = failures.isEmpty && writer.canonicalForm == reader.canonicalForm && !builder.convertsTimestamps
        }
        inPlaceRoot = builder.inPlaceRecords[.init(writer: writer.root, reader: reader.root)]
    }
}

/// One step of a ``ResolutionPlan``: node and action numbers only, so that it is trivial to
/// copy.
enum ResolutionAction: Sendable {
    /// The same type on both sides: the writer's bytes are the reader's.
    case copy(Int)
    /// A writer value that the reader does not have: skipped.
    case skip(Int)
    /// A promotion: writer node to reader node.
    case promote(Int, Int)
    /// A timestamp or date count converted from the writer's units per day to the reader's,
    /// rounded toward negative infinity when the reader's unit is coarser.
    case convertTimestamp(from: Int64, to: Int64)
    /// A record whose writer fields come in the reader's order: its steps in
    /// ``ResolutionPlan/recordSteps``.
    case record(steps: Range<Int>)
    /// A record whose fields the reader orders differently: the position of its
    /// ``ReorderedRecord`` in ``ResolutionPlan/reorderedRecords``.
    case reorderedRecord(Int)
    /// An enum: the position of its symbol map in ``ResolutionPlan/enumerations``.
    case enumeration(Int)
    /// An array: how to read each item, and the writer's item node.
    case array(Int, writerItems: Int)
    /// A map: how to read each value, and the writer's value node.
    case map(Int, writerValues: Int)
    /// The writer wrote a union: the actions of its branches, in
    /// ``ResolutionPlan/branchActions``.
    case writerUnion(branches: Range<Int>)
    /// The reader has a union, the writer not: the reader's branch and how to read it.
    case readerUnion(branch: Int, Int)
    /// Data that cannot be read; fails only when it occurs. The message's position in
    /// ``ResolutionPlan/failureMessages``.
    case fail(Int)
}

/// One step through a record whose writer fields come in the reader's order. Consecutive
/// ``copy(writerNode:)`` steps are copied as one span of bytes.
enum RecordStep: Sendable {
    /// A field whose writer bytes are the reader's.
    case copy(writerNode: Int)
    /// A writer field the reader does not have.
    case skip(writerNode: Int)
    /// A field read by an action.
    case run(action: Int)
    /// The branch index of a reader union that the writer's value (the next step) is read as.
    case unionBranch(Int)
    /// A reader field the writer does not have: its default, in ``ResolutionPlan/defaultBytes``.
    case insertDefault(Range<Int>)
}

/// A record whose writer fields come in another order than the reader's.
struct ReorderedRecord: Sendable {
    struct WriterField: Sendable {
        /// The reader field it is read as; `nil` when the reader does not have it.
        let readerPosition: Int?
        let action: Int
    }

    let fields: [WriterField]
    /// For each reader field the writer lacks, its default in ``ResolutionPlan/defaultBytes``.
    let defaults: [Range<Int>?]
}

/// How the writer's enum symbols are read: the reader's index of each writer symbol (the
/// reader's default for unknown ones), `nil` when it has none.
struct EnumerationMap: Sendable {
    let map: [Int?]
    let symbols: [String]
    let typeName: String
}

/// A record read in place: the decoder finds where each reader field's bytes are, in the
/// writer's record or among the defaults, and reads them there (see `DecodingState+InPlace`).
/// Immutable once made; its defaults are in memory of its own, which the decoder reads
/// without copying.
final class InPlaceRecord: @unchecked Sendable {
    /// The writer's field nodes, in the writer's order, to skip over them.
    let writerNodes: [Int]
    /// The reader field each writer field is read as; -1 when the reader does not have it.
    let readerPositions: [Int]
    /// For each reader field the writer lacks, `-1 - offset` of its default in ``defaults``;
    /// 0 for the others.
    let defaultOffsets: [Int]
    /// The defaults of the reader fields the writer lacks, encoded one after another.
    let defaults: UnsafeRawBufferPointer

    /// Whether writer field `i` is reader field `i`, for every writer field: the reader's
    /// fields are the writer's, in order, then fields from defaults. Such a record is read as
    /// it comes, without first finding where its fields are.
    let isSequential: Bool

    init(writerNodes: [Int], readerPositions: [Int], defaults: [[UInt8]?]) {
        self.writerNodes = writerNodes
        self.readerPositions = readerPositions
        isSequential = readerPositions.indices.allSatisfy { readerPositions[$0] == $0 }
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for value in defaults {
            offsets.append(value == nil ? 0 : -1 - bytes.count)
            bytes += value ?? []
        }
        defaultOffsets = offsets
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        storage.copyBytes(from: bytes)
        self.defaults = UnsafeRawBufferPointer(storage)
    }

    deinit {
        defaults.deallocate()
    }
}

/// The unit of a `date` or timestamp logical type, and its family: what decides whether two
/// of them convert into each other when data is resolved.
struct TimestampUnit {
    enum Family { case date, instant, local }

    let unitsPerDay: Int64
    let family: Family

    init?(_ logicalType: AvroLogicalType?) {
        switch logicalType {
        case .date?: (unitsPerDay, family) = (1, .date)
        case .timestampMillis?: (unitsPerDay, family) = (86_400_000, .instant)
        case .timestampMicros?: (unitsPerDay, family) = (86_400_000_000, .instant)
        case .timestampNanos?: (unitsPerDay, family) = (86_400_000_000_000, .instant)
        case .localTimestampMillis?: (unitsPerDay, family) = (86_400_000, .local)
        case .localTimestampMicros?: (unitsPerDay, family) = (86_400_000_000, .local)
        case .localTimestampNanos?: (unitsPerDay, family) = (86_400_000_000_000, .local)
        default: return nil
        }
    }

    /// Whether a count written in this unit is read in `reader`'s as the same instant: another
    /// unit of the same family, or a date read as a timestamp of either family (its midnight).
    func converts(to reader: TimestampUnit) -> Bool {
        unitsPerDay != reader.unitsPerDay && (family == reader.family || family == .date)
    }
}
