/// Which Swift types conform to a protocol, remembered: the runtime's conformance lookup
/// (`T.self as? any P.Type`) costs about 300 instructions a call, more than reading a small
/// array. A coding state keeps one memo per protocol it asks about; the types a program codes
/// are few, so the memo keeps at most 16 and asks the runtime for any other.
struct ConformanceMemo<Conformance> {
    private var types: [ObjectIdentifier] = []
    private var conformances: [Conformance?] = []

    /// `type` as `Conformance` (an existential metatype), or `nil` when it does not conform.
    mutating func conformance(of type: Any.Type, _ lookUp: (Any.Type) -> Conformance?) -> Conformance? {
        let id = ObjectIdentifier(type)
        for index in types.indices where types[index] == id { return conformances[index] }
        let conformance = lookUp(type)
        if types.count < 16 {
            types.append(id)
            conformances.append(conformance)
        }
        return conformance
    }
}
