import Foundation
import Testing
@testable import Avro

/// fastavro, a reference implementation, parses every derived schema and reads the bytes
/// `AvroEncoder()` writes with it. Skipped when `python3 -c "import fastavro"` fails.
@Suite struct DerivationFastavroTests {
    /// Whether python3 with fastavro is installed.
    static let isAvailable: Bool = (try? python(["-c", "import fastavro"]).status) == 0

    /// Runs python3 with `arguments`; returns its exit status and standard output.
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: isAvailable))
    func fastavroParsesEveryDerivedSchemaAndReadsTheValues() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swift-avro-derivation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for entry in Gallery.entries {
            try entry.derive().jsonString(pretty: true).write(to: directory.appendingPathComponent(entry.name + ".avsc"), atomically: true, encoding: .utf8)
            try Data(entry.firstSampleBytes()).write(to: directory.appendingPathComponent(entry.name + ".bin"))
        }
        let script = TestData.fixture("derivation/check_with_fastavro.py").path
        let (status, output) = try Self.python([script, directory.path])
        #expect(status == 0)
        var read: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { read[parts[0]] = parts[1] }
        }
        for entry in Gallery.entries {
            #expect(read[entry.name] == entry.fastavroJSON, "\(entry.name)")
        }
        #expect(read.count == Gallery.entries.count)
    }
}
