/// The keyed container of the Avro decoder: a record's fields (requested in any order), a
/// map's entries, or the case of a Swift enum read from a union.
struct KeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let cell: ContainerCell<DecodingState>

    private var frame: Int { cell.frame }
    private var serial: Int { cell.serial }

    var codingPath: [any CodingKey] { cell.withState { Array($0.codingPath.prefix(frame)) } }

    var allKeys: [Key] { cell.withState { keys(of: $0) } }

    private func keys(of state: DecodingState) -> [Key] {
        guard state.isOpen(frame, serial: serial) else { return [] }
        let current = state.frames[frame]
        switch current.kind {
        case .record: return state.fieldNames(of: current.node).compactMap { Key(stringValue: state.codingKey(forField: $0, frame: frame)) }
        case .map: return current.scan < 0 ? [] : state.scans[current.scan].mapKeys.compactMap(Key.init(stringValue:))
        case .unionCase:
            guard let branch = current.branch else { return [] }
            let node = state.schema.branches(of: current.node)[branch]
            return state.schema.caseNames(of: node).lazy.compactMap { Key(stringValue: state.codingKey(forField: $0, frame: frame)) }.first.map { [$0] } ?? []
        case .caseValue:
            if let whole = Key(stringValue: "_0") { return [whole] }
            return state.fieldNames(of: current.node).compactMap { Key(stringValue: state.codingKey(forField: $0, frame: frame)) }
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
    private func entry<Value>(_ key: Key, _ body: (DecodingState, DecodingState.Entry) throws -> Value) throws -> Value {
        try cell.withState { state in
            let name = key.stringValue
            if let node = state.nextFieldInOrder(name, frame: frame, serial: serial) {
                do { return try body(state, DecodingState.Entry(node: node)) } catch let error as AvroError { throw error.prefixingPath(name) }
            }
            return try entry(named: name, state: state, body)
        }
    }

    private func entry<Value>(named name: String, state: DecodingState, _ body: (DecodingState, DecodingState.Entry) throws -> Value) throws -> Value {
        do {
            try state.checkOpen(frame, serial: serial)
            guard let entry = try state.seekEntry(name, frame: frame) else { throw state.missingEntry(name, frame: frame) }
            let value = try body(state, entry)
            state.closeEntry(entry, frame: frame)
            return value
        } catch let error as AvroError {
            throw error.prefixingPath(name)
        }
    }

    /// Like `entry`, but `nil` when the key is absent or its value is null.
    private func optionalEntry<Value>(_ key: Key, _ body: (DecodingState, Int) throws -> Value) throws -> Value? {
        try cell.withState { try optionalEntry(key, state: $0, body) }
    }

    private func optionalEntry<Value>(_ key: Key, state: DecodingState, _ body: (DecodingState, Int) throws -> Value) throws -> Value? {
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
            let value = try body(state, entry.node)
            state.closeEntry(entry, frame: frame)
            return value
        } catch let error as AvroError {
            throw error.prefixingPath(name)
        }
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try cell.withState { state in
            try state.checkOpen(frame, serial: serial)
            return try state.peekNull(key.stringValue, frame: frame)
        }
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try entry(key) { try $0.readBoolean(at: $1.node) } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try entry(key) { try $0.readString(at: $1.node) } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try entry(key) { try $0.readDouble(at: $1.node) } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try entry(key) { try $0.readFloat(at: $1.node) } }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try entry(key) { try $0.readInteger(type, at: $1.node) } }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try entry(key) { try $0.decode(type, at: $1.node) } }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optionalEntry(key) { try $0.readBoolean(at: $1) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optionalEntry(key) { try $0.readString(at: $1) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optionalEntry(key) { try $0.readDouble(at: $1) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optionalEntry(key) { try $0.readFloat(at: $1) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optionalEntry(key) { try $0.readInteger(type, at: $1) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optionalEntry(key) { try $0.decode(type, at: $1) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try entry(key) { state, entry in
            state.keyedContainer(NestedKey.self, frame: try state.openKeyedFrame(at: entry.node, caseValue: entry.isUnionCase))
        }
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try entry(key) { UnkeyedDecoding(state: $0, frame: try $0.openArrayFrame(at: $1.node)) }
    }

    /// A decoder for the entry `super`, whatever the container's key type.
    func superDecoder() throws -> any Decoder {
        try cell.withState { state in
            try entry(named: "super", state: state) { NestedDecoder(state: $0, target: $1.node) }
        }
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try entry(key) { NestedDecoder(state: $0, target: $1.node) }
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
        state.keyedContainer(Key.self, frame: try state.openKeyedFrame(at: target, caseValue: false))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedDecoding(state: state, frame: try state.openArrayFrame(at: target))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        state.node = target
        return state
    }
}
