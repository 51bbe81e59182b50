import Foundation
import Testing
@testable import Avro

/// `avro tojson` prints what fastavro's JSON writer prints for the same files, compared as
/// parsed JSON values (floats written with fewer digits compare equal when they round to the
/// same float32). The script is `Fixtures/cli/fastavro_tojson.py`. Skipped when `python3`
/// cannot import fastavro.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIFastavroTests {
    /// Whether `python3` can import fastavro.
    static let isAvailable = PythonPeer.fastavroIsInstalled

    /// fastavro's records of each file (`nil` where fastavro cannot read or write it), by path.
    static func fastavroRecords(_ paths: [String]) throws -> [String: [AvroJSON]?] {
        let script = TestData.fixture("cli/fastavro_tojson.py").path
        let result = try PythonPeer.run([script] + paths)
        #expect(result.status == 0)
        let object = try #require(AvroJSON(parsing: [UInt8](result.output)).objectValue)
        var records: [String: [AvroJSON]?] = [:]
        for (path, outcome) in object {
            records[path] = outcome["records"]?.arrayValue
        }
        return records
    }

    /// Compares our `tojson` of `path` with fastavro's records; returns whether it compared.
    @discardableResult
    static func expectSameRecords(_ path: String, _ expected: [AvroJSON]?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        guard let expected else { return false }
        let result = try CLITool.run(["tojson", path])
        #expect(result.status == 0, "\(path): \(result.errorText)", sourceLocation: sourceLocation)
        let ours = try result.lines.map { try AvroJSON(parsing: $0) }
        #expect(ours.count == expected.count, "\(path)", sourceLocation: sourceLocation)
        for (index, (mine, theirs)) in zip(ours, expected).enumerated() where !Self.sameAvroJSON(mine, theirs) {
            Issue.record("\(path) record \(index): avro tojson gives \(mine), fastavro \(theirs)", sourceLocation: sourceLocation)
            break
        }
        return true
    }

    /// Whether two JSON values are the same Avro JSON: numbers compare by value, and also as
    /// equal when they round to the same `Float` (a float32 written with fewer digits by one
    /// side); everything else compares exactly, objects in order.
    static func sameAvroJSON(_ lhs: AvroJSON, _ rhs: AvroJSON) -> Bool {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer, .double), (.double, .integer), (.double, .double):
            guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return false }
            return a == b || Float(a) == Float(b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy(Self.sameAvroJSON)
        case (.object(let a), .object(let b)):
            return a.keys == b.keys && zip(a.values, b.values).allSatisfy(Self.sameAvroJSON)
        default:
            return lhs == rhs
        }
    }

    @Test(.enabled(if: isAvailable && TestData.isAvailable))
    func tojsonMatchesFastavroOnTheSharedTestData() throws {
        let paths = try CLITestFiles.readable.map { try TestData.url($0).path }
        let records = try Self.fastavroRecords(paths)
        var compared = 0
        for path in paths {
            // fastavro cannot do some of them: recursive schemas (its JSON writer recurses for
            // ever), zstandard without its Python package, non-UTF-8 metadata (syncInMeta).
            if try Self.expectSameRecords(path, records[path] ?? nil) { compared += 1 }
        }
        #expect(compared >= 20, "only \(compared) files were compared")
    }

    // The random records of every type and logical type read the same in fastavro, which
    // converts the logical types to Python values and back.
    @Test(.enabled(if: isAvailable))
    func randomRecordsReadTheSameInFastavro() throws {
        try CLITool.withTemporaryDirectory { directory in
            try CLIRandomTests.writeSchema(CLIRandomTests.everyType, "every.avsc", in: directory)
            let file = directory.appendingPathComponent("random.avro").path
            let result = try CLITool.run(["random", "--schema", "every.avsc", "--count", "100", "--seed", "3", "--codec", "deflate", "-o", file], in: directory)
            #expect(result.status == 0, "\(result.errorText)")
            let records = try Self.fastavroRecords([file])
            #expect(try Self.expectSameRecords(file, records[file] ?? nil), "fastavro could not read the random file")
        }
    }
}
