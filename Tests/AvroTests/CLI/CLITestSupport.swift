import Foundation
import Testing
@testable import Avro

/// The built `avro` executable, run as a separate process by the CLI tests.
enum CLITool {
    /// The executable: `$AVRO_CLI` when set, else `avro` in the build products directory that
    /// holds the test bundle, else `.build/debug/avro` in the checkout. `nil` when none exists.
    static let url: URL? = {
        let manager = FileManager.default
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["AVRO_CLI"] {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        for bundle in Bundle.allBundles + [Bundle.main] {
            // macOS: …/debug/PackageTests.xctest is a bundle; Linux: the bundle is the directory
            // of the test executable, which is the products directory itself.
            let directory = bundle.bundleURL.pathExtension == "xctest" ? bundle.bundleURL.deletingLastPathComponent() : bundle.bundleURL
            candidates.append(directory.appendingPathComponent("avro"))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("avro"))
        }
        candidates.append(TestData.repositoryRoot.appendingPathComponent(".build/debug/avro"))
        return candidates.first { manager.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
    }()

    /// Whether the executable was found (the CLI tests are skipped otherwise).
    static var isAvailable: Bool { url != nil }

    /// What a run of the tool gave.
    struct Result {
        let status: Int32
        let output: Data
        let errorText: String

        /// Standard output as text.
        var text: String { String(decoding: output, as: UTF8.self) }
        /// The lines of standard output, without the empty one after the last line feed.
        var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        /// The lines of standard error.
        var errorLines: [Substring] { errorText.split(separator: "\n") }
    }

    /// Runs `avro arguments` in `directory` with standard input read from `input` (else empty),
    /// and waits for it. Standard output and error go through files, so large outputs
    /// cannot block the child.
    static func run(_ arguments: [String], input: URL? = nil, in directory: URL? = nil) throws -> Result {
        try runProgram(try #require(url, "the avro executable was not built"), arguments, input: input, in: directory)
    }

    /// Runs `executable` with `arguments` as ``run(_:input:in:)`` runs `avro`, with `environment`
    /// added to this process's.
    static func runProgram(_ executable: URL, _ arguments: [String], input: URL? = nil, in directory: URL? = nil,
                           environment: [String: String] = [:]) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("avro-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = try input.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        let outputHandle = try FileHandle(forWritingTo: outputURL)
        let errorHandle = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        try process.run()
        process.waitUntilExit()
        try outputHandle.close()
        try errorHandle.close()
        return Result(status: process.terminationStatus, output: try Data(contentsOf: outputURL),
                      errorText: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// Checks that a run failed with `status` and exactly one line on standard error that
    /// contains every one of `fragments` (the file, the position, the reason).
    static func expectFailure(_ result: Result, status: Int32 = 1, mentioning fragments: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "\(result.errorText)", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "expected one line on stderr, got: \(result.errorText)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.errorText.contains(fragment), "'\(fragment)' is not in: \(result.errorText)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `body` with a new directory for one test's files, deleted afterwards.
    static func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avro-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }
}

/// The container files of the shared test data, readable or deliberately broken (see its
/// README).
enum CLITestFiles {
    /// Every `.avro` file of the shared test data, as paths relative to it, sorted; empty when
    /// the shared data is absent.
    static let all: [String] = {
        guard let root = TestData.directory, let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".avro") }.sorted()
    }()

    /// The files that are broken on purpose: every reader must report an error.
    static func isBroken(_ path: String) -> Bool {
        let broken = ["lang-c/avro-1237-bad-union-discriminant.avro", "lang-c/avro-1238-truncated.avro",
                      "lang-js/person-10.no-codec.avro"]
        return broken.contains(path) || path.hasPrefix("lang-rust/fuzz-corpus-roundtrip/")
            || (path.hasPrefix("third-party/goavro-fixtures/") && !path.contains("quickstop"))
    }

    /// The readable files: all but the broken ones.
    static let readable: [String] = all.filter { !isBroken($0) }

    /// The broken files.
    static let broken: [String] = all.filter(isBroken)
}
