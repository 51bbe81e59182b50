import Foundation
import Testing
@testable import Avro

/// `../shared/avro-idl`: Java's IDL test suite (inputs and Java's outputs) beside the checkout.
/// Tests that read it are skipped cleanly when it is absent.
enum IDLTestData {
    static let directory: URL? = {
        let url = TestData.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/avro-idl")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static var isAvailable: Bool { directory != nil }

    static func url(_ path: String) throws -> URL {
        try #require(directory, "../shared/avro-idl is missing").appendingPathComponent(path)
    }

    /// Whether two JSON values are the same value: objects compared without regard to the
    /// order of their members, numbers by value (`0` and `0.0` alike).
    static func same(_ a: AvroJSON, _ b: AvroJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { member in y[member.key].map { same(member.value, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.integer, .double), (.double, .integer), (.double, .double):
            return a.doubleValue == b.doubleValue
        default:
            return a == b
        }
    }
}

/// A directory of files written for one test, removed by `remove()`.
struct IDLScratch {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("avro-idl-\(UUID().uuidString)")
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    func file(_ path: String) -> URL { url.appendingPathComponent(path) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The `AvroIDL` of `text`, or the error it gives, as an `AvroError` whose path is checked to
/// be `location` (`input.avdl:LINE:COLUMN`).
@discardableResult
func expectIDLError(at location: String, containing words: String, sourceLocation: SourceLocation = #_sourceLocation,
                    _ text: String) -> AvroError? {
    let error = expectAvroError(.invalidIDL, sourceLocation: sourceLocation) { _ = try AvroIDL(parsing: text) }
    #expect(error?.path == location, "\(String(describing: error))", sourceLocation: sourceLocation)
    #expect(error?.message.contains(words) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
    return error
}
