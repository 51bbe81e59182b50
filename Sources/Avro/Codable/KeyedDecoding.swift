/// The keyed container of the Avro decoder: a record's fields (requested in any order), a
/// map's entries, or the case of a Swift enum read from a union.
struct KeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let state: DecodingState
    let frame: Int
    let serial: Int

    init(state: DecodingState, frame: Int) {
        self.state = state
        self.frame = frame
        serial = state.frames[frame].serial
    }

    var codingPath: [any CodingKey] { Array(state.codingPath.prefix(frame)) }

    var allKeys: [Key] {
        guard state.isOpen(frame, serial: serial) else { return [] }
        let current = state.frames[frame]
        switch current.kind {
        case .record: return state.fieldNames(of: current.node).compactMap { Key(stringValue: state.fieldNaming.codingKey(forField: $0)) }
        case .map: return current.scan < 0 ? [] : state.scans[current.scan].mapKeys.compactMap(Key.init(stringValue:))
        case .unionCase:
            guard let branch = current.branch else { return [] }
            let node = state.plan[state.plan.branches(of: current.node)[branch]]
            return DecodingState.caseNames(of: node).lazy.compactMap(Key.init(stringValue:)).first.map { [$0] } ?? []
        case .caseValue:
            if let whole = Key(stringValue: "_0") { return [whole] }
            return state.fieldNames(of: current.node).compactMap { Key(stringValue: state.fieldNaming.codingKey(forField: $0)) }
        case .array: return []
        }
    }

    func contains(_ key: Key) -> Bool {
        allKeys.contains { $0.stringValue == key.stringValue }
    }

    /// Positions the reader at entry `key` and lets `body` read it from its schema node.
    /// Inlined into each `decode`, so that the common case (the next field in schema order)
    /// calls `body` without a closure context.
    @inline(__always)
    private func entry<Value>(_ key: Key, _ body: (DecodingState.Entry) throws -> Value) throws -> Value {
        let name = key.stringValue
        if let node = state.nextFieldInOrder(name, frame: frame, serial: serial) {
            do { return try body(DecodingState.Entry(node: node)) } catch let error as AvroError { throw error.prefixingPath(name) }
        }
        return try entry(named: name, body)
    }

    private func entry<Value>(named name: String, _ body: (DecodingState.Entry) throws -> Value) throws -> Value {
        do {
            try state.checkOpen(frame, serial: serial)
            guard let entry = try state.seekEntry(name, frame: frame) else { throw state.missingEntry(name, frame: frame) }
            let value = try body(entry)
            state.closeEntry(entry, frame: frame)
            return value
        } catch let error as AvroError {
            throw error.prefixingPath(name)
        }
    }

    /// Like `entry`, but `nil` when the key is absent or its value is null.
    private func optionalEntry<Value>(_ key: Key, _ body: (Int) throws -> Value) throws -> Value? {
        let name = key.stringValue
        do {
            let entry: DecodingState.Entry
            if let node = state.nextFieldInOrder(name, frame: frame, serial: serial) {
                entry = DecodingState.Entry(node: node)
            } else {
                try state.checkOpen(frame, serial: serial)
                guard let found = try state.seekEntry(name, frame: frame) else { return nil }
                entry = found
            }
            if try state.readNullIfPresent(at: entry.node) {
                state.closeEntry(entry, frame: frame)
                return nil
            }
            let value = try body(entry.node)
            state.closeEntry(entry, frame: frame)
            return value
        } catch let error as AvroError {
            throw error.prefixingPath(name)
        }
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try state.checkOpen(frame, serial: serial)
        return try state.peekNull(key.stringValue, frame: frame)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try entry(key) { try state.readBoolean(at: $0.node) } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try entry(key) { try state.readString(at: $0.node) } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try entry(key) { try state.readDouble(at: $0.node) } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try entry(key) { try state.readFloat(at: $0.node) } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try entry(key) { try state.readInteger(type, at: $0.node) } }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try entry(key) { try state.decode(type, at: $0.node) } }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optionalEntry(key) { try state.readBoolean(at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optionalEntry(key) { try state.readString(at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optionalEntry(key) { try state.readDouble(at: $0) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optionalEntry(key) { try state.readFloat(at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optionalEntry(key) { try state.readInteger(type, at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optionalEntry(key) { try state.decode(type, at: $0) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try entry(key) { entry in
            KeyedDecodingContainer(KeyedDecoding<NestedKey>(state: state, frame: try state.openKeyedFrame(at: entry.node, caseValue: entry.isUnionCase)))
        }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try entry(key) { UnkeyedDecoding(state: state, frame: try state.openArrayFrame(at: $0.node)) }
    }

    /// A decoder for the entry `super`, whatever the container's key type.
    func superDecoder() throws -> any Decoder {
        try entry(named: "super") { NestedDecoder(state: state, target: $0.node) }
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try entry(key) { NestedDecoder(state: state, target: $0.node) }
    }
}

/// A `Decoder` for one nested value of a container, handed out by `superDecoder`.
final class NestedDecoder: Decoder {
    let state: DecodingState
    let target: Int

    init(state: DecodingState, target: Int) {
        self.state = state
        self.target = target
    }

    var codingPath: [any CodingKey] { state.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedDecoding<Key>(state: state, frame: try state.openKeyedFrame(at: target, caseValue: false)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedDecoding(state: state, frame: try state.openArrayFrame(at: target))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        state.node = target
        return state
    }
}
