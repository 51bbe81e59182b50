/// The keyed container of the Avro encoder: a record's fields (matched by name, in any
/// order), a map's entries, or the case of a Swift enum with associated values written to a
/// union.
struct KeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: EncodingState
    let frame: Int
    let serial: Int

    init(state: EncodingState, frame: Int) {
        self.state = state
        self.frame = frame
        serial = state.frames[frame].serial
    }

    var codingPath: [any CodingKey] { Array(state.codingPath.prefix(frame)) }

    /// Writes the entry `key`: finds its schema node, lets `body` write the value there.
    /// Inlined into each `encode`, so that the common case (the next field in schema order)
    /// calls `body` without a closure context.
    @inline(__always)
    private func entry(_ key: Key, _ body: (Int) throws -> Void) throws {
        let name = key.stringValue
        if let node = state.nextFieldInOrder(name, frame: frame, serial: serial) {
            do { try body(node) } catch let error as AvroError { throw error.prefixingPath(name) }
            return
        }
        try entry(named: name, body)
    }

    private func entry(named name: String, _ body: (Int) throws -> Void) throws {
        // An error deferred from opening a container already has its path.
        try state.throwDeferredError()
        do {
            try state.checkOpen(frame, serial: serial)
            let entry = try state.openEntry(name, frame: frame)
            guard entry.node >= 0 else { return }
            try body(entry.node)
            state.closeEntry(entry, frame: frame)
        } catch let error as AvroError {
            throw error.prefixingPath(name)
        }
    }

    func encodeNil(forKey key: Key) throws { try entry(key) { try state.writeNull(at: $0) } }
    func encode(_ value: Bool, forKey key: Key) throws { try entry(key) { try state.writeBoolean(value, at: $0) } }
    func encode(_ value: String, forKey key: Key) throws { try entry(key) { try state.writeString(value, at: $0) } }
    func encode(_ value: Double, forKey key: Key) throws { try entry(key) { try state.writeDouble(value, at: $0) } }
    func encode(_ value: Float, forKey key: Key) throws { try entry(key) { try state.writeFloat(value, at: $0) } }
    func encode(_ value: Int, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int8, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int16, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int32, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int64, forKey key: Key) throws { try entry(key) { try state.writeInteger(value, at: $0) } }
    func encode(_ value: UInt, forKey key: Key) throws { try entry(key) { try state.writeUnsigned(UInt64(value), at: $0) } }
    func encode(_ value: UInt8, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: UInt16, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: UInt32, forKey key: Key) throws { try entry(key) { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: UInt64, forKey key: Key) throws { try entry(key) { try state.writeUnsigned(value, at: $0) } }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try entry(key) { try state.encode(value, at: $0) } }

    // Synthesized code skips nil optionals with these; the field still gets its null branch.
    func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value, at: $0, state.writeBoolean) } }
    func encodeIfPresent(_ value: String?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value, at: $0, state.writeString) } }
    func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value, at: $0, state.writeDouble) } }
    func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value, at: $0, state.writeFloat) } }
    func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value, at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(UInt64.init), at: $0, state.writeUnsigned) } }
    func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value.map(Int64.init), at: $0, state.writeInteger) } }
    func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try entry(key) { try state.writeOptional(value, at: $0, state.writeUnsigned) } }
    func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try entry(key) { node in
            if let value { try state.encode(value, at: node) } else { try state.writeNull(at: node) }
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        state.nestedEncoder(for: key.stringValue, frame: frame, serial: serial).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        state.nestedEncoder(for: key.stringValue, frame: frame, serial: serial).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { state.nestedEncoder(for: "super", frame: frame, serial: serial) }

    func superEncoder(forKey key: Key) -> any Encoder { state.nestedEncoder(for: key.stringValue, frame: frame, serial: serial) }
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
        return KeyedEncodingContainer(KeyedEncoding<Key>(state: state, frame: frame))
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
