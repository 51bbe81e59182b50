import Avro
import Foundation

/// A container file read whole to have its blocks copied: its bytes and its header.
struct ContainerSource {
    let input: InputFile
    let data: Data
    let header: AvroFileHeader

    /// Reads `input` (mapped into memory when it is a file) and checks its header.
    init(_ input: InputFile) throws(CLIError) {
        self.input = input
        data = try input.readAll()
        do {
            header = try AvroFileReader<AvroValue>(data: data).header
        } catch {
            throw .reading(error, source: input.name)
        }
    }
}

/// Writes container files made of the blocks of other container files, for `concat` and
/// `recodec`: blocks are copied as they are, or decompressed and compressed again when the
/// codec changes. The records themselves are never decoded.
enum BlockCopy {
    /// Writes to `output` a container file with `schema`, user `metadata` and `codec` that
    /// holds the records of every source, in order.
    ///
    /// - Parameter copiesStoredBlocks: Whether a block of a source whose codec has the name of
    ///   `codec` is copied without being decompressed (`false` to apply a new level).
    static func write(_ sources: [ContainerSource], schema: AvroSchema, metadata: [String: [UInt8]], codec: any AvroCodec,
                      copiesStoredBlocks: Bool, to output: OutputFile, console: Console, label: String) throws {
        let progress = Progress(console: console, label: label)
        defer { progress.finish() }
        try output.write { handle in
            let writer: AvroFileWriter<AvroValue>
            do {
                // The writer writes the header at once; the blocks are then written to the same handle.
                writer = try AvroFileWriter(fileHandle: handle, schema: schema, codec: codec, metadata: metadata)
            } catch {
                throw CLIError.reading(error, source: output.name)
            }
            let syncMarker = writer.header.syncMarker
            for source in sources {
                let sourceCodec: any AvroCodec
                do {
                    sourceCodec = try AvroCodecs.codec(named: source.header.codecName)
                } catch {
                    throw CLIError.reading(error, source: source.input.name)
                }
                let copiesAsIs = copiesStoredBlocks && sourceCodec.name == codec.name
                try source.data.withUnsafeBytes { file in
                    do {
                        try StoredBlocks.forEach(in: file, syncMarker: source.header.syncMarker) { count, data, offset in
                            guard count > 0 else { return }
                            var frame = AvroBinaryWriter(capacity: data.count + 36)
                            frame.writeLong(Int64(count))
                            if copiesAsIs {
                                frame.writeBytes(data)
                            } else {
                                let plain: [UInt8]
                                do {
                                    plain = try sourceCodec.decompress(Array(data), limit: AvroFileReaderOptions().maxBlockSize)
                                } catch var error as AvroError {
                                    error.offset = offset + (error.offset ?? 0)
                                    throw error
                                }
                                do {
                                    frame.writeBytes(try codec.compress(plain))
                                } catch {
                                    throw CLIError.reading(error, source: output.name)
                                }
                            }
                            frame.writeFixed(syncMarker)
                            do {
                                try handle.write(contentsOf: frame.bytes)
                            } catch {
                                throw CLIError.failure("\(output.name): cannot be written: \(error.localizedDescription)")
                            }
                            progress.advance(by: count)
                        }
                    } catch {
                        throw CLIError.reading(error, source: source.input.name)
                    }
                }
            }
            do {
                try writer.close()
            } catch {
                throw CLIError.reading(error, source: output.name)
            }
        }
    }
}
