/// The unkeyed container of the Avro encoder: the items of an array, written as one block
/// whose count is filled in when the array closes.
struct UnkeyedEncoding: UnkeyedEncodingContainer, FrameContainer {
    let state: EncodingState
    let frame: Int
    let serial: Int

    var count: Int { isFrameOpen ? state.frames[frame].count : 0 }

    /// Starts the next item and returns its schema node.
    private func nextItem() throws -> Int {
        try state.throwDeferredError()
        try state.checkOpen(frame, serial: serial)
        if state.frames.count > frame + 1 { try state.closeFrames(downTo: frame + 1) }
        let array = state.schema.info[state.frames[frame].node]
        guard array.kind == .array else {
            throw state.deferredError ?? AvroError(.typeMismatch, "expected an array")
        }
        state.frames[frame].count += 1
        return array.child
    }

    private func item(_ body: (Int) throws -> Void) throws {
        let node = try nextItem()
        do { try body(node) } catch let error as AvroError { throw error.prefixingPath("[\(count - 1)]") }
    }

    func encodeNil() throws { try item { try state.writeNull(at: $0) } }
    func encode(_ value: Bool) throws { try item { try state.writeBoolean(value, at: $0) } }
    func encode(_ value: String) throws { try item { try state.writeString(value, at: $0) } }
    func encode(_ value: Double) throws { try item { try state.writeDouble(value, at: $0) } }
    func encode(_ value: Float) throws { try item { try state.writeFloat(value, at: $0) } }
    func encode(_ value: Int) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int8) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int16) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int32) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: Int64) throws { try item { try state.writeInteger(value, at: $0) } }
    func encode(_ value: UInt) throws { try item { try state.writeUnsigned(UInt64(value), at: $0) } }
    func encode(_ value: UInt8) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: UInt16) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: UInt32) throws { try item { try state.writeInteger(Int64(value), at: $0) } }
    func encode(_ value: UInt64) throws { try item { try state.writeUnsigned(value, at: $0) } }
    func encode<T: Encodable>(_ value: T) throws { try item { try state.encode(value, at: $0) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nestedEncoder().container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        nestedEncoder().unkeyedContainer()
    }

    func superEncoder() -> any Encoder { nestedEncoder() }

    private func nestedEncoder() -> NestedEncoder {
        do {
            return NestedEncoder(state: state, target: try nextItem(), caseValue: false, parentField: nil)
        } catch let error as AvroError {
            state.fail(error)
        } catch {
            state.fail(AvroError(.typeMismatch, "\(error)"))
        }
        return NestedEncoder(state: state, target: -1, caseValue: false, parentField: nil)
    }
}
