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
            are resolved from the file's schema to that schema first; a writer union branch or
            enum symbol that schema lacks stops only at a record that uses it. The records read
            before an error are printed.
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
            let readerSchemaInput = arguments.value("--reader-schema").map(InputFile.init(path:))
            let readerSchema = try readerSchemaInput?.readSchema()
            let reader = try input.openContainer(readerSchema: readerSchema)
            if let readerSchemaInput, let readerSchema {
                // Said at once for the whole file, rather than at the first record it stops. A
                // writer union branch or enum symbol the reader lacks stops only a record that
                // has it.
                let problems = AvroSchemaCompatibility.check(reader: readerSchema, writer: reader.header.schema).filter { !$0.failsOnlyWhenUsed }
                if !problems.isEmpty {
                    let reasons = problems.map(\.description).joined(separator: "; ")
                    throw CLIError.failure("\(readerSchemaInput.name) cannot read the records of \(input.name): \(reasons)")
                }
            }
            let progress = Progress(console: console, label: "tojson")
            defer { progress.finish() }
            var printed = 0
            while printed < head {
                let next: AvroValue?
                do {
                    next = try reader.next()
                } catch {
                    throw CLIError.reading(error, source: input.name)
                }
                guard let next else { break }
                do {
                    try console.writeLine(next.avroJSONString(as: readerSchema ?? reader.header.schema, pretty: pretty))
                } catch {
                    throw CLIError.inRecord(printed, of: input.name, error)
                }
                printed += 1
                progress.advance()
            }
            return 0
        })
}
