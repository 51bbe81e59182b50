/// Running a ``ResolutionPlan``: writer bytes in, the same data as reader bytes out.
extension ResolutionPlan {
    /// Reads one value written with the writer's schema from `input` and appends it,
    /// encoded with the reader's schema, to `output`.
    /// Data nested deeper than `maxDepth` is refused.
    func transcode(from input: inout AvroBinaryReader, to output: inout AvroBinaryWriter, maxDepth: Int = AvroNesting.defaultMaxDepth) throws(AvroError) {
        try run(root, &input, &output, depth: 0, maxDepth)
    }

    /// Each kind of step that nests is run by a function of its own, never inlined here, so
    /// that each level's frame stays small and deep data fits small stacks.
    private func run(_ index: Int, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int, _ maxDepth: Int) throws(AvroError) {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the data", offset: input.offset)
        switch actions[index] {
        case .record(let steps):
            try record(steps, &input, &output, depth: depth, maxDepth)
        case .reorderedRecord(let position):
            try reorderedRecord(reorderedRecords[position], &input, &output, depth: depth, maxDepth)
        case .array, .map:
            try collection(index, &input, &output, depth: depth, maxDepth)
        case .writerUnion(let branches):
            try writerUnion(branches, &input, &output, depth: depth, maxDepth)
        case .readerUnion(let branch, let action):
            output.writeLong(Int64(branch))
            try run(action, &input, &output, depth: depth + 1, maxDepth)
        default:
            try leaf(index, &input, &output, depth: depth, maxDepth)
        }
    }

    /// The steps that nest no other step.
    @inline(never)
    private func leaf(_ index: Int, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int, _ maxDepth: Int) throws(AvroError) {
        switch actions[index] {
        case .copy(let node):
            let start = input.offset
            try writer.skipValue(node, in: &input, depth: depth, maxDepth: maxDepth)
            output.writeEncoded(input.bytes(from: start))
        case .skip(let node):
            try writer.skipValue(node, in: &input, depth: depth, maxDepth: maxDepth)
        case .promote(let from, let to):
            try promote(from: from, to: to, &input, &output)
        case .convertTimestamp(let from, let to):
            let start = input.offset
            let count = try input.readLong()
            guard let converted = DateCounts.convert(count, from: from, to: to) else {
                throw AvroError(.valueOutOfRange, "the writer's timestamp \(count) (\(from) per day) does not fit in a long in the reader's unit (\(to) per day)", offset: start)
            }
            output.writeLong(converted)
        case .enumeration(let position):
            let enumeration = enumerations[position]
            let start = input.offset
            let symbol = try ValueCoder(schema: writer).readIndex(in: &input, count: enumeration.symbols.count, what: "an index of the writer's enum", code: .invalidEnumSymbol)
            guard let target = enumeration.map[symbol] else {
                throw AvroError(.incompatibleSchemas, "the writer's enum symbol '\(enumeration.symbols[symbol])' is not a symbol of the reader's \(enumeration.typeName), which has no default", offset: start)
            }
            output.writeInt(Int32(target))
        case .fail(let message):
            throw AvroError(.incompatibleSchemas, failureMessages[message], offset: input.offset)
        case .record, .reorderedRecord, .array, .map, .writerUnion, .readerUnion:
            try run(index, &input, &output, depth: depth, maxDepth)
        }
    }

    @inline(never)
    private func collection(_ index: Int, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int, _ maxDepth: Int) throws(AvroError) {
        switch actions[index] {
        case .array(let items, let writerItems):
            try blocks(&input, &output, minItemSize: writer.info[writerItems].minSize) { input, output throws(AvroError) in
                try run(items, &input, &output, depth: depth + 1, maxDepth)
            }
        case .map(let values, let writerValues):
            try blocks(&input, &output, minItemSize: 1 + writer.info[writerValues].minSize) { input, output throws(AvroError) in
                output.writeBytes(try input.readLengthPrefixedBytes())
                try run(values, &input, &output, depth: depth + 1, maxDepth)
            }
        default:
            try run(index, &input, &output, depth: depth, maxDepth)
        }
    }

    @inline(never)
    private func writerUnion(_ branches: Range<Int>, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int, _ maxDepth: Int) throws(AvroError) {
        let branch = try ValueCoder(schema: writer).readIndex(in: &input, count: branches.count, what: "a union branch", code: .invalidUnionBranch)
        try run(branchActions[branches.lowerBound + branch], &input, &output, depth: depth + 1, maxDepth)
    }

    /// A record read in the writer's order: runs of fields read as written are copied as one
    /// span of bytes.
    private func record(_ steps: Range<Int>, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int, _ maxDepth: Int) throws(AvroError) {
        var spanStart = -1
        for position in steps {
            let step = recordSteps[position]
            if case .copy(let node) = step {
                if spanStart < 0 { spanStart = input.offset }
                try writer.skipValue(node, in: &input, depth: depth, maxDepth: maxDepth)
                continue
            }
            if spanStart >= 0 {
                output.writeEncoded(input.bytes(from: spanStart))
                spanStart = -1
            }
            switch step {
            case .copy: break
            case .skip(let node): try writer.skipValue(node, in: &input, depth: depth, maxDepth: maxDepth)
            case .run(let action): try run(action, &input, &output, depth: depth + 1, maxDepth)
            case .unionBranch(let branch): output.writeLong(Int64(branch))
            case .insertDefault(let range): output.writeEncoded(defaultBytes[range])
            }
        }
        if spanStart >= 0 { output.writeEncoded(input.bytes(from: spanStart)) }
    }

    /// A record whose fields the reader orders differently: each field is transcoded, then
    /// the fields are put in the reader's order.
    private func reorderedRecord(_ record: ReorderedRecord, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int, _ maxDepth: Int) throws(AvroError) {
        let base = output.count
        var ranges: [Range<Int>?] = Array(repeating: nil, count: record.defaults.count)
        for field in record.fields {
            let start = output.count
            try run(field.action, &input, &output, depth: depth + 1, maxDepth)
            if let position = field.readerPosition { ranges[position] = start..<output.count }
        }
        let written = Array(output.bytes[base...])
        output.truncate(to: base)
        for position in record.defaults.indices {
            if let range = ranges[position] {
                output.writeEncoded(written[(range.lowerBound - base)..<(range.upperBound - base)])
            } else if let range = record.defaults[position] {
                output.writeEncoded(defaultBytes[range])
            }
        }
    }

    /// Copies array or map blocks, each item read by `item`; counts are written positive.
    private func blocks(_ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, minItemSize: Int,
                        item: (inout AvroBinaryReader, inout AvroBinaryWriter) throws(AvroError) -> Void) throws(AvroError) {
        while true {
            let count = try input.readBlockCount(minItemSize: minItemSize)
            output.writeLong(Int64(count))
            if count == 0 { return }
            for _ in 0..<count { try item(&input, &output) }
        }
    }

    /// The specification's promotions: int to long, float or double; long to float or double;
    /// float to double; bytes to string (checked UTF-8).
    private func promote(from: Int, to: Int, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter) throws(AvroError) {
        switch (writer.info[from].kind, reader.info[to].kind) {
        case (.int, .float): output.writeFloat(Float(try input.readInt()))
        case (.int, .double): output.writeDouble(Double(try input.readInt()))
        case (.long, .float): output.writeFloat(Float(try input.readLong()))
        case (.long, .double): output.writeDouble(Double(try input.readLong()))
        case (.float, .double): output.writeDouble(Double(try input.readFloat()))
        case (.bytes, .string):
            let start = input.offset
            let bytes = try input.readLengthPrefixedBytes()
            guard UTF8Validation.isWellFormed(bytes.bindMemory(to: UInt8.self)) else {
                throw AvroError(.invalidUTF8, "the writer's bytes are not valid UTF-8, so they cannot be read as the reader's string", offset: start)
            }
            output.writeBytes(bytes)
        default:
            throw AvroError(.incompatibleSchemas, "cannot promote \(writer[from].typeName) to \(reader[to].typeName)", offset: input.offset)
        }
    }
}
