import Avro

/// `avro tojson`: the records of a container file in the Avro JSON encoding, one per line.
extension Command {
    static let toJSON = Command(
        name: "tojson",
        summary: "Print the records of a container file as Avro JSON, one record per line.",
        synopsis: "tojson FILE [--pretty] [--head N] [--reader-schema S.avsc]",
        discussion: """
            Uses the Avro JSON encoding, as avro-tools and fastavro's json_writer do: unions as
            {"branch": value} (null bare, named branches by full name), bytes and fixed as
            strings of the characters U+0000...U+00FF, enums as their symbols, NaN and
            infinities as "NaN", "Infinity" and "-Infinity". With --reader-schema, the records
            are resolved from the file's schema to that schema first. The records read before an
            error are printed.
            """,
        options: [
            .flag("--pretty", help: "Lay each record out on several indented lines."),
            .value("--head", valueName: "N", help: "Print only the first N records."),
            .value("--reader-schema", valueName: "S.avsc", help: "Resolve the records to this schema."),
        ],
        operands: 1...1,
        example: "tojson --head 2 weather.avro",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands[0])
            let pretty = arguments.flag("--pretty")
            let head = try arguments.integer("--head", in: 0...Int.max) ?? .max
            let readerSchema = try arguments.value("--reader-schema").map { path throws(CLIError) in
                try InputFile(path: path).readSchema()
            }
            let reader = try input.openContainer()
            let writerSchema = reader.header.schema
            if let readerSchema {
                let problems = AvroSchemaCompatibility.check(reader: readerSchema, writer: writerSchema)
                if !problems.isEmpty {
                    throw CLIError.failure("the reader schema cannot read \(input.name): " + problems.map(\.description).joined(separator: "; "))
                }
            }
            let progress = Progress(console: console, label: "tojson")
            defer { progress.finish() }
            var printed = 0
            while printed < head {
                let value: AvroValue
                do {
                    guard let next = try reader.next() else { break }
                    value = try readerSchema.map { schema in
                        // AvroFileReader reads with the writer's schema only: resolve here.
                        try AvroValue(decoding: next.encoded(as: writerSchema), writerSchema: writerSchema, readerSchema: schema)
                    } ?? next
                } catch {
                    throw CLIError.reading(error, source: input.name)
                }
                let schema = readerSchema ?? writerSchema
                do {
                    try console.writeLine(value.avroJSONString(as: schema, pretty: pretty))
                } catch let error as CLIError {
                    throw error
                } catch {
                    throw CLIError.failure("\(input.name): record \(printed): \(CLIError.describing(error).message)")
                }
                printed += 1
                progress.advance()
            }
            return 0
        })
}
