import Avro
import Foundation

// Container files: AvroFileWriter and AvroFileReader with the null, deflate and snappy codecs,
// in memory, compared with the datum operations of the same workload ("× floor": writing with
// codable-encode, reading with codable-decode) and with datum + codec ("× datum+codec": the
// codec-only time of compressing or decompressing the same blocks added), which is what the
// container layer itself costs. The generated types' rows ("generated-file-...") compare with
// generated-encode and generated-decode.
enum ContainerFiles {
    static let codecs: [any AvroCodec] = [AvroNullCodec(), AvroDeflateCodec(), AvroSnappyCodec()]

    static func run<T: Codable & Equatable, G: AvroBinaryCodable & Codable & Equatable>(_ workload: String, _ values: [T], _ generated: [G], schema: AvroSchema,
                                                                     avroBytes: Int, harness: inout Harness) throws {
        let blocks = try self.blocks(values, schema: schema)
        for codec in codecs {
            let name = codec.name
            let compressed = try blocks.map { try codec.compress($0) }
            // Compressed blocks must decompress to the blocks.
            try harness.measure(workload, "codec-compress-\(name)", records: values.count, avroBytes: avroBytes,
                                check: { (made: [[UInt8]]) in try Check.elements(blocks)(made.map { try codec.decompress($0, limit: .max) }) }) {
                var made: [[UInt8]] = []
                made.reserveCapacity(blocks.count)
                for block in blocks { made.append(try codec.compress(block)) }
                return made
            }
            try harness.measure(workload, "codec-decompress-\(name)", records: values.count, avroBytes: avroBytes, check: Check.elements(blocks)) {
                var made: [[UInt8]] = []
                made.reserveCapacity(compressed.count)
                for block in compressed { made.append(try codec.decompress(block, limit: .max)) }
                return made
            }

            // Each closure appends with the overload its type's conformances pick, as a caller would.
            try files(workload, values, path: "", datum: "codable", schema: schema, codec: codec, avroBytes: avroBytes,
                      harness: &harness) { try $0.append(contentsOf: $1) }
            try files(workload, generated, path: "generated-", datum: "generated", schema: schema, codec: codec, avroBytes: avroBytes,
                      harness: &harness) { try $0.append(contentsOf: $1) }
        }
    }

    /// Writes `values` to a file with `codec` and reads it back, as rows named `path` +
    /// file-write- or file-read- + the codec's name, compared with the `datum` rows.
    private static func files<T: Codable & Equatable>(_ workload: String, _ values: [T], path: String, datum: String, schema: AvroSchema,
                                                      codec: any AvroCodec, avroBytes: Int, harness: inout Harness,
                                                      append: (AvroFileWriter<T>, [T]) throws -> Void) throws {
        let name = codec.name
        // A file written must read back as the values.
        var file = Data()
        try harness.measure(workload, "\(path)file-write-\(name)", records: values.count, avroBytes: avroBytes,
                            floor: "\(datum)-encode", codec: "codec-compress-\(name)",
                            check: { (made: Data) in try Check.elements(values)(readAll(T.self, from: made)) }) {
            let writer = try AvroFileWriter<T>(schema: schema, codec: codec)
            try append(writer, values)
            try writer.close()
            file = writer.data
            return file
        }
        if file.isEmpty { file = try write(values, schema: schema, codec: codec) } // when --filter skipped the write
        try harness.measure(workload, "\(path)file-read-\(name)", records: values.count, avroBytes: avroBytes,
                            floor: "\(datum)-decode", codec: "codec-decompress-\(name)", check: Check.elements(values)) {
            try readAll(T.self, from: file)
        }
    }

    /// Every value of the container file in `data`, read as `T`.
    static func readAll<T: Decodable>(_ type: T.Type, from data: Data) throws -> [T] {
        let reader = try AvroFileReader<T>(data: data)
        var values: [T] = []
        while let value = try reader.next() { values.append(value) }
        return values
    }

    private static func write<T: Encodable>(_ values: [T], schema: AvroSchema, codec: any AvroCodec) throws -> Data {
        let writer = try AvroFileWriter<T>(schema: schema, codec: codec)
        try writer.append(contentsOf: values)
        try writer.close()
        return writer.data
    }

    /// The uncompressed blocks AvroFileWriter makes of `values`: encoded values cut once a block
    /// holds 64,000 bytes or 64,000 values.
    private static func blocks<T: Encodable>(_ values: [T], schema: AvroSchema) throws -> [[UInt8]] {
        let encoder = AvroEncoder(schema: schema)
        var blocks: [[UInt8]] = []
        var block: [UInt8] = []
        var count = 0
        for value in values {
            try encoder.encode(value, into: &block)
            count += 1
            if block.count >= 64_000 || count >= 64_000 {
                blocks.append(block)
                block.removeAll(keepingCapacity: true)
                count = 0
            }
        }
        if count > 0 { blocks.append(block) }
        return blocks
    }
}
