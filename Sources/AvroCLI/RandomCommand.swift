import Avro

/// `avro random`: a container file of random records, for testing.
extension Command {
    static let random = Command(
        name: "random",
        summary: "Write a container file of random valid records of a schema.",
        synopsis: "random --schema S.avsc --count N [--seed K] [--codec CODEC] [--level N] [-o FILE]",
        discussion: """
            Every type is covered, with values valid for their logical types (dates and
            timestamps between 1900 and 2100, times within a day, decimals within their
            precision, UUIDs, durations). Arrays and maps have 0 to 4 items and recursive
            schemas give finite values. With --seed the output records are the same on every
            run and machine (the file's sync marker still differs). The container file goes to
            standard output unless -o is given.
            """,
        options: [
            .value("--schema", valueName: "S.avsc", help: "The schema of the records (required)."),
            .value("--count", valueName: "N", help: "How many records to write (required)."),
            .value("--seed", valueName: "K", help: "Seed of the random generator, for reproducible records."),
            CodecOptions.codec, CodecOptions.level,
            .value("--output", "-o", valueName: "FILE", help: "Write the container file to FILE (`-`: standard output)."),
        ],
        operands: 0...0,
        example: "random --schema weather.avsc --count 1000 --seed 42 -o random.avro",
        run: { arguments, console in
            let schemaInput = InputFile(path: try arguments.required("--schema"))
            let schema = try schemaInput.readSchema()
            _ = try arguments.required("--count")
            let count = try arguments.integer("--count", in: 0...Int.max) ?? 0
            let seed = try arguments.value("--seed").map { text throws(CLIError) in
                guard let seed = UInt64(text) ?? Int64(text).map({ UInt64(bitPattern: $0) }) else {
                    throw CLIError.usage("--seed expects a whole number, found '\(text)'")
                }
                return seed
            } ?? UInt64.random(in: .min ... .max)
            let codec = try CodecOptions.codec(from: arguments)
            let output = try OutputFile(path: arguments.value("--output") ?? "-", inputs: [schemaInput])
            let progress = Progress(console: console, label: "random")
            defer { progress.finish() }
            try output.writeContainer(schema: schema, codec: codec) { writer in
                var values = RandomValues(schema: schema, seed: seed)
                for _ in 0..<count {
                    let value: AvroValue
                    do {
                        value = try values.value(of: schema)
                    } catch {
                        throw CLIError.reading(error, source: schemaInput.name)
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
