import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run that did not do the work it was asked to.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
}

/// The checks of what a measured pass made.
enum Check {
    /// `output` must be `expected`, element for element (values, or bytes).
    static func elements<T: Equatable>(_ expected: [T]) -> ([T]) throws -> Void {
        { output in
            guard output.count == expected.count else {
                throw BenchmarkError(description: "\(output.count) elements made, \(expected.count) expected")
            }
            if let index = output.indices.first(where: { output[$0] != expected[$0] }) {
                throw BenchmarkError(description: "element \(index) is \(output[index]), \(expected[index]) expected")
            }
        }
    }

    /// `output` must be `expected`.
    static func value<T: Equatable>(_ expected: T) -> (T) throws -> Void {
        { output in
            guard output == expected else { throw BenchmarkError(description: "made \(output), \(expected) expected") }
        }
    }
}

/// One measured operation: a full pass over a workload, repeated; the median pass counts.
struct Measurement: Codable {
    let workload: String
    let operation: String
    let records: Int
    let avroBytes: Int
    let medianSeconds: Double
    let passes: [Double]
    /// The operation this one is compared with for the "× floor" column.
    var floor: String?
    var ratioToFloor: Double?
    var ratioToJSON: Double?
    let peakRSSMegabytes: Double
    /// The codec-only operation (compressing or decompressing the same blocks) whose time is
    /// added to the floor's for the "× datum+codec" column of container-file operations.
    var codec: String?
    var ratioToDatumPlusCodec: Double?

    var nanosecondsPerRecord: Double { medianSeconds * 1e9 / Double(records) }
    var megabytesPerSecond: Double { Double(avroBytes) / medianSeconds / 1e6 }
}

struct Harness {
    var filter: String?
    var runs: Int
    var measurements: [Measurement] = []

    /// Runs `pass` (one pass over the workload, returning what it made: the decoded values,
    /// the encoded bytes) once to warm up, then `runs` times, and records the median time.
    /// Every pass's output goes to `check` after its clock stops, so nothing it makes can be
    /// optimised away and a wrong result stops the benchmark before any figure is printed.
    /// The peak RSS is reset before the row (where the system allows), so it is the row's own.
    mutating func measure<Output>(_ workload: String, _ operation: String, records: Int, avroBytes: Int, floor: String? = nil,
                                  codec: String? = nil, check: (Output) throws -> Void, _ pass: () throws -> Output) throws {
        let name = "\(workload)/\(operation)"
        if let filter, !name.contains(filter) { return }
        _ = Self.resetPeakRSS()
        func verify(_ output: Output) throws {
            do {
                try check(output)
            } catch {
                throw BenchmarkError(description: "\(name): \(error)")
            }
        }
        try verify(try pass())
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let output = try pass()
            times.append(Self.seconds(ContinuousClock.now - start))
            try verify(output)
        }
        let median = times.sorted()[times.count / 2]
        record(Measurement(workload: workload, operation: operation, records: records, avroBytes: avroBytes,
                           medianSeconds: median, passes: times, floor: floor, peakRSSMegabytes: Self.peakRSS(), codec: codec))
    }

    /// Adds a measurement taken elsewhere (a single pass, like the memory benchmark's).
    mutating func record(_ measurement: Measurement) {
        measurements.append(measurement)
        FileHandle.standardError.write(Data(String(format: "  %-34@ %10.1f ns/record\n", "\(measurement.workload)/\(measurement.operation)" as NSString,
                                                   measurement.nanosecondsPerRecord).utf8))
    }

    /// Fills the ratio columns: to the floor named by each measurement, and how many times
    /// faster than Foundation JSON doing the same direction.
    private mutating func computeRatios() {
        func find(_ workload: String, _ operation: String) -> Measurement? {
            measurements.first { $0.workload == workload && $0.operation == operation }
        }
        for index in measurements.indices {
            let measurement = measurements[index]
            if let floor = measurement.floor, let base = find(measurement.workload, floor) {
                measurements[index].ratioToFloor = measurement.medianSeconds / base.medianSeconds
                if let codec = measurement.codec, let codecTime = find(measurement.workload, codec) {
                    measurements[index].ratioToDatumPlusCodec = measurement.medianSeconds / (base.medianSeconds + codecTime.medianSeconds)
                }
            }
            let json = measurement.operation.contains("decode") || measurement.operation.contains("read") ? "json-decode" : "json-encode"
            let isBaseline = measurement.operation.hasPrefix("json") || measurement.operation.hasPrefix("codec-")
            if !isBaseline, let base = find(measurement.workload, json) {
                measurements[index].ratioToJSON = base.medianSeconds / measurement.medianSeconds
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// The peak resident set size in MB: since the last ``resetPeakRSS()`` on Linux (the
    /// process's `VmHWM`), of the whole process elsewhere.
    static func peakRSS() -> Double {
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kilobytes / 1024
        }
        #endif
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    /// Resets the peak resident set size to the current one (Linux: `/proc/self/clear_refs`),
    /// so that ``peakRSS()`` then measures a phase on its own. Returns whether it could.
    static func resetPeakRSS() -> Bool {
        #if os(Linux)
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        let written = fputs("5", file) >= 0
        return fclose(file) == 0 && written
        #else
        return false
        #endif
    }

    /// Prints the measurements with their ratios: a markdown table, or JSON.
    mutating func report(json: Bool) throws {
        computeRatios()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(measurements), as: UTF8.self))
        } else {
            print(table())
        }
    }

    func table() -> String {
        var lines = ["| workload | operation | ns/record | MB/s | × floor | × datum+codec | × faster than JSON | row's peak RSS MB |",
                     "|---|---|---:|---:|---:|---:|---:|---:|"]
        for m in measurements {
            let floor = m.ratioToFloor.map { String(format: "%.2f", $0) } ?? ""
            let codec = m.ratioToDatumPlusCodec.map { String(format: "%.2f", $0) } ?? ""
            let json = m.ratioToJSON.map { String(format: "%.1f", $0) } ?? ""
            lines.append(String(format: "| %@ | %@ | %.1f | %.1f | %@ | %@ | %@ | %.0f |", m.workload, m.operation, m.nanosecondsPerRecord,
                                m.megabytesPerSecond, floor, codec, json, m.peakRSSMegabytes))
        }
        return lines.joined(separator: "\n")
    }
}
