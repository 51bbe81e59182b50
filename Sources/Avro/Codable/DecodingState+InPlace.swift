/// Reading a record written with another schema in place: when every field of the writer's
/// record is read as it was written (the same type, a renamed field, an int read as a long…),
/// skipped, or missing and filled in from the reader's default, the decoder needs no
/// transcoding. A record whose reader fields are the writer's, in order, then defaults, is
/// read as it comes; for any other, opening the frame goes through the writer's fields once,
/// noting where each reader field's bytes are, and each field is then read there, or from its
/// default.
///
/// Offsets of defaults are stored as `-1 - offset` into the in-place record's defaults. While a
/// default is read, the reader is over the defaults and the input's reader is kept in
/// ``savedInput``; reading a field of the input again, or closing the frame, goes back to it.
extension DecodingState {
    /// Opens the frame of the root record, read in place as `resolution` says. A sequential
    /// record is read as it comes; any other first has the places of its fields found.
    func openInPlaceFrame(at target: Int, _ resolution: ResolutionPlan) throws -> Int {
        isInPlaceRootPending = false
        guard let record = resolution.inPlaceRoot else { return push(DecodingFrame(node: target, kind: .record, start: reader.offset)) }
        // The places of defaults stay from the last value of the same record.
        if inPlaceRecord !== record {
            inPlaceOffsets = record.defaultOffsets
            inPlaceRecord = record
        }
        var frame = DecodingFrame(node: target, kind: .record, start: reader.offset)
        frame.isInPlace = true
        if record.isSequential {
            frame.sequentialFields = record.writerNodes.count
        } else {
            frame.end = try findInPlaceFields(record, writer: resolution.writer)
        }
        return push(frame)
    }

    /// Goes through the writer's fields from the reader's position (the record's start),
    /// noting where each reader field's bytes are; returns where the record ends.
    private func findInPlaceFields(_ record: InPlaceRecord, writer: CompiledSchema) throws -> Int {
        for field in 0..<record.writerNodes.count {
            let position = record.readerPositions[field]
            if position >= 0 { inPlaceOffsets[position] = reader.offset }
            try writer.skipValue(record.writerNodes[field], in: &reader, depth: depth, maxDepth: maxDepth)
        }
        return reader.offset
    }

    /// Makes in-place frame `index` one whose fields can be read in any order: a sequential
    /// frame has the places of its fields found, from its start.
    private func placeInPlaceFields(frame index: Int) throws {
        guard frames[index].sequentialFields > 0, let resolution = inPlaceResolution, let record = resolution.inPlaceRoot else { return }
        seekInPlace(frames[index].start)
        frames[index].end = try findInPlaceFields(record, writer: resolution.writer)
        frames[index].sequentialFields = 0
    }

    /// Closes an in-place frame (its `cursor`, `sequentialFields` and `end`): the input's
    /// reader goes past the writer's record. A sequential frame's reader is after the writer
    /// fields read so far; the others are skipped.
    func finishInPlaceFrame(cursor: Int, sequentialFields: Int, end: Int?) throws {
        if let end { return seekInPlace(end) }
        if let input = savedInput {
            reader = input
            savedInput = nil
        }
        guard cursor < sequentialFields, let resolution = inPlaceResolution, let record = resolution.inPlaceRoot else { return }
        for field in cursor..<sequentialFields {
            try resolution.writer.skipValue(record.writerNodes[field], in: &reader, depth: depth, maxDepth: maxDepth)
        }
    }

    /// Moves the reader to `offset`: in the input, or (negative) in the defaults.
    @inline(__always)
    func seekInPlace(_ offset: Int) {
        if offset >= 0 {
            if let input = savedInput {
                reader = input
                savedInput = nil
            }
            reader.seek(to: offset)
        } else {
            if savedInput == nil, let record = inPlaceRecord {
                savedInput = reader
                reader = AvroBinaryReader(record.defaults, zeroSizeItemLimit: reader.zeroSizeItemBudget)
            }
            reader.seek(to: -1 - offset)
        }
    }

    /// The field `name` of the in-place frame `index`, asked for out of schema order (or with
    /// field naming): the reader is moved to it, and reading in order goes on after it.
    func inPlaceEntry(_ name: String, frame index: Int) throws -> Entry? {
        guard let record = schema.record(frames[index].node), let position = record.indexOfField[name] else { return nil }
        try placeInPlaceFields(frame: index)
        seekInPlace(inPlaceOffsets[position])
        frames[index].cursor = position + 1
        return Entry(node: record.fields[position].type)
    }

    /// The reader over the input, wherever the state's reader is.
    var inputReader: AvroBinaryReader { savedInput ?? reader }

    /// After the value was decoded: when the type never opened the root record's frame, the
    /// writer's record is skipped, as transcoding it would have read it.
    func finishInPlaceRoot() throws {
        guard isInPlaceRootPending, let resolution = inPlaceResolution else { return }
        isInPlaceRootPending = false
        try ValueCoder(schema: resolution.writer, maxDepth: maxDepth).skip(node: resolution.writer.root, in: &reader, depth: depth)
    }

    /// The root record as an ``AvroValue``, which is read from transcoded bytes rather than in
    /// place; `nil` when the root is not pending.
    func decodeInPlaceRootAsValue(at target: Int) throws -> AvroValue? {
        guard isInPlaceRootPending, target == schema.root, let resolution = inPlaceResolution else { return nil }
        isInPlaceRootPending = false
        var transcoded = AvroBinaryWriter()
        try resolution.transcode(from: &reader, to: &transcoded, maxDepth: maxDepth)
        return try transcoded.bytes.withUnsafeBytes { bytes in
            var resolved = AvroBinaryReader(bytes)
            return try valueCoder.decode(node: target, from: &resolved, depth: depth)
        }
    }
}
