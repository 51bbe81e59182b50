import Avro
import Foundation

/// `--peer-data DIR`: decodes the exact bytes ../shared/bench-peers/run.sh generated
/// (`W.avsc`, `W.bin`), so the figures compare with avro-c, Java Avro and fastavro on the
/// same data.
enum PeerData {
    static func run(directory: String, harness: inout Harness) throws {
        let base = URL(fileURLWithPath: directory)
        for workload in ["person", "wide", "nested"] {
            let schemaURL = base.appendingPathComponent("\(workload).avsc")
            let binURL = base.appendingPathComponent("\(workload).bin")
            guard FileManager.default.fileExists(atPath: binURL.path) else {
                FileHandle.standardError.write(Data("peer data: no \(binURL.path), skipped\n".utf8))
                continue
            }
            let schema = try AvroSchema(parsing: String(contentsOf: schemaURL, encoding: .utf8))
            let bytes = [UInt8](try Data(contentsOf: binURL))
            let decoder = AvroDecoder(schema: schema)
            let count = try bytes.withUnsafeBytes { buffer in
                var reader = AvroBinaryReader(buffer)
                var records = 0
                while !reader.isAtEnd {
                    try schema.skip(in: &reader)
                    records += 1
                }
                return records
            }
            func decodeAll<T: Decodable>(_ type: T.Type) throws -> Int {
                try bytes.withUnsafeBytes { buffer in
                    var reader = AvroBinaryReader(buffer)
                    var decoded = 0
                    while !reader.isAtEnd {
                        _ = try decoder.decode(type, from: &reader)
                        decoded &+= 1
                    }
                    return decoded
                }
            }
            try harness.measure("peer-\(workload)", "codable-decode", records: count, avroBytes: bytes.count) {
                switch workload {
                case "person": try decodeAll(Person.self)
                case "wide": try decodeAll(Wide.self)
                default: try decodeAll(Nested.self)
                }
            }
            try harness.measure("peer-\(workload)", "value-decode", records: count, avroBytes: bytes.count) {
                try bytes.withUnsafeBytes { buffer in
                    var reader = AvroBinaryReader(buffer)
                    var decoded = 0
                    while !reader.isAtEnd {
                        _ = try AvroValue.decode(from: &reader, as: schema)
                        decoded &+= 1
                    }
                    return decoded
                }
            }
        }
    }
}
