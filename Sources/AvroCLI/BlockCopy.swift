import Avro
import Foundation

/// A container file whose blocks are to be copied, read a block at a time (memory stays
/// bounded by the largest block, whatever the file's size): its reader, header read.
struct ContainerSource {
    let input: InputFile
    let reader: AvroFileReader<AvroValue>

    /// The header of the file: schema, codec and metadata.
    var header: AvroFileHeader { reader.header }

    /// Opens `input` and reads its header.
    init(_ input: InputFile) throws(CLIError) {
        self.input = input
        reader = try input.openContainer()
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
        let sizes = sources.map(\.input.size)
        let progress = Progress(console: console, label: label, size: sizes.contains(nil) ? nil : sizes.reduce(0) { $0 + ($1 ?? 0) })
        var before = 0 // the sizes of the sources done
        defer { progress.finish() }
        try output.writeContainer(schema: schema, codec: codec, metadata: metadata) { writer in
            for source in sources {
                let sourceCodec: any AvroCodec
                do {
                    sourceCodec = try AvroCodecs.codec(named: source.header.codecName)
                } catch {
                    throw CLIError.reading(error, source: source.input.name)
                }
                let copiesAsIs = copiesStoredBlocks && sourceCodec.name == codec.name
                while true {
                    let stored: AvroFileStoredBlock
                    do {
                        guard let next = try source.reader.nextStoredBlock() else { break }
                        stored = copiesAsIs ? next : try recompressed(next, from: sourceCodec, to: codec)
                    } catch {
                        throw CLIError.reading(error, source: source.input.name)
                    }
                    do {
                        try writer.appendStoredBlock(stored)
                    } catch {
                        throw CLIError.reading(error, source: output.name)
                    }
                    progress.advance(by: stored.count, at: before + stored.dataOffset + stored.data.count)
                }
                before += source.input.size ?? 0
            }
        }
    }

    /// `block` decompressed with `source` and compressed with `target`.
    private static func recompressed(_ block: AvroFileStoredBlock, from source: any AvroCodec, to target: any AvroCodec) throws -> AvroFileStoredBlock {
        let plain: [UInt8]
        do {
            plain = try source.decompress(block.data, limit: AvroFileReaderOptions().maxBlockSize)
        } catch var error as AvroError {
            error.offset = block.dataOffset + (error.offset ?? 0)
            throw error
        }
        return AvroFileStoredBlock(count: block.count, data: try target.compress(plain), dataOffset: block.dataOffset)
    }
}
