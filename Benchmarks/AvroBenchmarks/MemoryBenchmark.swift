import Avro
import Foundation

/// `--memory`: writes a container file of at least 1 GiB of person records (null codec) to
/// /tmp, generating them as it goes, then stream-reads it with AvroFileReader<Person>, counting
/// the records; records the elapsed time and the peak RSS of each phase, and deletes the file.
enum MemoryBenchmark {
    static let targetBytes = 1 << 30
    /// Records generated and appended at a time, so the whole data set is never in memory.
    static let chunk = 100_000

    static func run(harness: inout Harness) throws {
        let url = URL(fileURLWithPath: "/tmp/avro-memory-benchmark-\(ProcessInfo.processInfo.processIdentifier).avro")
        defer { try? FileManager.default.removeItem(at: url) }
        let schema = Schemas.person
        let startRSS = Harness.peakRSS()

        let writeStart = ContinuousClock.now
        let writer = try AvroFileWriter<Person>(url: url, schema: schema, codec: AvroNullCodec())
        var random = Generator(seed: Workloads.personSeed)
        var written = 0
        var writtenAges = 0
        while try fileSize(url) < targetBytes {
            let people = (0..<chunk).map { _ in Workloads.person(&random) }
            for person in people { writtenAges &+= Int(person.age) }
            try writer.append(contentsOf: people)
            written += chunk
        }
        try writer.close()
        let writeSeconds = Harness.seconds(ContinuousClock.now - writeStart)
        let size = try fileSize(url)
        harness.record(Measurement(workload: "memory", operation: "file-write-null-1GiB", records: written, avroBytes: size,
                                   medianSeconds: writeSeconds, passes: [writeSeconds], peakRSSMegabytes: Harness.peakRSS()))

        // The read phase's own peak, where the system can reset it.
        let reset = Harness.resetPeakRSS()
        let readStart = ContinuousClock.now
        let reader = try AvroFileReader<Person>(url: url)
        var read = 0
        var ages = 0
        while let person = try reader.next() {
            read &+= 1
            ages &+= Int(person.age)
        }
        let readSeconds = Harness.seconds(ContinuousClock.now - readStart)
        guard read == written, ages == writtenAges else {
            throw BenchmarkError(description: "memory: \(read) records read (ages adding up to \(ages)), \(written) written (\(writtenAges))")
        }
        harness.record(Measurement(workload: "memory", operation: "file-read-null-1GiB", records: read, avroBytes: size,
                                   medianSeconds: readSeconds, passes: [readSeconds], peakRSSMegabytes: Harness.peakRSS()))
        FileHandle.standardError.write(Data("""
            memory: \(written) records, \(size) bytes (null codec), sum of ages \(ages); peak RSS at start \
            \(String(format: "%.1f", startRSS)) MB; read-phase peak \(reset ? "reset before reading" : "not reset (includes writing)")

            """.utf8))
    }

    private static func fileSize(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = (attributes[.size] as? NSNumber)?.intValue else { throw BenchmarkError(description: "no size for \(url.path)") }
        return size
    }
}
