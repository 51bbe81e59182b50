/// What the encoder's and decoder's per-call states share: the compiled schema and node they
/// start from, the caller's settings, and one reusable state per thread, which a call takes
/// from ``reusable``, sets up with ``prepared(schema:userInfo:maxDepth:fieldNaming:)`` and
/// gives back with `recycle(_:reset:)`.
protocol CodingState: FrameStack, SlotObject {
    var schema: CompiledSchema { get set }
    var node: Int { get set }
    var sendableUserInfo: [CodingUserInfoKey: any Sendable] { get set }
    var maxDepth: Int { get set }
    var fieldNaming: AvroFieldNaming { get set }
    /// How the types this state coded code themselves (see ``AvroBinaryEncodable``).
    var binaryCodings: BinaryCodingMemo { get set }

    /// The state each thread keeps between calls (see ``ThreadLocalSlot``).
    static var reusable: ThreadLocalSlot<Self> { get }

    init(schema: CompiledSchema, userInfo: [CodingUserInfoKey: any Sendable], maxDepth: Int, fieldNaming: AvroFieldNaming)

    /// Empties what a call left behind, keeping the arrays' capacity.
    func clearForReuse()
}

extension CodingState {
    /// The state, a reused one, set up for a new call. (Setting up a new state is its
    /// initializer's job.)
    @inline(__always)
    func prepared(schema: CompiledSchema, userInfo: [CodingUserInfoKey: any Sendable], maxDepth: Int, fieldNaming: AvroFieldNaming) -> Self {
        // Assigned only when they differ: a call like the last one retains nothing here.
        if self.schema !== schema { self.schema = schema }
        node = schema.root
        if !userInfo.isEmpty { sendableUserInfo = userInfo }
        self.maxDepth = maxDepth
        self.fieldNaming = fieldNaming
        return self
    }

    /// Whether values of `type` code themselves with `schema` (``AvroBinaryEncodable``,
    /// ``AvroBinaryDecodable``), as the calling thread's reusable state remembers it (left in
    /// its slot: only this thread touches it there); `none` when the thread has no free state yet.
    @inline(__always)
    static func binaryCodings<Answer>(orElse none: Answer, _ ask: (inout BinaryCodingMemo) -> Answer) -> Answer {
        guard let state = reusable.place().peek() else { return none }
        return ask(&state.binaryCodings)
    }

    /// Lets go of the calling thread's reusable state (see ``ProcessCaches``).
    static func removeReusableState() {
        reusable.place().take()?.willLeaveSlot()
    }
}
