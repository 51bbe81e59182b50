import Avro

/// `avro concat` (also `avro cat`) and `avro recodec`: container files made of the blocks of
/// others, without decoding the records.
extension Command {
    static let concat = Command(
        name: "concat",
        aliases: ["cat"],
        summary: "Join container files that have the same schema into one.",
        synopsis: "concat IN... OUT",
        discussion: """
            The inputs must have the same schema (the same Parsing Canonical Form). OUT gets the
            first input's schema, codec and metadata. Blocks are copied as they are; the blocks
            of an input whose codec differs are decompressed and compressed again with the first
            input's codec. The records are never decoded. `-` as an input reads standard input
            (once); OUT `-` writes to standard output.
            """,
        operands: 2...Int.max,
        example: "concat part-1.avro part-2.avro all.avro",
        run: { arguments, console in
            let inputs = arguments.operands.dropLast().map(InputFile.init(path:))
            guard inputs.filter(\.isStandardInput).count <= 1 else { throw CLIError.usage("standard input (-) can be read only once") }
            let sources = try inputs.map { input throws(CLIError) in try ContainerSource(input) }
            let first = sources[0]
            for source in sources.dropFirst() where source.header.schema.canonicalForm != first.header.schema.canonicalForm {
                throw CLIError.failure("\(source.input.name): its schema differs from the schema of \(first.input.name): \(source.header.schema.canonicalForm) is not \(first.header.schema.canonicalForm)")
            }
            let codec: any AvroCodec
            do {
                codec = try AvroCodecs.codec(named: first.header.codecName)
            } catch {
                throw CLIError.reading(error, source: first.input.name)
            }
            let output = try OutputFile(path: arguments.operands[arguments.operands.count - 1], inputs: inputs)
            try BlockCopy.write(sources, schema: first.header.schema, metadata: userMetadata(first.header), codec: codec,
                                copiesStoredBlocks: true, to: output, console: console, label: "concat")
            return 0
        })

    static let recodec = Command(
        name: "recodec",
        summary: "Copy a container file with another codec.",
        synopsis: "recodec [--codec CODEC] [--level N] [IN [OUT]]",
        discussion: """
            Decompresses each block and compresses it again with CODEC (null when not given, as
            in avro-tools); the records are not decoded. The schema and the metadata are kept.
            Without IN it reads standard input, without OUT it writes standard output; `-` says
            the same.
            """,
        options: [CodecOptions.codec, CodecOptions.level],
        operands: 0...2,
        example: "recodec --codec zstandard --level 9 weather.avro weather-zstd.avro",
        run: { arguments, console in
            let codec = try CodecOptions.codec(from: arguments)
            let operands = arguments.operands + Array(repeating: "-", count: 2 - arguments.operands.count)
            let input = InputFile(path: operands[0])
            let source = try ContainerSource(input)
            let output = try OutputFile(path: operands[1], inputs: [input])
            try BlockCopy.write([source], schema: source.header.schema, metadata: userMetadata(source.header), codec: codec,
                                copiesStoredBlocks: arguments.value(CodecOptions.level.key) == nil,
                                to: output, console: console, label: "recodec")
            return 0
        })

    /// The metadata of `header` without the entries reserved by Avro (`avro.schema`, `avro.codec`…).
    static func userMetadata(_ header: AvroFileHeader) -> [String: [UInt8]] {
        header.metadata.filter { !$0.key.hasPrefix("avro.") }
    }
}
