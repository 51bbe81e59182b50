import Avro

extension OutputFile {
    /// Writes a container file of `schema` with `codec` and user `metadata` to this output:
    /// `body` appends to the writer, which is then closed. Errors of creating or closing the
    /// writer name this output.
    func writeContainer(schema: AvroSchema, codec: any AvroCodec, metadata: [String: [UInt8]] = [:],
                        _ body: (AvroFileWriter<AvroValue>) throws -> Void) throws {
        try write { handle in
            let writer: AvroFileWriter<AvroValue>
            do {
                writer = try AvroFileWriter(fileHandle: handle, schema: schema, codec: codec, metadata: metadata)
            } catch {
                throw CLIError.reading(error, source: name)
            }
            try body(writer)
            do {
                try writer.close()
            } catch {
                throw CLIError.reading(error, source: name)
            }
        }
    }
}

/// Where a command writes its container file: the operand after its inputs (avro-tools'
/// form), or `-o FILE`, or standard output when neither is given.
enum OutputOperand {
    /// `--output FILE` (`-o FILE`).
    static let option = OptionSpec.value("--output", "-o", valueName: "FILE", help: "Write the container file to FILE (`-`: standard output).")

    /// The output's path: the operand after the first `inputs` operands, or `-o`'s value, or
    /// `-`; a usage error when both are given.
    static func path(in arguments: ParsedArguments, after inputs: Int) throws(CLIError) -> String {
        let operand = arguments.operands.count > inputs ? arguments.operands[inputs] : nil
        switch (operand, arguments.value(option.key)) {
        case (let path?, nil), (nil, let path?): return path
        case (nil, nil): return "-"
        case (_?, _?): throw .usage("give the output as an operand or with \(option.key), not both")
        }
    }
}
