// AvroBenchmarks: swift-avro's speed side by side with a hand-written Avro loop (the floor)
// and Foundation's JSON coders, on the workloads of ../shared/bench-peers.
//
//   swift run -c release AvroBenchmarks [--filter TEXT] [--scale X] [--runs N] [--json] [--peer-data DIR]
//   swift run -c release AvroBenchmarks --memory [--json]   (only the 1 GiB container-file memory benchmark)
import Avro
import BenchmarkTypes
import Foundation

var filter: String?
var scale = 1.0
var runs = 5
var emitJSON = false
var peerData: String?
var runsMemory = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--filter": filter = arguments.next()
    case "--scale": scale = arguments.next().flatMap(Double.init) ?? scale
    case "--runs": runs = arguments.next().flatMap(Int.init) ?? runs
    case "--json": emitJSON = true
    case "--peer-data": peerData = arguments.next()
    case "--memory": runsMemory = true
    case "--help", "-h":
        print("usage: AvroBenchmarks [--filter TEXT] [--scale X] [--runs N] [--json] [--peer-data DIR] | --memory [--json]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

var harness = Harness(filter: filter, runs: max(1, runs))
if runsMemory {
    do {
        try MemoryBenchmark.run(harness: &harness)
        try harness.report(json: emitJSON)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("AvroBenchmarks: \(error)\n".utf8))
        exit(1)
    }
}

/// Measures every operation of one workload of Codable type `T`.
@MainActor
func run<T: Codable & Equatable & GeneratedTwin>(_ workload: String, _ values: [T], schema: AvroSchema, arrayLength: Int,
                                                 floorEncode: (T, inout FloorWriter) -> Void,
                                                 floorDecode: (inout FloorReader) throws -> T) throws {
    let encoder = AvroEncoder(schema: schema)
    let decoder = AvroDecoder(schema: schema)
    var all: [UInt8] = []
    for value in values { try encoder.encode(value, into: &all) }
    let count = values.count
    let size = all.count
    FileHandle.standardError.write(Data("\(workload): \(count) records, \(size) bytes of Avro\n".utf8))

    // Writing into one reused buffer, as the C and Java figures do: the bytes must be the
    // encoder's, byte for byte.
    var buffer: [UInt8] = []
    buffer.reserveCapacity(size)
    try harness.measure(workload, "floor-encode", records: count, avroBytes: size, check: Check.elements(all)) {
        var writer = FloorWriter(reusing: buffer)
        writer.bytes.removeAll(keepingCapacity: true)
        for value in values { floorEncode(value, &writer) }
        buffer = writer.bytes
        return buffer
    }
    try harness.measure(workload, "codable-encode", records: count, avroBytes: size, floor: "floor-encode", check: Check.elements(all)) {
        buffer.removeAll(keepingCapacity: true)
        for value in values { try encoder.encode(value, into: &buffer) }
        return buffer
    }
    // The type generated from the schema, through the same encoder: the direct binary path.
    let generated = values.map(\.generated)
    try harness.measure(workload, "generated-encode", records: count, avroBytes: size, floor: "floor-encode", check: Check.elements(all)) {
        buffer.removeAll(keepingCapacity: true)
        for value in generated { try encoder.encode(value, into: &buffer) }
        return buffer
    }
    // A new buffer per record.
    let records = try values.map { try encoder.encode($0) }
    try harness.measure(workload, "floor-encode-data", records: count, avroBytes: size, check: Check.elements(records)) {
        var made: [Data] = []
        made.reserveCapacity(count)
        for value in values {
            var writer = FloorWriter(reusing: [])
            floorEncode(value, &writer)
            made.append(Data(writer.bytes))
        }
        return made
    }
    try harness.measure(workload, "codable-encode-data", records: count, avroBytes: size, floor: "floor-encode-data", check: Check.elements(records)) {
        var made: [Data] = []
        made.reserveCapacity(count)
        for value in values { made.append(try encoder.encode(value)) }
        return made
    }
    // Decoding one record per call from the concatenated bytes, values materialized.
    try harness.measure(workload, "floor-decode", records: count, avroBytes: size, check: Check.elements(values)) {
        try all.withUnsafeBufferPointer { buffer in
            var reader = FloorReader(buffer)
            var decoded: [T] = []
            decoded.reserveCapacity(count)
            while !reader.isAtEnd { decoded.append(try floorDecode(&reader)) }
            return decoded
        }
    }
    try harness.measure(workload, "codable-decode", records: count, avroBytes: size, floor: "floor-decode", check: Check.elements(values)) {
        try readRecords(in: all, count: count) { try decoder.decode(T.self, from: &$0) }
    }
    try harness.measure(workload, "generated-decode", records: count, avroBytes: size, floor: "floor-decode", check: Check.elements(generated)) {
        try readRecords(in: all, count: count) { try decoder.decode(T.Generated.self, from: &$0) }
    }
    // What Codable alone costs: the same values through coders that do nothing (only how
    // many values went through can be checked).
    try harness.measure(workload, "codable-overhead-encode", records: count, avroBytes: size, floor: "floor-encode", check: Check.value(count)) {
        var encoded = 0
        for value in values {
            try value.encode(to: NullEncoder())
            encoded &+= 1
        }
        return encoded
    }
    try harness.measure(workload, "codable-overhead-decode", records: count, avroBytes: size, floor: "floor-decode",
                        check: { (made: [T]) in try Check.value(count)(made.count) }) {
        var made: [T] = []
        made.reserveCapacity(count)
        for _ in 0..<count { made.append(try T(from: ZeroDecoder(items: arrayLength))) }
        return made
    }
    // The dynamic AvroValue.
    let dynamic: [AvroValue] = try all.withUnsafeBytes { buffer in
        var reader = AvroBinaryReader(buffer)
        return try (0..<count).map { _ in try AvroValue.decode(from: &reader, as: schema) }
    }
    try harness.measure(workload, "value-encode", records: count, avroBytes: size, floor: "floor-encode", check: Check.elements(all)) {
        var writer = AvroBinaryWriter(capacity: size)
        for value in dynamic { try value.encode(to: &writer, as: schema) }
        return writer.bytes
    }
    try harness.measure(workload, "value-decode", records: count, avroBytes: size, floor: "floor-decode", check: Check.elements(dynamic)) {
        try readRecords(in: all, count: count) { try AvroValue.decode(from: &$0, as: schema) }
    }
    // Foundation JSON on the same structs: one Data per record, as a JSON user would.
    let jsonEncoder = JSONEncoder()
    let jsonDecoder = JSONDecoder()
    let jsonRecords = try values.map { try jsonEncoder.encode($0) }
    // JSONEncoder writes a dictionary's keys in no fixed order: the JSON is checked by reading it.
    try harness.measure(workload, "json-encode", records: count, avroBytes: size,
                        check: { (made: [Data]) in try Check.elements(values)(made.map { try jsonDecoder.decode(T.self, from: $0) }) }) {
        var made: [Data] = []
        made.reserveCapacity(count)
        for value in values { made.append(try jsonEncoder.encode(value)) }
        return made
    }
    try harness.measure(workload, "json-decode", records: count, avroBytes: size, check: Check.elements(values)) {
        var decoded: [T] = []
        decoded.reserveCapacity(count)
        for record in jsonRecords { decoded.append(try jsonDecoder.decode(T.self, from: record)) }
        return decoded
    }
    try ContainerFiles.run(workload, values, generated, schema: schema, avroBytes: size, harness: &harness)
}

// A wrong result (or any failure) ends the run with one line on standard error and no table.
do {
    let people = Workloads.people(Int(1_000_000 * scale))
    try run("person", people, schema: Schemas.person, arrayLength: 0, floorEncode: Floor.encode, floorDecode: Floor.decodePerson)
    try run("wide", Workloads.wides(Int(200_000 * scale)), schema: Schemas.wide, arrayLength: 8, floorEncode: Floor.encode, floorDecode: Floor.decodeWide)
    try run("nested", Workloads.nesteds(Int(20_000 * scale)), schema: Schemas.nested, arrayLength: 50, floorEncode: Floor.encode, floorDecode: Floor.decodeNested)

    // Resolving decode: person data written with the old schema, read as PersonV2 (a renamed
    // field through an alias, an added field with a default, int widened to long).
    do {
        let writerSchema = Schemas.person
        let readerSchema = try AvroSchema(parsing: personReaderSchema)
        var all: [UInt8] = []
        let encoder = AvroEncoder(schema: writerSchema)
        for person in people { try encoder.encode(person, into: &all) }
        // The baseline: the same PersonV2 values decoded from bytes written with the reader's
        // schema, so that the ratio is the cost of resolution alone.
        var current: [UInt8] = []
        let currentEncoder = AvroEncoder(schema: readerSchema)
        for person in people {
            try currentEncoder.encode(PersonV2(fullName: person.name, age: Int64(person.age), email: person.email, country: "NL"), into: &current)
        }
        // Every row reads the same PersonV2 values: the name through its alias, the age widened,
        // the country the reader schema's default.
        let expected = people.map { PersonV2(fullName: $0.name, age: Int64($0.age), email: $0.email, country: "NL") }
        let plain = AvroDecoder(schema: readerSchema)
        try harness.measure("person", "codable-decode-v2", records: people.count, avroBytes: current.count, check: Check.elements(expected)) {
            try readRecords(in: current, count: people.count) { try plain.decode(PersonV2.self, from: &$0) }
        }
        let resolving = try AvroDecoder(schema: readerSchema).resolving(writerSchema: writerSchema)
        try harness.measure("person", "resolving-decode", records: people.count, avroBytes: all.count, floor: "codable-decode-v2",
                            check: Check.elements(expected)) {
            try readRecords(in: all, count: people.count) { try resolving.decode(PersonV2.self, from: &$0) }
        }
        // The writer schema passed with every call: found again by comparing schemas.
        try harness.measure("person", "resolving-decode-per-call", records: people.count, avroBytes: all.count, floor: "codable-decode-v2",
                            check: Check.elements(expected)) {
            try readRecords(in: all, count: people.count) { try plain.decode(PersonV2.self, from: &$0, writerSchema: writerSchema) }
        }
    }

    // Schema derivation: the first call for a type, then the cached one.
    do {
        let start = ContinuousClock.now
        let derived = try AvroSchema(deriving: Wide.self)
        let first = ContinuousClock.now - start
        FileHandle.standardError.write(Data("derivation: first call for Wide \(first)\n".utf8))
        // Every cached call must give the schema the first one derived.
        try harness.measure("wide", "derive-cached", records: 100_000, avroBytes: 0,
                            check: { (made: [AvroSchema]) in try Check.value(true)(made.count == 100_000 && made.allSatisfy { $0 == derived }) }) {
            var made: [AvroSchema] = []
            made.reserveCapacity(100_000)
            for _ in 0..<100_000 { made.append(try AvroSchema(deriving: Wide.self)) }
            return made
        }
    }

    if let peerData { try PeerData.run(directory: peerData, harness: &harness) }

    try harness.report(json: emitJSON)
} catch {
    FileHandle.standardError.write(Data("AvroBenchmarks: \(error)\n".utf8))
    exit(1)
}
