import CAvroStack

/// The limits on how deeply values, data and schemas may nest.
///
/// The library's readers and writers go one function call deeper for each level of nesting:
/// a record inside a record, an array's items, a union's branch, a JSON object inside another.
/// Two limits keep deep nesting, hostile or accidental, from overflowing the thread's stack:
///
/// - A depth, configured where an operation takes options (``AvroDecoder/Options/maxDepth``,
///   ``AvroEncoder/maxDepth``, ``AvroSchema/ParsingOptions/maxDepth``) and ``defaultMaxDepth``
///   everywhere else. The default fits a thread stack of 512 KiB (the size of a secondary
///   thread on macOS) with room to spare, in debug, release and AddressSanitizer builds.
/// - The room left on the current thread's stack: going one level deeper with less than
///   ``stackReserve`` bytes left throws ``AvroError/Code/limitExceeded`` whatever the configured
///   depth, so that a large configured depth on a small stack gives an error, never a crash.
///
/// Both throw ``AvroError/Code/limitExceeded``; data that is refused can be read on a thread
/// with a larger stack (`Thread.stackSize`) and a larger configured depth.
public enum AvroNesting {
    /// The deepest nesting allowed unless an option says otherwise: 64 levels, where each
    /// record, array, map and union counts as one. A linked list as a recursive record
    /// (`{"name": "next", "type": ["null", "List"]}`) takes two levels per element.
    public static let defaultMaxDepth = 64

    /// The bytes of stack a reader or writer leaves unused for whatever runs below its deepest
    /// level: a type's own `init(from:)` or `encode(to:)`, and the building of an error.
    public static let stackReserve = 64 * 1024

    /// The first depth at which the stack's room is checked: shallower levels cannot exhaust it.
    private static let firstCheckedDepth = 8

    /// Throws when going one level below `depth` would be deeper than `maxDepth` or than the
    /// thread's stack has room for. `what` names what nests ("the data", "the value").
    @inline(__always)
    static func enter(below depth: Int, maxDepth: Int, _ what: @autoclosure () -> String, offset: Int? = nil) throws(AvroError) {
        if depth >= maxDepth {
            throw AvroError(.limitExceeded, "\(what()) is nested more than \(maxDepth) levels deep", offset: offset)
        }
        if depth >= firstCheckedDepth, avro_stack_room() < stackReserve {
            throw AvroError(.limitExceeded, "\(what()) is nested \(depth) levels deep, more than this thread's stack has room for; read it on a thread with a larger stack", offset: offset)
        }
    }

    /// The stack a tree of values (`AvroJSON`, `AvroValue`) takes per level when it is let go
    /// of: releasing a value releases its children first, a few small frames per level.
    private static let releaseFrameBytes = 1024

    /// The deepest tree of values that can be let go of on this thread, with the reserve left
    /// unused: the bound for readers that build a tree without recursing (the JSON parser).
    static func releasableDepth() -> Int {
        let room = avro_stack_room()
        return room > stackReserve ? (room - stackReserve) / releaseFrameBytes : 0
    }
}
