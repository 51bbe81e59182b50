/// The schema an ``AvroEncoder`` or ``AvroDecoder`` was given, compiled once when the coder is
/// created, or the error compiling it gave. Without a schema, each type's derived schema is
/// used. A class, so that getting the compiled schema per call copies nothing (copying the
/// optional error out of a struct cost more than a hundred instructions a call).
final class CoderSchema: Sendable {
    /// The coder's schema compiled; `nil` without a schema or when it does not compile.
    let compiled: CompiledSchema?
    private let error: AvroError?
    /// Whether the last type asked about writes itself with the schema this coder uses for it
    /// (see ``AvroBinaryEncodable``). The answer never changes: the coder's schema does not, and
    /// a type's own schema is what derivation gives it whatever the field naming.
    let writesItself = SharedTypeAnswer()
    /// Whether the last type asked about reads itself with the schema this coder uses for it.
    let readsItself = SharedTypeAnswer()

    init(_ schema: AvroSchema?) {
        var compiled: CompiledSchema?
        var error: AvroError?
        if let schema {
            do { compiled = try CompiledSchema.cached(schema) } catch let failure { error = failure }
        }
        self.compiled = compiled
        self.error = error
    }

    /// The compiled schema values of `type` are coded with.
    @inline(__always)
    func compiled<T>(for type: T.Type, fieldNaming: AvroFieldNaming) throws -> CompiledSchema {
        if let compiled { return compiled }
        if let error { throw error }
        return try CompiledSchema.derived(for: T.self, fieldNaming: fieldNaming)
    }
}
