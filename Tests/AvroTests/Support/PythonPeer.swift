import Foundation

/// `python3`, run as a separate process.
enum PythonPeer {
    static let fastavroIsInstalled: Bool = (try? run(["-c", "import fastavro"]).status) == 0

    /// Runs `python3` with `arguments`; returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

extension PythonPeer {
    /// Runs `python3` with `arguments`; returns its exit status and standard output as text.
    static func runText(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try run(arguments)
        return (result.status, String(decoding: result.output, as: UTF8.self))
    }
}
