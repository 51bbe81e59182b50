import Avro

/// `avro fromjson`: Avro JSON records to a container file.
extension Command {
    static let fromJSON = Command(
        name: "fromjson",
        summary: "Write Avro JSON records (one per line, or pretty-printed) to a container file.",
        synopsis: "fromjson --schema-file S.avsc | --schema JSON [--codec CODEC] [--level N] [-o FILE] JSONFILE [FILE]",
        discussion: """
            Reads JSONFILE (`-` for standard input): JSON values in the Avro JSON encoding of
            the schema, separated by white space, as `avro tojson` prints them. Record fields
            that are missing take their defaults; union branches may be named by full or short
            name. The container file goes to standard output unless -o is given. An error names
            the line and column of the record, and the path of the field, that could not be read;
            nothing is left behind in FILE then. The schema comes from --schema-file, or from
            --schema with the schema's JSON (or a file), as in avro-tools; FILE may also follow
            JSONFILE, as avro-tools' output operand.
            """,
        options: [
            CodecOptions.codec, CodecOptions.level,
            OutputOperand.option,
        ] + SchemaOption.records.options,
        operands: 1...2,
        example: "fromjson --schema weather.avsc --codec deflate -o weather.avro weather.jsonl",
        run: { arguments, console in
            let (schema, schemaSource) = try SchemaOption.records.required(in: arguments)
            let codec = try CodecOptions.codec(from: arguments)
            let input = InputFile(path: arguments.operands[0])
            let text = JSONTextReader(try input.open())
            let output = try OutputFile(path: OutputOperand.path(in: arguments, after: 1), inputs: [input] + [schemaSource.file].compactMap { $0 })
            let progress = Progress(console: console, label: "fromjson")
            defer { progress.finish() }
            try output.writeContainer(schema: schema, codec: codec) { writer in
                while let value = try text.next(from: input.name) {
                    do {
                        let json = try AvroJSON(parsing: value.bytes)
                        try writer.append(AvroValue(avroJSON: json, as: schema))
                    } catch where [.io, .codec].contains(CLIError.avroError(in: error)?.code) {
                        throw CLIError.reading(error, source: output.name)
                    } catch {
                        throw value.failure(error, source: input.name)
                    }
                    progress.advance()
                }
            }
            return 0
        })
}
