import Avro
import Foundation

/// An error that ends a command: one line for standard error and the exit status.
struct CLIError: Error {
    /// The exit status of a command used wrongly (unknown option, missing operand).
    static let usageStatus: Int32 = 2
    /// The exit status of a command that failed (unreadable input, invalid data).
    static let failureStatus: Int32 = 1

    /// What went wrong, on one line, without the `avro COMMAND:` prefix.
    let message: String
    /// The exit status.
    let status: Int32

    /// A command used wrongly; exit status 2.
    static func usage(_ message: String) -> CLIError {
        CLIError(message: oneLine(message), status: usageStatus)
    }

    /// A command that failed; exit status 1.
    static func failure(_ message: String) -> CLIError {
        CLIError(message: oneLine(message), status: failureStatus)
    }

    /// `error`, met while reading the input named `source`, as a failure naming the source and
    /// the position: `weather.avro: byte 412: invalid file: …`, or for text input (when its
    /// bytes are given) `data.json: line 3, column 7: type mismatch at temp: …`.
    ///
    /// - Parameters:
    ///   - error: An ``AvroError`` (possibly inside an `EncodingError` or `DecodingError`), a
    ///     ``CLIError`` (returned as it is) or any other error.
    ///   - source: The name of the input, as the user wrote it.
    ///   - text: The input's bytes when it is text, to turn byte offsets into lines and columns.
    ///   - baseOffset: Added to the error's offset: where the part that was parsed starts.
    ///   - fallbackOffset: The offset to report when the error has none.
    static func reading(_ error: any Error, source: String, text: UnsafeRawBufferPointer? = nil,
                        baseOffset: Int = 0, fallbackOffset: Int? = nil) -> CLIError {
        if let error = error as? CLIError { return error }
        guard var avroError = avroError(in: error) else {
            return .failure("\(source): \(describe(error))")
        }
        let offset = avroError.offset.map { $0 + baseOffset } ?? fallbackOffset
        avroError.offset = nil
        guard let offset else { return .failure("\(source): \(avroError)") }
        if let text {
            let (line, column) = TextPosition.lineAndColumn(of: offset, in: text)
            return .failure("\(source): line \(line), column \(column): \(avroError)")
        }
        return .failure("\(source): byte \(offset): \(avroError)")
    }

    /// `error` as a failure, when no input it came from is known.
    static func describing(_ error: any Error) -> CLIError {
        if let error = error as? CLIError { return error }
        if let avroError = avroError(in: error) { return .failure(avroError.description) }
        return .failure(describe(error))
    }

    /// The ``AvroError`` that `error` is or carries as its underlying error.
    static func avroError(in error: any Error) -> AvroError? {
        if let avroError = error as? AvroError { return avroError }
        if let decodingError = error as? DecodingError {
            switch decodingError {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                return context.underlyingError.flatMap(avroError(in:))
            @unknown default:
                return nil
            }
        }
        if let encodingError = error as? EncodingError, case .invalidValue(_, let context) = encodingError {
            return context.underlyingError.flatMap(avroError(in:))
        }
        return nil
    }

    /// A one-line description of an error that is not an ``AvroError``.
    private static func describe(_ error: any Error) -> String {
        let description = (error as NSError).localizedDescription
        return description.isEmpty ? String(describing: error) : description
    }

    /// `text` with its line breaks and tabs turned into spaces.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}

/// Line and column numbers in text.
enum TextPosition {
    /// The 1-based line and column (in bytes) of `offset` in `text`. Lines end with `\n`.
    static func lineAndColumn(of offset: Int, in text: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), text.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where text[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, end - lineStart + 1)
    }
}
