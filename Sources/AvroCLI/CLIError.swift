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
    ///   - text: The input's bytes when it is text (or the part of it that was parsed), to turn
    ///     byte offsets into lines and columns.
    ///   - textStart: The line and column of the first byte of `text` in the input.
    ///   - fallbackOffset: The offset to report when the error has none.
    static func reading(_ error: any Error, source: String, text: UnsafeRawBufferPointer? = nil,
                        textStart: (line: Int, column: Int) = (1, 1), fallbackOffset: Int? = nil) -> CLIError {
        if let error = error as? CLIError { return error }
        guard var avroError = avroError(in: error) else {
            return .failure("\(source): \(describe(error))")
        }
        let offset = avroError.offset ?? fallbackOffset
        avroError.offset = nil
        guard let offset else { return .failure("\(source): \(avroError)") }
        if let text {
            let (line, column) = TextPosition.lineAndColumn(of: offset, in: text, from: textStart)
            avroError.message = TextPosition.removingTrailingPosition(from: avroError.message)
            return .failure("\(source): line \(line), column \(column): \(avroError)")
        }
        return .failure("\(source): byte \(offset): \(avroError)")
    }

    /// `error`, met with the record numbered `index` (from 0) of the input `source` once it
    /// was read, as a failure naming the record. Byte offsets are left out: they would count
    /// from the record, not from the file.
    static func inRecord(_ index: Int, of source: String, _ error: any Error) -> CLIError {
        if let error = error as? CLIError { return error }
        guard var avroError = avroError(in: error) else { return .failure("\(source): record \(index): \(describe(error))") }
        avroError.offset = nil
        return .failure("\(source): record \(index): \(avroError)")
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
    /// The 1-based line and column of `offset` in `text`, as the JSON parser counts them:
    /// lines end with `\n`, columns count characters (UTF-8 lead bytes). `start` is the line
    /// and column of the first byte of `text`.
    static func lineAndColumn(of offset: Int, in text: UnsafeRawBufferPointer,
                              from start: (line: Int, column: Int) = (1, 1)) -> (line: Int, column: Int) {
        var (line, column) = start
        for byte in text.prefix(max(offset, 0)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// `message` without the ` at line L, column C` the JSON parser ends its messages with,
    /// which counts from the start of the part it parsed rather than of the file.
    static func removingTrailingPosition(from message: String) -> String {
        guard let range = message.range(of: " at line ", options: .backwards) else { return message }
        let rest = message[range.upperBound...].split(separator: ",", maxSplits: 1)
        guard rest.count == 2, Int(rest[0]) != nil, rest[1].hasPrefix(" column "),
              Int(rest[1].dropFirst(" column ".count)) != nil else { return message }
        return String(message[..<range.lowerBound])
    }
}
