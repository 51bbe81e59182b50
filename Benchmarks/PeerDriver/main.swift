// swift-avro's generated types as one more peer of ../shared/bench-peers: the same data files,
// the same timing (warm-up passes, then the best of REPS passes, each pass's output released
// before the next) and the same "RESULT {json}" lines, so that report.py puts the rows beside
// avro-c's and Java's. Built and run by Benchmarks/scripts/bench-peers-generated.sh, which
// generates the workload types from the peers' own .avsc files with the AvroGenerate plugin.
//
//   GeneratedPeer DATADIR REPS WARMUP workload:N [workload:N ...]
import Avro
import Foundation

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

struct DriverError: Error, CustomStringConvertible {
    var description: String
}

/// Runs `pass` WARMUP + REPS times; the times of the last REPS passes and the last output.
func measure<Output>(warmUp: Int, reps: Int, _ pass: () throws -> Output) throws -> (times: [Double], output: Output) {
    var times: [Double] = []
    var output: Output?
    for index in 0..<(warmUp + reps) {
        output = nil
        let start = now()
        let made = try pass()
        let elapsed = now() - start
        output = made
        if index >= warmUp { times.append(Double(elapsed) / 1e9) }
    }
    guard let output else { throw DriverError(description: "no pass ran") }
    return (times, output)
}

func emit(_ workload: String, _ op: String, records: Int, bytes: Int, _ times: [Double], _ extra: String) {
    let best = times.min() ?? 0
    let runs = times.map { String(format: "%.6f", $0) }.joined(separator: ", ")
    print("RESULT {\"peer\": \"swift-avro-generated\", \"workload\": \"\(workload)\", \"op\": \"\(op)\", \"n\": \(records), "
        + "\"avro_bytes\": \(bytes), \"best_s\": \(String(format: "%.9f", best)), \"runs_s\": [\(runs)], "
        + "\"ns_per_rec\": \(String(format: "%.3f", best * 1e9 / Double(records))), "
        + "\"mb_s\": \(String(format: "%.3f", Double(bytes) / best / 1e6)), \(extra)}")
}

// The checksums bench-peers' expected.json holds (benchcommon.checksum's definitions).
func checksum(_ people: [BenchPerson]) -> String {
    var ages: Int64 = 0, text = 0
    for person in people { ages += Int64(person.age); text += person.name.utf8.count + person.email.utf8.count }
    return "{\"n\": \(people.count), \"sum_age\": \(ages), \"str_bytes\": \(text)}"
}

func checksum(_ wides: [BenchWide]) -> String {
    var ids: Int64 = 0, tags: Int64 = 0, attrs: Int64 = 0, created: Int64 = 0
    var kinds = 0, active = 0, nicknames = 0, text = 0
    var floats = 0.0
    for wide in wides {
        ids += wide.id
        floats += wide.score
        floats += Double(wide.ratio)
        if wide.active { active += 1 }
        text += wide.name.utf8.count
        if let nickname = wide.nickname { nicknames += 1; text += nickname.utf8.count }
        kinds += BenchKind.allCases.firstIndex(of: wide.kind) ?? 0
        for tag in wide.tags { tags += Int64(tag) }
        for (key, value) in wide.attrs { text += key.utf8.count; attrs += value }
        created += Int64((wide.created.timeIntervalSince1970 * 1000).rounded())
        floats += wide.location.lat
        floats += wide.location.lon
    }
    return "{\"n\": \(wides.count), \"sum_id\": \(ids), \"sum_tags\": \(tags), \"sum_attr\": \(attrs), "
        + "\"sum_created\": \(created), \"sum_kind\": \(kinds), \"n_active\": \(active), "
        + "\"n_nick\": \(nicknames), \"str_bytes\": \(text), \"sum_f\": \(floats)}"
}

func checksum(_ nesteds: [BenchNested]) -> String {
    var items = 0, values: Int64 = 0, text = 0
    for nested in nesteds { for item in nested.items { items += 1; values += item.v; text += item.k.utf8.count } }
    return "{\"n\": \(nesteds.count), \"n_items\": \(items), \"sum_v\": \(values), \"str_bytes\": \(text)}"
}

/// Decodes `count` records of `T` from DATADIR/W.bin into an array and encodes them back into
/// one reused buffer, through AvroDecoder and AvroEncoder as an app calls them.
func run<T: AvroBinaryCodable & Equatable>(_ type: T.Type, _ workload: String, count: Int, directory: String, warmUp: Int, reps: Int,
                                           checksum: ([T]) -> String) throws {
    let file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(workload).bin")))
    // The bytes of the first `count` records.
    let size = try file.withUnsafeBytes { buffer in
        var reader = AvroBinaryReader(buffer)
        for _ in 0..<count { try T.avroSchema.skip(in: &reader) }
        return reader.offset
    }
    let bytes = Array(file[..<size])
    let decoder = AvroDecoder(schema: T.avroSchema)
    let encoder = AvroEncoder(schema: T.avroSchema)
    let (decodeTimes, records) = try measure(warmUp: warmUp, reps: reps) {
        try bytes.withUnsafeBytes { buffer in
            var reader = AvroBinaryReader(buffer)
            var records: [T] = []
            records.reserveCapacity(count)
            for _ in 0..<count { records.append(try decoder.decode(T.self, from: &reader)) }
            return records
        }
    }
    emit(workload, "datum-decode", records: count, bytes: size, decodeTimes, "\"cs\": \(checksum(records))")
    var buffer: [UInt8] = []
    buffer.reserveCapacity(bytes.count)
    let (encodeTimes, encoded) = try measure(warmUp: warmUp, reps: reps) {
        buffer.removeAll(keepingCapacity: true)
        for record in records { try encoder.encode(record, into: &buffer) }
        return buffer
    }
    // A map's entries are written in the Dictionary's order: the same length, and the same
    // records when read back, for wide.
    let reread = try encoded.withUnsafeBytes { buffer in
        var reader = AvroBinaryReader(buffer)
        return try (0..<count).map { _ in try decoder.decode(T.self, from: &reader) }
    }
    emit(workload, "datum-encode", records: count, bytes: size, encodeTimes,
         "\"bytes_equal\": \(encoded == bytes), \"len_equal\": \(encoded.count == bytes.count), \"cs_reencoded\": \(checksum(reread)), \"equal\": \(reread == records)")
}

let arguments = CommandLine.arguments
guard arguments.count >= 5, let reps = Int(arguments[2]), let warmUp = Int(arguments[3]), reps > 0 else {
    FileHandle.standardError.write(Data("usage: GeneratedPeer DATADIR REPS WARMUP workload:N [workload:N ...]\n".utf8))
    exit(2)
}
for spec in arguments.dropFirst(4) {
    let parts = spec.split(separator: ":")
    guard parts.count == 2, let count = Int(parts[1]) else { continue }
    switch parts[0] {
    case "person": try run(BenchPerson.self, "person", count: count, directory: arguments[1], warmUp: warmUp, reps: reps, checksum: checksum)
    case "wide": try run(BenchWide.self, "wide", count: count, directory: arguments[1], warmUp: warmUp, reps: reps, checksum: checksum)
    case "nested": try run(BenchNested.self, "nested", count: count, directory: arguments[1], warmUp: warmUp, reps: reps, checksum: checksum)
    default: FileHandle.standardError.write(Data("unknown workload \(parts[0])\n".utf8))
    }
}
