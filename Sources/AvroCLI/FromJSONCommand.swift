import Avro

/// `avro fromjson`: Avro JSON records to a container file.
extension Command {
    static let fromJSON = Command(
        name: "fromjson",
        summary: "Write Avro JSON records (one per line, or pretty-printed) to a container file.",
        synopsis: "fromjson --schema S.avsc [--codec CODEC] [--level N] [-o FILE] JSONFILE",
        discussion: """
            Reads JSONFILE (`-` for standard input): JSON values in the Avro JSON encoding of
            the schema, separated by white space, as `avro tojson` prints them. Record fields
            that are missing take their defaults; union branches may be named by full or short
            name. The container file goes to standard output unless -o is given. An error names
            the line and column of the record, and the path of the field, that could not be read;
            nothing is left behind in FILE then.
            """,
        options: [
            .value("--schema", valueName: "S.avsc", help: "The schema of the records (required)."),
            CodecOptions.codec, CodecOptions.level,
            .value("--output", "-o", valueName: "FILE", help: "Write the container file to FILE (`-`: standard output)."),
        ],
        operands: 1...1,
        example: "fromjson --schema weather.avsc --codec deflate -o weather.avro weather.jsonl",
        run: { arguments, console in
            let schema = try InputFile(path: arguments.required("--schema")).readSchema()
            let codec = try CodecOptions.codec(from: arguments)
            let input = InputFile(path: arguments.operands[0])
            let text = JSONTextReader(try input.open())
            let output = try OutputFile(path: arguments.value("--output") ?? "-", inputs: [input])
            let progress = Progress(console: console, label: "fromjson")
            defer { progress.finish() }
            try output.writeContainer(schema: schema, codec: codec) { writer in
                while true {
                    let value: JSONTextReader.Value
                    do {
                        guard let next = try text.next() else { break }
                        value = next
                    } catch {
                        throw CLIError.reading(error, source: input.name)
                    }
                    do {
                        let json = try AvroJSON(parsing: value.bytes)
                        try writer.append(AvroValue(avroJSON: json, as: schema))
                    } catch where [.io, .codec].contains(CLIError.avroError(in: error)?.code) {
                        throw CLIError.reading(error, source: output.name)
                    } catch {
                        throw value.bytes.withUnsafeBytes { bytes in
                            CLIError.reading(error, source: input.name, text: bytes, textStart: (value.line, value.column), fallbackOffset: 0)
                        }
                    }
                    progress.advance()
                }
            }
            return 0
        })
}
