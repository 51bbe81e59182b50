import Foundation

// Do-nothing coders: an Encoder that drops every value and a Decoder that returns zeros and
// empty strings. They measure what Swift's Codable machinery alone costs on a workload (the
// synthesized encode(to:)/init(from:), container boxes, generic metadata lookups), a floor no
// Codable-based coder can go below.

struct NullEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(NullKeyed<Key>()) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { NullUnkeyed() }
    func singleValueContainer() -> any SingleValueEncodingContainer { NullSingle() }
}

private struct NullKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try value.encode(to: NullEncoder()) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(NullKeyed<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { NullUnkeyed() }
    mutating func superEncoder() -> any Encoder { NullEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NullEncoder() }
}

private struct NullUnkeyed: UnkeyedEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count = 0
    mutating func encodeNil() throws { count += 1 }
    mutating func encode<T: Encodable>(_ value: T) throws {
        count += 1
        try value.encode(to: NullEncoder())
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(NullKeyed<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { NullUnkeyed() }
    mutating func superEncoder() -> any Encoder { NullEncoder() }
}

private struct NullSingle: SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: NullEncoder()) }
    mutating func encode(_ value: String) throws {}
    mutating func encode(_ value: Bool) throws {}
    mutating func encode(_ value: Double) throws {}
    mutating func encode(_ value: Float) throws {}
    mutating func encode(_ value: Int) throws {}
    mutating func encode(_ value: Int32) throws {}
    mutating func encode(_ value: Int64) throws {}
}

/// Returns zeros, `false`, empty strings and arrays of `items` elements, whatever is asked.
struct ZeroDecoder: Decoder {
    let items: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> { KeyedDecodingContainer(ZeroKeyed<Key>(items: items)) }
    func unkeyedContainer() -> any UnkeyedDecodingContainer { ZeroUnkeyed(items: items) }
    func singleValueContainer() -> any SingleValueDecodingContainer { ZeroSingle(items: items) }
}

private func zero<T: Decodable>(_ type: T.Type, items: Int) throws -> T {
    switch type {
    case is String.Type: return "" as! T
    case is Int.Type: return 0 as! T
    case is Int32.Type: return Int32(0) as! T
    case is Int64.Type: return Int64(0) as! T
    case is Double.Type: return 0.0 as! T
    case is Float.Type: return Float(0) as! T
    case is Bool.Type: return false as! T
    case is Date.Type: return Date(timeIntervalSince1970: 0) as! T
    case is Kind.Type: return Kind.ALPHA as! T
    default: return try T(from: ZeroDecoder(items: items))
    }
}

private struct ZeroKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let items: Int
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try zero(type, items: items) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(ZeroKeyed<NestedKey>(items: items))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { ZeroUnkeyed(items: items) }
    func superDecoder() throws -> any Decoder { ZeroDecoder(items: items) }
    func superDecoder(forKey key: Key) throws -> any Decoder { ZeroDecoder(items: items) }
}

private struct ZeroUnkeyed: UnkeyedDecodingContainer {
    let items: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int? { items }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= items }
    init(items: Int) { self.items = items }
    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try zero(type, items: 0)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(ZeroKeyed<NestedKey>(items: 0))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { ZeroUnkeyed(items: 0) }
    mutating func superDecoder() throws -> any Decoder { ZeroDecoder(items: 0) }
}

private struct ZeroSingle: SingleValueDecodingContainer {
    let items: Int
    var codingPath: [any CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try zero(type, items: items) }
}
