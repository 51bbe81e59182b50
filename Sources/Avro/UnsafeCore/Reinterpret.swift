/// `value` as `To`, which must be its own type under another static name: a generic `T` that
/// the caller has shown to be a concrete type (by a ``ScalarType`` case, or by a test such as
/// `Element.self == String.self`), or the concrete type back as `T`. Nothing is copied or
/// converted.
///
/// Debug builds check that the two types are the same. Release builds trust the caller: the
/// check would look up the metadata of generic types such as `[Element]` (hundreds of
/// instructions) on paths that run once per value, which is what the caller's test avoids.
@inline(__always)
func reinterpret<From, To>(_ value: From, as type: To.Type) -> To {
    assert(From.self == To.self, "reinterpret(_:as:) from \(From.self) to \(To.self)")
    return unsafeBitCast(value, to: To.self)
}
