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
