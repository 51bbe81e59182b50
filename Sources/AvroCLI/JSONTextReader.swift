import Foundation

/// Reads text holding a sequence of JSON values (one per line, or pretty-printed over several
/// lines, separated by white space) a chunk at a time and gives the bytes of one value after
/// another, without parsing them. Memory stays bounded by the largest value plus one chunk,
/// whatever the size of the input.
///
/// Only the nesting of brackets and braces outside strings is followed; whether each value is
/// valid JSON is left to the parser. A value that is cut off at the end of the input runs to
/// the end, so that the parser reports where it ends.
final class JSONTextReader {
    /// One value of the text: its bytes and where it starts.
    struct Value {
        let bytes: [UInt8]
        /// The offset of its first byte in the input.
        let offset: Int
        /// The 1-based line and column of its first byte, as ``TextPosition`` counts them.
        let line: Int
        let column: Int
    }

    /// How many bytes one read from the input asks for.
    static let chunkSize = 64 * 1024

    private let read: (Int) throws -> [UInt8]
    private var buffer: [UInt8] = []
    /// The offset in the input of `buffer[0]`.
    private var bufferOffset = 0
    /// Where the next value is looked for in `buffer`, and the line and column there.
    private var position = 0
    private var line = 1
    private var column = 1
    private var atEnd = false

    /// Reads `handle` from its current offset.
    convenience init(_ handle: FileHandle) {
        self.init { count in
            try handle.read(upToCount: count).map(Array.init) ?? []
        }
    }

    /// Reads the text that `read` gives: up to the asked number of bytes per call, none at the end.
    init(read: @escaping (Int) throws -> [UInt8]) {
        self.read = read
    }

    /// The next value, or `nil` when only white space is left.
    func next() throws -> Value? {
        while true {
            while position < buffer.count, Self.isSpace(buffer[position]) { advance(over: buffer[position]) }
            if position < buffer.count { break }
            guard try refill() else { return nil }
        }
        var scan = Scan(first: buffer[position])
        var index = position + 1
        while true {
            if let end = scan.end(in: buffer, from: &index) {
                return take(upTo: end)
            }
            let start = position
            guard try refill() else { return take(upTo: buffer.count) }
            index -= start - position
        }
    }

    /// Whether more bytes were read; bytes before `position` are dropped first.
    private func refill() throws -> Bool {
        guard !atEnd else { return false }
        if position > 0 {
            buffer.removeFirst(position)
            bufferOffset += position
            position = 0
        }
        let chunk = try read(Self.chunkSize)
        if chunk.isEmpty {
            atEnd = true
            return false
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    /// The value from `position` to `end`, with `position` moved past it.
    private func take(upTo end: Int) -> Value {
        let value = Value(bytes: Array(buffer[position..<end]), offset: bufferOffset + position, line: line, column: column)
        while position < end { advance(over: buffer[position]) }
        return value
    }

    private func advance(over byte: UInt8) {
        position += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// How far a value has been followed: resumed where the buffer ran out when more is read.
    private struct Scan {
        /// Whether the value is a scalar (it ends at white space) rather than a string or a container.
        let isScalar: Bool
        var depth: Int
        var inString: Bool
        var escaped = false

        init(first: UInt8) {
            isScalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
            depth = first == UInt8(ascii: "\"") || isScalar ? 0 : 1
            inString = first == UInt8(ascii: "\"")
        }

        /// The offset just past the value's last byte, or `nil` (with `index` at the end of
        /// `bytes`) when the value goes on past them.
        mutating func end(in bytes: [UInt8], from index: inout Int) -> Int? {
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if isScalar {
                    if JSONTextReader.isSpace(byte) { return index - 1 }
                } else if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { return index }
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            return nil
        }
    }

    fileprivate static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }
}

extension JSONTextReader {
    /// The next value, or `nil` when only white space is left; a failure to read the input is
    /// an error naming `source`.
    func next(from source: String) throws(CLIError) -> Value? {
        do {
            return try next()
        } catch {
            throw CLIError.reading(error, source: source)
        }
    }
}

extension JSONTextReader.Value {
    /// `error`, met in this value of `source`, located by the line and column in the text
    /// (at the value's start when the error has no offset).
    func failure(_ error: any Error, source: String) -> CLIError {
        bytes.withUnsafeBytes { CLIError.reading(error, source: source, text: $0, textStart: (line, column), fallbackOffset: 0) }
    }
}
