import Avro

/// `avro random`: a container file of random records, for testing.
extension Command {
    static let random = Command(
        name: "random",
        summary: "Write a container file of random valid records of a schema.",
        synopsis: "random --schema-file S.avsc | --schema JSON --count N [--seed K] [--codec CODEC] [--level N] [-o FILE | FILE]",
        discussion: """
            Every type is covered, with values valid for their logical types (dates and
            timestamps between 1900 and 2100, times within a day, decimals within their
            precision, UUIDs, durations). Arrays and maps have 0 to 4 items and recursive
            schemas give finite values. With --seed the output records are the same on every
            run and machine (the file's sync marker still differs). The container file goes to
            FILE (given after the options, as avro-tools takes it, or with -o), or to standard
            output. The schema comes from --schema-file, or from --schema with the schema's JSON
            (or a file).
            """,
        options: [
            .value("--count", valueName: "N", help: "How many records to write (required)."),
            .value("--seed", valueName: "K", help: "Seed of the random generator, for reproducible records."),
            CodecOptions.codec, CodecOptions.level,
            OutputOperand.option,
        ] + SchemaOption.records.options,
        operands: 0...1,
        example: "random --schema weather.avsc --count 1000 --seed 42 -o random.avro",
        run: { arguments, console in
            let (schema, schemaSource) = try SchemaOption.records.required(in: arguments)
            _ = try arguments.required("--count")
            let count = try arguments.integer("--count", in: 0...Int.max) ?? 0
            let seed = try arguments.value("--seed").map { text throws(CLIError) in
                guard let seed = UInt64(text) ?? Int64(text).map({ UInt64(bitPattern: $0) }) else {
                    throw CLIError.usage("--seed expects a whole number, found '\(text)'")
                }
                return seed
            } ?? UInt64.random(in: .min ... .max)
            let codec = try CodecOptions.codec(from: arguments)
            let output = try OutputFile(path: OutputOperand.path(in: arguments, after: 0), inputs: [schemaSource.file].compactMap { $0 })
            let progress = Progress(console: console, label: "random")
            defer { progress.finish() }
            try output.writeContainer(schema: schema, codec: codec) { writer in
                var values = RandomValues(schema: schema, seed: seed)
                for _ in 0..<count {
                    let value: AvroValue
                    do {
                        value = try values.value(of: schema)
                    } catch {
                        throw CLIError.reading(error, source: schemaSource.name)
                    }
                    do {
                        try writer.append(value)
                    } catch {
                        throw CLIError.reading(error, source: output.name)
                    }
                    progress.advance()
                }
            }
            return 0
        })
}
