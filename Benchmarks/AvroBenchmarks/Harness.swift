import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    var nanosecondsPerRecord: Double { medianSeconds * 1e9 / Double(records) }
    var megabytesPerSecond: Double { Double(avroBytes) / medianSeconds / 1e6 }
}

struct Harness {
    var filter: String?
    var runs: Int
    var measurements: [Measurement] = []

    /// Runs `pass` (one pass over the workload; returns a checksum so nothing is optimised
    /// away) once to warm up, then `runs` times, and records the median.
    mutating func measure(_ workload: String, _ operation: String, records: Int, avroBytes: Int, floor: String? = nil,
                          _ pass: () throws -> Int) rethrows {
        let name = "\(workload)/\(operation)"
        if let filter, !name.contains(filter) { return }
        var sink = try pass()
        var times: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            sink &+= try pass()
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        if sink == 42 { print("", terminator: "") } // keep the checksum alive
        let median = times.sorted()[times.count / 2]
        measurements.append(Measurement(workload: workload, operation: operation, records: records, avroBytes: avroBytes,
                                        medianSeconds: median, passes: times, floor: floor, peakRSSMegabytes: Self.peakRSS()))
        FileHandle.standardError.write(Data(String(format: "  %-34@ %10.1f ns/record\n", name as NSString, median * 1e9 / Double(records)).utf8))
    }

    /// Fills the ratio columns: to the floor named by each measurement, and how many times
    /// faster than Foundation JSON doing the same direction.
    mutating func computeRatios() {
        func find(_ workload: String, _ operation: String) -> Measurement? {
            measurements.first { $0.workload == workload && $0.operation == operation }
        }
        for index in measurements.indices {
            let measurement = measurements[index]
            if let floor = measurement.floor, let base = find(measurement.workload, floor) {
                measurements[index].ratioToFloor = measurement.medianSeconds / base.medianSeconds
            }
            let json = measurement.operation.contains("decode") || measurement.operation.contains("read") ? "json-decode" : "json-encode"
            if !measurement.operation.hasPrefix("json"), let base = find(measurement.workload, json) {
                measurements[index].ratioToJSON = base.medianSeconds / measurement.medianSeconds
            }
        }
    }

    /// The peak resident set size of the process so far, in MB.
    static func peakRSS() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        return Double(usage.ru_maxrss) / 1024
        #else
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    func table() -> String {
        var lines = ["| workload | operation | ns/record | MB/s | × floor | × faster than JSON | peak RSS MB |", "|---|---|---:|---:|---:|---:|---:|"]
        for m in measurements {
            let floor = m.ratioToFloor.map { String(format: "%.2f", $0) } ?? ""
            let json = m.ratioToJSON.map { String(format: "%.1f", $0) } ?? ""
            lines.append(String(format: "| %@ | %@ | %.1f | %.1f | %@ | %@ | %.0f |", m.workload, m.operation, m.nanosecondsPerRecord,
                                m.megabytesPerSecond, floor, json, m.peakRSSMegabytes))
        }
        return lines.joined(separator: "\n")
    }
}
