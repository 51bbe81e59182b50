/// Room for one value of `T`, which a type known only as an existential metatype fills and
/// the owner moves out as `T`: the file reader's values that read themselves.
///
/// Code not specialised for `T` (the file reader's, compiled once for every `T`) can only
/// turn the existential's value into a `T` by a bit cast, which copies it through its type's
/// witnesses (retaining every string and array it holds) and then destroys the original, or by
/// a dynamic cast. Written into this slot as its own type and moved out as `T`, the value is
/// moved twice and never copied. The filling type must be `T` itself (see the unsafe core's
/// rules).
final class ValueSlot<T> {
    private let pointer = UnsafeMutablePointer<T>.allocate(capacity: 1)

    deinit { pointer.deallocate() }

    /// The value `decodable`, which is `T`, reads from `reader`.
    func read(_ decodable: any AvroBinaryDecodable.Type, from reader: inout AvroBinaryReader) throws -> T {
        assert(decodable == T.self, "ValueSlot<\(T.self)> filled by \(decodable)")
        try decodable.avroDecode(into: UnsafeMutableRawPointer(pointer), from: &reader)
        return pointer.move()
    }
}
