import Avro
import Foundation

/// What a JSON schema file holds: a schema (`.avsc`) or a protocol (`.avpr`).
enum SchemaOrProtocol {
    case schema(AvroSchema)
    case avroProtocol(AvroProtocol)
}

/// An input named on the command line: a file, or standard input for `-`.
struct InputFile {
    /// The path as given.
    let path: String

    /// Whether this is standard input.
    var isStandardInput: Bool { path == "-" }

    /// The name used in messages.
    var name: String { isStandardInput ? "<stdin>" : path }

    /// Checks that the file exists, is not a directory and can be read.
    func checkReadable() throws(CLIError) {
        guard !isStandardInput else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .failure("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw .failure("\(path): is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else { throw .failure("\(path): permission denied") }
    }

    /// The size of the file in bytes; `nil` for standard input or when it cannot be told.
    var size: Int? {
        guard !isStandardInput else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    /// A handle that reads the input from its start.
    func open() throws(CLIError) -> FileHandle {
        try checkReadable()
        guard !isStandardInput else { return .standardInput }
        do {
            return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw .failure("\(path): cannot be opened: \(error.localizedDescription)")
        }
    }

    /// All the bytes of the input (a file is mapped into memory rather than copied).
    func readAll() throws(CLIError) -> Data {
        try checkReadable()
        do {
            if isStandardInput { return try FileHandle.standardInput.readToEnd() ?? Data() }
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .failure("\(name): cannot be read: \(error.localizedDescription)")
        }
    }

    /// The schema in the input (an `.avsc` file). Errors name the line and column of bad
    /// JSON, or the JSON path of a schema rule that is broken.
    func readSchema() throws(CLIError) -> AvroSchema {
        let data = try readAll()
        do {
            return try AvroSchema(parsing: data)
        } catch {
            throw data.withUnsafeBytes { CLIError.reading(error, source: name, text: $0) }
        }
    }

    /// The schema in the input, or the protocol when it is one (a JSON object with a
    /// `protocol` member, as an `.avpr` file holds). The input is read once.
    func readSchemaOrProtocol() throws(CLIError) -> SchemaOrProtocol {
        let data = try readAll()
        do {
            if case .object(let object)? = try? AvroJSON(parsing: [UInt8](data)), object["protocol"] != nil {
                return .avroProtocol(try AvroProtocol(parsing: data))
            }
            return .schema(try AvroSchema(parsing: data))
        } catch {
            throw data.withUnsafeBytes { CLIError.reading(error, source: name, text: $0) }
        }
    }

    /// A reader of the input as an object container file of any schema; the header is read.
    ///
    /// - Parameters:
    ///   - readerSchema: The schema to resolve the records into, or `nil` to read them with
    ///     the file's schema.
    ///   - skipsCorruptBlocks: Whether the reader skips the corrupt parts of the file.
    ///   - byteRange: The part of the file to read (see `AvroFileReaderOptions.byteRange`), or
    ///     `nil` for all of it.
    func openContainer(readerSchema: AvroSchema? = nil, skipsCorruptBlocks: Bool = false, byteRange: Range<Int>? = nil) throws(CLIError) -> AvroFileReader<AvroValue> {
        let handle = try open()
        do {
            return try AvroFileReader<AvroValue>(fileHandle: handle, options: .init(skipsCorruptBlocks: skipsCorruptBlocks, readerSchema: readerSchema, byteRange: byteRange))
        } catch {
            throw .reading(error, source: name)
        }
    }
}

/// An output named on the command line: a file (created, or emptied), or standard output for
/// `-`. A file is deleted again when the command fails, so no half-written file is left.
final class OutputFile {
    /// The path as given.
    let path: String
    /// The handle to write to.
    let handle: FileHandle

    /// Whether this is standard output.
    var isStandardOutput: Bool { path == "-" }

    /// The name used in messages.
    var name: String { isStandardOutput ? "<stdout>" : path }

    /// Creates (or empties) the file at `path`, or takes standard output for `-`.
    ///
    /// - Parameter inputs: The command's inputs; writing over one of them is refused.
    init(path: String, inputs: [InputFile]) throws(CLIError) {
        self.path = path
        guard path != "-" else {
            handle = .standardOutput
            return
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        if inputs.contains(where: { !$0.isStandardInput && URL(fileURLWithPath: $0.path).standardizedFileURL.resolvingSymlinksInPath() == target }) {
            throw .usage("the output \(path) is also an input; write to another file")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw .failure("\(path): cannot be created")
        }
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        } catch {
            throw .failure("\(path): cannot be opened for writing: \(error.localizedDescription)")
        }
    }

    /// Runs `body` with this output, then closes it; on failure deletes the file and rethrows.
    func write<Result>(_ body: (FileHandle) throws -> Result) throws -> Result {
        do {
            let result = try body(handle)
            try close()
            return result
        } catch {
            if !isStandardOutput {
                try? handle.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            throw error
        }
    }

    private func close() throws(CLIError) {
        guard !isStandardOutput else { return }
        do {
            try handle.close()
        } catch {
            throw .failure("\(path): cannot be closed: \(error.localizedDescription)")
        }
    }
}
