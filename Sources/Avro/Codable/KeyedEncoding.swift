/// The keyed container of the Avro encoder: a record's fields (matched by name, in any
/// order), a map's entries, or the case of a Swift enum with associated values written to a
/// union.
struct KeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let cell: ContainerCell<EncodingState>

    private var frame: Int { cell.frame }
    private var serial: Int { cell.serial }

    var codingPath: [any CodingKey] { cell.withState { Array($0.codingPath.prefix(frame)) } }

    /// Writes the entry `key`: finds its schema node, lets `body` write the value there.
    /// Inlined into each `encode`, so that the common case (the next field in schema order)
    /// calls `body` without a closure context.
    @inline(__always)
    private func entry(_ key: Key, _ body: (EncodingState, Int) throws -> Void) throws {
        try cell.withState { state in
            let name = key.stringValue
            if let node = state.nextFieldInOrder(name, frame: frame, serial: serial) {
                do { try body(state, node) } catch let error as AvroError { throw error.prefixingPath(name) }
                return
            }
            try entry(named: name, state: state, body)
        }
    }

    private func entry(named name: String, state: EncodingState, _ body: (EncodingState, Int) throws -> Void) throws {
        // An error deferred from opening a container already has its path.
        try state.throwDeferredError()
        do {
            try state.checkOpen(frame, serial: serial)
            let entry = try state.openEntry(name, frame: frame)
            guard entry.node >= 0 else { return }
            try body(state, entry.node)
            state.closeEntry(entry, frame: frame)
        } catch let error as AvroError {
            throw error.prefixingPath(name)
        }
    }

    func encodeNil(forKey key: Key) throws { try entry(key) { try $0.writeNull(at: $1) } }
    func encode(_ value: Bool, forKey key: Key) throws { try entry(key) { try $0.writeBoolean(value, at: $1) } }
    func encode(_ value: String, forKey key: Key) throws { try entry(key) { try $0.writeString(value, at: $1) } }
    func encode(_ value: Double, forKey key: Key) throws { try entry(key) { try $0.writeDouble(value, at: $1) } }
    func encode(_ value: Float, forKey key: Key) throws { try entry(key) { try $0.writeFloat(value, at: $1) } }
    func encode(_ value: Int, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: Int8, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: Int16, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: Int32, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: Int64, forKey key: Key) throws { try entry(key) { try $0.writeInteger(value, at: $1) } }
    func encode(_ value: UInt, forKey key: Key) throws { try entry(key) { try $0.writeUnsigned(UInt64(value), at: $1) } }
    func encode(_ value: UInt8, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: UInt16, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: UInt32, forKey key: Key) throws { try entry(key) { try $0.writeInteger(Int64(value), at: $1) } }
    func encode(_ value: UInt64, forKey key: Key) throws { try entry(key) { try $0.writeUnsigned(value, at: $1) } }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try entry(key) { try $0.encode(value, at: $1) } }

    // Synthesized code skips nil optionals with these; the field still gets its null branch.
    func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value, at: $1, $0.writeBoolean) } }
    func encodeIfPresent(_ value: String?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value, at: $1, $0.writeString) } }
    func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value, at: $1, $0.writeDouble) } }
    func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value, at: $1, $0.writeFloat) } }
    func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value, at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(UInt64.init), at: $1, $0.writeUnsigned) } }
    func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value.map(Int64.init), at: $1, $0.writeInteger) } }
    func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try entry(key) { try $0.writeOptional(value, at: $1, $0.writeUnsigned) } }
    func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try entry(key) { state, node in
            if let value { try state.encode(value, at: node) } else { try state.writeNull(at: node) }
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        nestedEncoder(for: key.stringValue).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nestedEncoder(for: key.stringValue).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { nestedEncoder(for: "super") }

    func superEncoder(forKey key: Key) -> any Encoder { nestedEncoder(for: key.stringValue) }

    /// The encoder for entry `key`.
    private func nestedEncoder(for key: String) -> any Encoder {
        cell.withState { $0.nestedEncoder(for: key, frame: frame, serial: serial) }
    }
}

/// An `Encoder` for one nested value of a container, handed out by `nestedContainer` and
/// `superEncoder`: it encodes into the shared state at the entry's schema node.
final class NestedEncoder: Encoder {
    let state: EncodingState
    /// The entry's schema node; negative when opening the entry failed (writes are dropped
    /// and the deferred error is thrown by the next call that can throw).
    let target: Int
    /// Whether the entry is a union case, whose container holds the case's values.
    let caseValue: Bool
    let parentField: (frame: Int, position: Int)?

    init(state: EncodingState, target: Int, caseValue: Bool, parentField: (frame: Int, position: Int)?) {
        self.state = state
        self.target = target
        self.caseValue = caseValue
        self.parentField = parentField
    }

    var codingPath: [any CodingKey] { state.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { state.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let frame = state.openKeyedFrame(at: target, caseValue: caseValue)
        state.frames[frame].parentField = parentField
        return state.keyedContainer(Key.self, frame: frame)
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let frame = state.openArrayFrame(at: target)
        state.frames[frame].parentField = parentField
        return UnkeyedEncoding(state: state, frame: frame)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        state.node = target < 0 ? state.node : target
        return state
    }
}
