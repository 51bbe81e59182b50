// Swift types generated from .avsc files at build time, used as any Swift value.
//
// The three schema files beside this one become `Observation`, `Sky` and `Wind` when the
// package builds: the target applies the AvroGenerate plugin (see Package.swift), which runs
// `avro generate` on every .avsc of the target. The types are Codable, Hashable and Sendable,
// carry their schemas, and are written and read by the direct binary path.
//
//   swift run GeneratedTypes
import Avro
import Foundation

let observations = [
    Observation(station: "DE-BILT", time: Date(timeIntervalSince1970: 1_767_225_600), temperature: 3.5,
                wind: Wind(speed: 4.5, direction: 270)),
    Observation(station: "DE-BILT", time: Date(timeIntervalSince1970: 1_767_229_200), temperature: 2.0,
                sky: .snow, remark: .string("first snow")),
    Observation(station: "VALKENBURG", time: Date(timeIntervalSince1970: 1_767_229_200), temperature: 4.25,
                sky: .cloudy, remark: .long(12)),
]

// One datum: the encoder and decoder take the generated type's schema.
let encoder = AvroEncoder(schema: Observation.avroSchema)
let bytes = try encoder.encode(observations[1])
let decoded = try AvroDecoder(schema: Observation.avroSchema).decode(Observation.self, from: bytes)
print("one observation: \(bytes.count) bytes; read back equal: \(decoded == observations[1])")

// A container file, written and read back with the generated types.
let url = FileManager.default.temporaryDirectory.appendingPathComponent("observations-\(ProcessInfo.processInfo.processIdentifier).avro")
defer { try? FileManager.default.removeItem(at: url) }
let writer = try AvroFileWriter<Observation>(url: url, codec: AvroDeflateCodec())
for observation in observations { try writer.append(observation) }
try writer.close()
let reader = try AvroFileReader<Observation>(url: url)
let read = Array(reader)
if let error = reader.error { throw error }
print("file: \(read.count) observations; equal: \(read == observations)")
for observation in read {
    let wind = observation.wind.map { "wind \($0.speed) m/s from \($0.direction)°" } ?? "no wind"
    print("  \(observation.station) \(observation.temperature) °C, \(observation.sky), \(wind)")
}

// The schema each type carries is the .avsc text's schema, and derivation gives it back.
print("derived schema equals the .avsc: \(try AvroSchema(deriving: Observation.self) == Observation.avroSchema)")
