import Foundation
import Testing
@testable import Avro

/// Every Swift block of the README is in the `ReadmeExamples` program, line for line, and
/// the program runs: the README's code compiles, runs, and gives what its comments say.
@Suite struct ReadmeExampleTests {
    static let examples = TestData.repositoryRoot.appendingPathComponent("Examples/ReadmeExamples")

    /// The Swift blocks of the README, in order, but for the package manifest.
    static func readmeBlocks() throws -> [[String]] {
        let text = try String(contentsOf: TestData.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [[String]] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                // A package manifest cannot be part of a program: `.ci/install-check` builds an
                // app with it instead.
                if current?.first?.hasPrefix("// swift-tools-version") != true { blocks.append(current ?? []) }
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The blocks of the program, by number: the lines between `// README block N` and
    /// `// End of README block N`, without the indentation of the first.
    static func programBlocks() throws -> [Int: [String]] {
        var blocks: [Int: [String]] = [:]
        for file in ["main.swift", "Blocks.swift"] {
            let lines = try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\n")
            var number: Int?
            var indent = 0
            for line in lines {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("// README block "), let n = Int(trimmed.dropFirst("// README block ".count)) {
                    (number, indent) = (n, line.prefix { $0 == " " }.count)
                    blocks[n] = []
                } else if trimmed.hasPrefix("// End of README block ") {
                    number = nil
                } else if let number {
                    blocks[number]?.append(line.count >= indent && line.prefix(indent).allSatisfy { $0 == " " } ? String(line.dropFirst(indent)) : line)
                }
            }
        }
        return blocks
    }

    @Test func everyReadmeBlockIsInTheProgram() throws {
        let readme = try Self.readmeBlocks()
        let program = try Self.programBlocks()
        #expect(readme.count == program.count, "the README has \(readme.count) Swift blocks, the program \(program.count)")
        for (index, block) in readme.enumerated() {
            #expect(program[index + 1] == block, "README block \(index + 1) (\(block.first ?? "")) differs from the program's block \(index + 1)")
        }
    }

    /// The executable in the build products directory, beside `avro` (see ``CLITool``).
    static let executable: URL? = CLITool.url.map { $0.deletingLastPathComponent().appendingPathComponent("ReadmeExamples") }
        .flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }

    @Test(.enabled(if: executable != nil))
    func theProgramRuns() throws {
        guard let executable = Self.executable else { return }
        let result = try CLITool.runProgram(executable, [])
        #expect(result.status == 0, "\(result.errorText)")
        let count = try Self.readmeBlocks().count
        for number in 1...count {
            #expect(result.text.contains("README block \(number) ran\n"), "block \(number) did not run: \(result.errorText)")
        }
    }
}
