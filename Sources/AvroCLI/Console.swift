import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output (buffered) and standard error of the tool.
///
/// Text for standard output is collected and written in large pieces; ``flush()`` writes what
/// is left. Messages for standard error are written at once, after flushing standard output,
/// so both appear in order on a terminal.
final class Console {
    private var buffer: [UInt8] = []
    private static let flushThreshold = 64 * 1024

    /// Whether standard error is a terminal, where progress lines may be shown.
    let isErrorTerminal: Bool = isatty(STDERR_FILENO) == 1

    /// Appends `text` and a line feed to standard output.
    func writeLine(_ text: String) throws(CLIError) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered for standard output.
    func flush() throws(CLIError) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        do {
            try FileHandle.standardOutput.write(contentsOf: buffer)
        } catch {
            throw .failure("could not write to standard output: \(error.localizedDescription)")
        }
    }

    /// Writes `text` to standard error as it is (no line feed added).
    func writeError(_ text: String) {
        try? flush()
        try? FileHandle.standardError.write(contentsOf: Array(text.utf8))
    }
}
