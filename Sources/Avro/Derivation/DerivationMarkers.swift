import Foundation

// Generic standard-library types that derivation must see through without a value: the
// element type of an array, the wrapped type of an optional, the value type of a map.

/// An `Optional` whose wrapped type can be derived.
protocol DerivableOptional {
    static var wrappedType: any Decodable.Type { get }
    static var absent: Self { get }
}

extension Optional: DerivableOptional where Wrapped: Decodable {
    static var wrappedType: any Decodable.Type { Wrapped.self }
    static var absent: Optional<Wrapped> { nil }
}

/// A collection written as an Avro array.
protocol DerivableArray {
    static var elementType: any Decodable.Type { get }
    static var empty: Self { get }
}

extension Array: DerivableArray where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
    static var empty: [Element] { [] }
}

extension ContiguousArray: DerivableArray where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
    static var empty: ContiguousArray<Element> { [] }
}

extension Set: DerivableArray where Element: Decodable {
    static var elementType: any Decodable.Type { Element.self }
    static var empty: Set<Element> { [] }
}

/// A dictionary, written as an Avro map keyed by its keys' string form (see ``AvroMapKey``).
protocol DerivableMap {
    static var keyType: Any.Type { get }
    static var valueType: any Decodable.Type { get }
    static var empty: Self { get }
}

extension Dictionary: DerivableMap where Key: Decodable, Value: Decodable {
    static var keyType: Any.Type { Key.self }
    static var valueType: any Decodable.Type { Value.self }
    static var empty: [Key: Value] { [:] }
}
