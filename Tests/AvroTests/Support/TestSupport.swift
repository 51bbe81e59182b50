import Foundation
import Testing
@testable import Avro

/// Where the shared interop test data lives: `../shared/avro-testdata` beside the checkout.
/// Tests that read it are skipped cleanly when it is absent.
enum TestData {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/avro-testdata`, or `nil` when it does not exist.
    static let directory: URL? = {
        let url = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/avro-testdata")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// Whether the shared test data is present (use with `.enabled(if: TestData.isAvailable)`).
    static var isAvailable: Bool { directory != nil }

    /// The URL of `path` inside the shared test data. Call only when ``isAvailable``.
    static func url(_ path: String) throws -> URL {
        let directory = try #require(directory, "../shared/avro-testdata is missing")
        return directory.appendingPathComponent(path)
    }

    /// The bytes of `path` inside the shared test data.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(path)))
    }

    /// The text of `path` inside the shared test data.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// Files committed with the tests, under `Tests/AvroTests/Fixtures`.
    static func fixture(_ path: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/AvroTests/Fixtures").appendingPathComponent(path)
    }
}

/// Bytes from hex text; spaces are ignored (`"0a 41"`).
func hexBytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count - 1, by: 2).compactMap { UInt8(String(digits[$0...$0 + 1]), radix: 16) }
}

/// Bytes as lowercase hex with no separators.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// Runs `body` and returns the `AvroError` it throws, recording an issue if it throws
/// nothing or something else. Checks the code when given.
@discardableResult
func expectAvroError(_ code: AvroError.Code? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) -> AvroError? {
    do {
        try body()
        Issue.record("expected an AvroError\(code.map { " (\($0))" } ?? ""), but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as AvroError {
        if let code { #expect(error.code == code, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected an AvroError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A small seeded pseudo-random generator (SplitMix64). Tests that use it print the seed
/// in their failure messages so a failure can be replayed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
