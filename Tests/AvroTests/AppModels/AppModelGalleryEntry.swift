import Foundation
import Testing
@testable import Avro

/// One model of the ``AppModelGallery``, erased: how to write its samples as datums and as
/// a container file, and how to check what fastavro wrote back.
struct AppModelGalleryEntry: Sendable, CustomTestStringConvertible {
    let name: String
    /// The derived schema, as JSON.
    let schemaJSON: @Sendable () throws -> String
    /// Each sample encoded with `AvroEncoder()`.
    let datums: @Sendable () throws -> [[UInt8]]
    /// The samples in a container file (deflate).
    let file: @Sendable () throws -> Data
    /// The samples that do not come back equal from `datums` (one per sample) and from a
    /// container file; each problem described.
    let mismatches: @Sendable (_ datums: [[UInt8]], _ file: Data) throws -> [String]

    var testDescription: String { name }

    init<T: Codable & Sendable>(_ type: T.Type, _ samples: [T], equal: @escaping @Sendable (T, T) -> Bool) {
        let name = String(describing: T.self)
        self.name = name
        schemaJSON = { try AvroSchema(deriving: T.self).jsonString(pretty: true) }
        datums = { try samples.map { try AvroEncoder().encodeBytes($0) } }
        file = {
            let writer = try AvroFileWriter<T>(codec: AvroDeflateCodec())
            try writer.append(contentsOf: samples)
            try writer.close()
            return writer.data
        }
        mismatches = { datums, file in
            var problems: [String] = []
            for (index, (sample, bytes)) in zip(samples, datums).enumerated() {
                let decoded = try AvroDecoder().decode(T.self, from: bytes)
                if !equal(decoded, sample) { problems.append("\(name) datum \(index): \(sample) came back as \(decoded)") }
            }
            if datums.count != samples.count { problems.append("\(name): \(datums.count) datums for \(samples.count) samples") }
            let read = try Array(AvroFileReader<T>(data: file))
            if read.count != samples.count || !zip(read, samples).allSatisfy(equal) {
                problems.append("\(name) file: \(samples) came back as \(read)")
            }
            return problems
        }
    }

    init<T: Codable & Equatable & Sendable>(_ type: T.Type, _ samples: [T]) {
        self.init(type, samples, equal: ==)
    }
}
