/// The `Encoder` that schema derivation hands to a type's `encode(to:)`, with the placeholder
/// value its `init(from:)` made: it records the keys written at the top level, in order, and
/// the static type of each value.
///
/// A key that `encode(to:)` writes but `init(from:)` never asks for (a `let` property with an
/// initial value, which synthesized `init(from:)` does not decode, or a computed value written
/// by a custom `encode(to:)`) is still data: derivation makes it a field, so the encoder writes
/// it rather than dropping it.
final class EncodedKeysProbe: Encoder {
    /// One key written at the top level.
    struct Key {
        let name: String
        /// The type of the value; `nil` when the key was written through a nested container,
        /// a super encoder or as a bare nil.
        let type: (any Decodable.Type)?
        /// Written with `encodeIfPresent` (an optional).
        let optional: Bool
        /// The type's name, for errors when it is not `Decodable`.
        let typeName: String
    }

    private(set) var keys: [Key] = []

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The top-level keys that `value`'s `encode(to:)` writes; empty when it does not write a
    /// keyed container or throws.
    static func keys(of value: any Encodable) -> [Key] {
        let probe = EncodedKeysProbe()
        do { try value.encode(to: probe) } catch { return [] }
        return probe.keys
    }

    func container<K: CodingKey>(keyedBy type: K.Type) -> KeyedEncodingContainer<K> {
        KeyedEncodingContainer(EncodedKeysContainer<K>(probe: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { IgnoredEncoding() }
    func singleValueContainer() -> any SingleValueEncodingContainer { IgnoredEncoding() }

    fileprivate func note<T>(_ key: String, _ type: T.Type, optional: Bool) {
        keys.append(Key(name: key, type: type as? any Decodable.Type, optional: optional, typeName: String(describing: type)))
    }

    fileprivate func noteOpaque(_ key: String) {
        keys.append(Key(name: key, type: nil, optional: false, typeName: "a nested container"))
    }
}

/// The keyed container of an ``EncodedKeysProbe``: notes each key and its value's type.
private struct EncodedKeysContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let probe: EncodedKeysProbe
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { probe.noteOpaque(key.stringValue) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { probe.note(key.stringValue, T.self, optional: false) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { probe.note(key.stringValue, T.self, optional: true) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { probe.note(key.stringValue, Bool.self, optional: true) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { probe.note(key.stringValue, String.self, optional: true) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { probe.note(key.stringValue, Double.self, optional: true) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { probe.note(key.stringValue, Float.self, optional: true) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { probe.note(key.stringValue, Int.self, optional: true) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { probe.note(key.stringValue, Int8.self, optional: true) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { probe.note(key.stringValue, Int16.self, optional: true) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { probe.note(key.stringValue, Int32.self, optional: true) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { probe.note(key.stringValue, Int64.self, optional: true) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { probe.note(key.stringValue, UInt.self, optional: true) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { probe.note(key.stringValue, UInt8.self, optional: true) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { probe.note(key.stringValue, UInt16.self, optional: true) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { probe.note(key.stringValue, UInt32.self, optional: true) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { probe.note(key.stringValue, UInt64.self, optional: true) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        probe.noteOpaque(key.stringValue)
        return KeyedEncodingContainer(IgnoredKeyedEncoding<NestedKey>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        probe.noteOpaque(key.stringValue)
        return IgnoredEncoding()
    }

    mutating func superEncoder() -> any Encoder {
        probe.noteOpaque("super")
        return IgnoredEncoding()
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        probe.noteOpaque(key.stringValue)
        return IgnoredEncoding()
    }
}

/// What an ``EncodedKeysProbe`` is not interested in: values below the top level.
private struct IgnoredEncoding: Encoder, UnkeyedEncodingContainer, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var count: Int { 0 }

    func container<K: CodingKey>(keyedBy type: K.Type) -> KeyedEncodingContainer<K> { KeyedEncodingContainer(IgnoredKeyedEncoding<K>()) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { self }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(IgnoredKeyedEncoding<NestedKey>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { self }
}

private struct IgnoredKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {}
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(IgnoredKeyedEncoding<NestedKey>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { IgnoredEncoding() }
    mutating func superEncoder() -> any Encoder { IgnoredEncoding() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { IgnoredEncoding() }
}
