/// Running a ``ResolutionPlan``: writer bytes in, the same data as reader bytes out.
extension ResolutionPlan {
    /// Reads one value written with the writer's schema from `input` and appends it,
    /// encoded with the reader's schema, to `output`.
    func transcode(from input: inout AvroBinaryReader, to output: inout AvroBinaryWriter) throws(AvroError) {
        try run(root, &input, &output, depth: 0)
    }

    private func run(_ index: Int, _ input: inout AvroBinaryReader, _ output: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        guard depth < AvroValue.maxDepth else {
            throw AvroError(.limitExceeded, "the data is nested more than \(AvroValue.maxDepth) levels deep", offset: input.offset)
        }
        let skipper = ValueCoder(schema: writer)
        switch actions[index] {
        case .copy(let node):
            let start = input.offset
            try skipper.skip(node: node, in: &input, depth: depth)
            output.writeEncoded(input.bytes(from: start))
        case .skip(let node):
            try skipper.skip(node: node, in: &input, depth: depth)
        case .promote(let from, let to):
            try promote(from: from, to: to, &input, &output)
        case .record(let fields, let defaults, true):
            var next = 0
            for field in fields {
                if let position = field.readerPosition {
                    while next < position {
                        if let bytes = defaults[next] { output.writeEncoded(bytes) }
                        next += 1
                    }
                    next = position + 1
                }
                try run(field.action, &input, &output, depth: depth + 1)
            }
            while next < defaults.count {
                if let bytes = defaults[next] { output.writeEncoded(bytes) }
                next += 1
            }
        case .record(let fields, let defaults, false):
            let base = output.count
            var ranges: [Range<Int>?] = Array(repeating: nil, count: defaults.count)
            for field in fields {
                let start = output.count
                try run(field.action, &input, &output, depth: depth + 1)
                if let position = field.readerPosition { ranges[position] = start..<output.count }
            }
            let written = Array(output.bytes[base...])
            output.truncate(to: base)
            for position in defaults.indices {
                if let range = ranges[position] {
                    output.writeEncoded(written[(range.lowerBound - base)..<(range.upperBound - base)])
                } else if let bytes = defaults[position] {
                    output.writeEncoded(bytes)
                }
            }
        case .enumeration(let map, let symbols, let typeName):
            let start = input.offset
            let position = try skipper.readIndex(in: &input, count: symbols.count, what: "an index of the writer's enum", code: .invalidEnumSymbol)
            guard let target = map[position] else {
                throw AvroError(.incompatibleSchemas, "the writer's enum symbol '\(symbols[position])' is not a symbol of the reader's \(typeName), which has no default", offset: start)
            }
            output.writeInt(Int32(target))
        case .array(let items, let writerItems):
            try blocks(&input, &output, minItemSize: writer[writerItems].minSize) { input, output throws(AvroError) in
                try run(items, &input, &output, depth: depth + 1)
            }
        case .map(let values, let writerValues):
            try blocks(&input, &output, minItemSize: 1 + writer[writerValues].minSize) { input, output throws(AvroError) in
                output.writeBytes(try input.readLengthPrefixedBytes())
                try run(values, &input, &output, depth: depth + 1)
            }
        case .writerUnion(let branches):
            let branch = try skipper.readIndex(in: &input, count: branches.count, what: "a union branch", code: .invalidUnionBranch)
            try run(branches[branch], &input, &output, depth: depth + 1)
        case .readerUnion(let branch, let action):
            output.writeLong(Int64(branch))
            try run(action, &input, &output, depth: depth + 1)
        case .fail(let message):
            throw AvroError(.incompatibleSchemas, message, offset: input.offset)
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

    /// The promotions of item 85.
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
