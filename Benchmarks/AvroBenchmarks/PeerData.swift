import Avro
import Foundation

/// `--peer-data DIR`: reads the exact bytes ../shared/bench-peers/run.sh generated
/// (`W.avsc`, `W.bin`, and `W.null.avro`, `W.deflate.avro` when present), so the figures compare
/// with avro-c, Java Avro and fastavro on the same data. `generated-decode` reads them as the
/// types generated from the same schemas.
enum PeerData {
    static func run(directory: String, harness: inout Harness) throws {
        let base = URL(fileURLWithPath: directory)
        try run(Person.self, "person", base: base, harness: &harness)
        try run(Wide.self, "wide", base: base, harness: &harness)
        try run(Nested.self, "nested", base: base, harness: &harness)
    }

    /// The peers' bytes are checked by writing what was read back: the same bytes, but for the
    /// order of map entries.
    private static func run<T: Codable & Equatable & GeneratedTwin>(_ type: T.Type, _ workload: String, base: URL,
                                                                    harness: inout Harness) throws {
        let binURL = base.appendingPathComponent("\(workload).bin")
        guard FileManager.default.fileExists(atPath: binURL.path) else {
            FileHandle.standardError.write(Data("peer data: no \(binURL.path), skipped\n".utf8))
            return
        }
        let schema = try AvroSchema(parsing: String(contentsOf: base.appendingPathComponent("\(workload).avsc"), encoding: .utf8))
        let bytes = [UInt8](try Data(contentsOf: binURL))
        let decoder = AvroDecoder(schema: schema)
        let encoder = AvroEncoder(schema: schema)
        let count = try readRecords(in: bytes, count: 0) { try schema.skip(in: &$0) }.count
        let name = "peer-\(workload)"
        // What the decoder reads must write back to the peers' exact bytes.
        let decoded = try readRecords(in: bytes, count: count) { try decoder.decode(T.self, from: &$0) }
        var written: [UInt8] = []
        for value in decoded { try encoder.encode(value, into: &written) }
        // A map's entries come back in the Dictionary's order, not the peer's: the bytes written
        // back have the same length and read as the same values.
        guard written.count == bytes.count, try readRecords(in: written, count: count, { try decoder.decode(T.self, from: &$0) }) == decoded else {
            throw BenchmarkError(description: "\(binURL.path): the decoded records do not write back to its bytes")
        }
        try harness.measure(name, "codable-decode", records: count, avroBytes: bytes.count, check: Check.elements(decoded)) {
            try readRecords(in: bytes, count: count) { try decoder.decode(T.self, from: &$0) }
        }
        // The generated type's own schema, which must read the peers' bytes as written.
        guard T.Generated.avroSchema.canonicalForm == schema.canonicalForm else {
            throw BenchmarkError(description: "\(workload).avsc is not the schema of \(T.Generated.self)")
        }
        let generatedDecoder = AvroDecoder(schema: T.Generated.avroSchema)
        let generated = decoded.map(\.generated)
        try harness.measure(name, "generated-decode", records: count, avroBytes: bytes.count, check: Check.elements(generated)) {
            try readRecords(in: bytes, count: count) { try generatedDecoder.decode(T.Generated.self, from: &$0) }
        }
        try harness.measure(name, "value-decode", records: count, avroBytes: bytes.count, check: { (made: [AvroValue]) in
            var writer = AvroBinaryWriter(capacity: bytes.count)
            for value in made { try value.encode(to: &writer, as: schema) }
            try Check.elements(bytes)(writer.bytes)
        }) {
            try readRecords(in: bytes, count: count) { try AvroValue.decode(from: &$0, as: schema) }
        }
        // The container files fastavro wrote (64,000-byte blocks; deflate at level 6).
        for codec in ["null", "deflate"] {
            let fileURL = base.appendingPathComponent("\(workload).\(codec).avro")
            guard FileManager.default.fileExists(atPath: fileURL.path) else { continue }
            let file = try Data(contentsOf: fileURL)
            try harness.measure(name, "file-read-\(codec)", records: count, avroBytes: bytes.count, floor: "codable-decode",
                                check: Check.elements(decoded)) {
                try ContainerFiles.readAll(T.self, from: file)
            }
        }
    }
}
