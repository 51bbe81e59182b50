import Foundation
import Testing
@testable import Avro

/// fastavro, a reference implementation, parses every derived schema and reads the bytes
/// `AvroEncoder()` writes with it. Skipped when `python3 -c "import fastavro"` fails.
@Suite struct DerivationFastavroTests {
    static var isAvailable: Bool { PythonPeer.fastavroIsInstalled }


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
        let (status, output) = try PythonPeer.runText([script, directory.path])
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
