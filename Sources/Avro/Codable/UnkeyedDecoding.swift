/// The unkeyed container of the Avro decoder: the items of an array, block by block.
struct UnkeyedDecoding: UnkeyedDecodingContainer, FrameContainer {
    let state: DecodingState
    let frame: Int
    let serial: Int

    /// Unknown until the last block is read: Avro arrays may come in several blocks.
    var count: Int? { nil }
    var currentIndex: Int { isFrameOpen ? state.frames[frame].itemsRead : 0 }

    var isAtEnd: Bool {
        // A malformed block count, or a closed container, reads as "not at end" so that the
        // next decode throws the error.
        guard isFrameOpen else { return false }
        return (try? state.arrayIsAtEnd(frame: frame)) ?? false
    }

    /// Positions the reader at the next item and returns its node.
    private func item<Value>(_ body: (Int) throws -> Value) throws -> Value {
        try state.checkOpen(frame, serial: serial)
        let items = try state.nextArrayItem(frame: frame)
        do { return try body(items) } catch let error as AvroError { throw error.prefixingPath("[\(currentIndex - 1)]") }
    }

    func decodeNil() throws -> Bool {
        try state.checkOpen(frame, serial: serial)
        guard try !state.arrayIsAtEnd(frame: frame), try state.readNullIfPresent(at: state.schema.info[state.frames[frame].node].child) else { return false }
        _ = try state.nextArrayItem(frame: frame)
        return true
    }

    func decode(_ type: Bool.Type) throws -> Bool { try item { try state.readBoolean(at: $0) } }
    func decode(_ type: String.Type) throws -> String { try item { try state.readString(at: $0) } }
    func decode(_ type: Double.Type) throws -> Double { try item { try state.readDouble(at: $0) } }
    func decode(_ type: Float.Type) throws -> Float { try item { try state.readFloat(at: $0) } }
    func decode(_ type: Int.Type) throws -> Int { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: UInt.Type) throws -> UInt { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try item { try state.readInteger(type, at: $0) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try item { try state.readInteger(type, at: $0) } }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try item { try state.decode(type, at: $0) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try item { state.keyedContainer(NestedKey.self, frame: try state.openKeyedFrame(at: $0, caseValue: false)) }
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try item { UnkeyedDecoding(state: state, frame: try state.openArrayFrame(at: $0)) }
    }

    func superDecoder() throws -> any Decoder {
        try item { NestedDecoder(state: state, target: $0) }
    }
}

extension DecodingState {
    /// Whether array frame `index` has no more items; reads the next block's count when the
    /// current block is used up.
    func arrayIsAtEnd(frame index: Int) throws -> Bool {
        guard index < frames.count else { return true }
        if frames.count > index + 1 { try closeFrames(downTo: index + 1) }
        if frames[index].finished { return true }
        if frames[index].blockRemaining > 0 { return false }
        let items = schema.info[frames[index].node].child
        let count = try reader.readBlockCount(minItemSize: schema.info[items].minSize)
        if count == 0 {
            frames[index].finished = true
            return true
        }
        frames[index].blockRemaining = count
        return false
    }

    /// Moves array frame `index` to its next item and returns the items' node.
    func nextArrayItem(frame index: Int) throws -> Int {
        guard try !arrayIsAtEnd(frame: index), schema.info[frames[index].node].kind == .array else {
            throw AvroError(.endOfData, "the array has no more items (\(index < frames.count ? frames[index].itemsRead : 0) were read)", offset: reader.offset)
        }
        frames[index].blockRemaining -= 1
        frames[index].itemsRead += 1
        return schema.info[frames[index].node].child
    }
}
