extension AvroJSON {
    /// Parses JSON text (RFC 8259).
    ///
    /// The parser is strict: the text must hold exactly one JSON value, surrounded only by
    /// spaces, tabs, carriage returns and line feeds. Comments, trailing commas, single
    /// quotes, unquoted keys, leading zeros, `+` signs, `NaN` and `Infinity`, unescaped
    /// control characters and lone surrogates are all rejected, and so are duplicate keys
    /// in one object.
    ///
    /// Numbers written without a fraction or exponent that fit `Int64` become ``integer(_:)``;
    /// all other numbers become ``double(_:)``, correctly rounded.
    ///
    /// ```swift
    /// let json = try AvroJSON(parsing: #"{"name": "Person", "size": 16}"#)
    /// ```
    ///
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed.
    /// - Throws: An ``AvroError`` with code ``AvroError/Code/invalidJSON`` and the byte
    ///   offset of the problem when the text is not valid JSON, or with code
    ///   ``AvroError/Code/limitExceeded`` when it nests deeper than `maxDepth`.
    public init(parsing text: String, maxDepth: Int = AvroNesting.defaultMaxDepth) throws {
        var text = text
        self = try text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }

    /// Parses JSON text (RFC 8259) given as UTF-8 bytes.
    ///
    /// The bytes must be valid UTF-8; a byte order mark is not accepted. The rules are the
    /// same as for parsing a `String`.
    ///
    /// - Parameters:
    ///   - bytes: The JSON text in UTF-8.
    ///   - maxDepth: The deepest nesting of arrays and objects allowed.
    /// - Throws: An ``AvroError`` with code ``AvroError/Code/invalidJSON`` or
    ///   ``AvroError/Code/limitExceeded``.
    public init(parsing bytes: [UInt8], maxDepth: Int = AvroNesting.defaultMaxDepth) throws {
        self = try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
            return try parser.parseDocument()
        }
    }
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Arrays and objects are parsed with an explicit stack rather than recursion, so no input
/// can exhaust the call stack, whatever `maxDepth` is.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    /// The offset of the next byte to read.
    private var position = 0
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    /// An array or object whose members are still being read.
    private struct Frame {
        var isObject: Bool
        var elements: [AvroJSON] = []
        var object = AvroJSON.Object()
        /// The key of the member whose value is being read.
        var key = ""
    }

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        releasableDepth = AvroNesting.releasableDepth()
    }

    /// The deepest value whose release fits this thread's stack: parsing takes no stack per
    /// level, but letting go of the value does.
    private let releasableDepth: Int

    private var end: Int { bytes.count }

    private var current: UInt8? { position < end ? bytes[position] : nil }

    /// Parses the whole input as one JSON value.
    mutating func parseDocument() throws -> AvroJSON {
        var stack: [Frame] = []
        parsing: while true {
            skipWhitespace()
            guard let first = current else { throw unexpected("a JSON value") }
            var value: AvroJSON
            switch first {
            case UInt8(ascii: "["):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") {
                    position += 1
                    value = .array([])
                } else {
                    stack.append(Frame(isObject: false))
                    continue parsing
                }
            case UInt8(ascii: "{"):
                try checkDepth(stack.count)
                position += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") {
                    position += 1
                    value = .object(AvroJSON.Object())
                } else {
                    let key = try parseKey(expected: "a string key or '}'")
                    stack.append(Frame(isObject: true, key: key.text))
                    continue parsing
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            default:
                throw unexpected("a JSON value")
            }

            // Hand the finished value to the innermost open container, closing containers
            // for as long as their closing bracket follows.
            while !stack.isEmpty {
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    stack[top].object.appendNew(stack[top].key, value)
                    if current == UInt8(ascii: ",") {
                        position += 1
                        skipWhitespace()
                        let key = try parseKey(expected: "a string key")
                        if stack[top].object.index(forKey: key.text) != nil {
                            throw error("duplicate key \"\(Self.abbreviated(key.text))\" in an object", at: key.offset)
                        }
                        stack[top].key = key.text
                        continue parsing
                    }
                    guard current == UInt8(ascii: "}") else {
                        throw unexpected("',' or '}' after an object member")
                    }
                    position += 1
                    value = .object(stack.removeLast().object)
                } else {
                    stack[top].elements.append(value)
                    if current == UInt8(ascii: ",") {
                        position += 1
                        continue parsing
                    }
                    guard current == UInt8(ascii: "]") else {
                        throw unexpected("',' or ']' after an array element")
                    }
                    position += 1
                    value = .array(stack.removeLast().elements)
                }
            }

            skipWhitespace()
            guard position == end else {
                throw error("unexpected text after the JSON value: found \(describe(at: position))", at: position)
            }
            return value
        }
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while position < end {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func checkDepth(_ openContainers: Int) throws {
        guard openContainers < maxDepth else {
            throw AvroError(
                .limitExceeded,
                "JSON nesting is deeper than the limit of \(maxDepth) at \(lineAndColumn(of: position))",
                offset: position)
        }
        guard openContainers < releasableDepth else {
            throw AvroError(
                .limitExceeded,
                "JSON nesting is \(openContainers) levels deep at \(lineAndColumn(of: position)), more than this thread's stack has room for; read it on a thread with a larger stack",
                offset: position)
        }
    }

    /// Reads an object key and the `:` after it.
    private mutating func parseKey(expected: String) throws -> (text: String, offset: Int) {
        let offset = position
        guard current == UInt8(ascii: "\"") else { throw unexpected(expected) }
        let text = try parseString()
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw unexpected("':' after an object key") }
        position += 1
        return (text, offset)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let utf8 = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in utf8 {
            guard current == byte else { throw unexpected("'\(literal)'") }
            position += 1
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws -> AvroJSON {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, Self.isDigit(first) else {
            throw unexpected("a digit after '-'")
        }
        position += 1
        if first == UInt8(ascii: "0") {
            if let next = current, Self.isDigit(next) {
                throw error("expected '.', 'e' or the end of the number after a leading '0' but found \(describe(at: position)) (leading zeros are not allowed)", at: position)
            }
        } else {
            skipDigits()
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard let digit = current, Self.isDigit(digit) else { throw unexpected("a digit after '.'") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let digit = current, Self.isDigit(digit) else { throw unexpected("a digit in the exponent") }
            skipDigits()
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = Self.int64(digits) {
            return .integer(integer)
        }
        let text = String(decoding: digits, as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw error("number \(Self.abbreviated(text)) is too large for a double", at: start)
        }
        return .double(double)
    }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { position += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of already-validated integer syntax, or `nil` when it does not fit `Int64`.
    private static func int64(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        let negative = text.first == UInt8(ascii: "-")
        // Accumulate as a negative number so that Int64.min fits.
        var value: Int64 = 0
        for byte in text.dropFirst(negative ? 1 : 0) {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    // MARK: Strings

    /// Reads a string starting at its opening quote.
    private mutating func parseString() throws -> String {
        let start = position + 1
        var index = try scanPlainText(from: start)
        if index < end && bytes[index] == UInt8(ascii: "\"") {
            position = index + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while true {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            guard index < end else {
                throw error("expected '\"' to end the string but found end of input", at: index)
            }
            if bytes[index] == UInt8(ascii: "\"") {
                position = index + 1
                return String(decoding: scratch, as: UTF8.self)
            }
            index = try appendEscape(at: index)
            runStart = index
            index = try scanPlainText(from: index)
        }
    }

    /// Skips string content that needs no unescaping, validating its UTF-8, and returns the
    /// offset of the next `"`, `\` or the end of input.
    private func scanPlainText(from start: Int) throws -> Int {
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            if byte < 0x20 {
                throw error("expected '\"' to end the string but found control character \(Self.hex(byte)) (control characters must be escaped)", at: index)
            }
            if byte < 0x80 {
                index += 1
            } else {
                index += try utf8SequenceLength(at: index)
            }
        }
        return index
    }

    /// The length of the valid UTF-8 sequence that starts with a non-ASCII byte at `index`.
    private func utf8SequenceLength(at index: Int) throws -> Int {
        let lead = bytes[index]
        let length: Int
        // The valid range of the second byte excludes overlong forms, UTF-16 surrogates and
        // code points beyond U+10FFFF.
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default:
            throw error("expected a UTF-8 character but found invalid byte \(Self.hex(lead))", at: index)
        }
        for offset in 1..<length {
            let continuation = index + offset
            guard continuation < end else {
                throw error("expected a UTF-8 continuation byte but found end of input", at: continuation)
            }
            let byte = bytes[continuation]
            guard (offset == 1 ? secondRange : 0x80...0xBF).contains(byte) else {
                throw error("expected a UTF-8 continuation byte in the sequence starting with \(Self.hex(lead)) but found \(Self.hex(byte))", at: continuation)
            }
        }
        return length
    }

    /// Appends the character of the escape sequence at `index` (a `\`) to `scratch` and
    /// returns the offset just after it.
    private mutating func appendEscape(at index: Int) throws -> Int {
        guard index + 1 < end else {
            throw error("expected an escape character after '\\' but found end of input", at: index + 1)
        }
        let simple: UInt8
        switch bytes[index + 1] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            return try appendUnicodeEscape(at: index)
        default:
            throw error("expected one of '\"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u' after '\\' but found \(describe(at: index + 1))", at: index + 1)
        }
        scratch.append(simple)
        return index + 2
    }

    /// Handles `\uXXXX` at `index`, combining a surrogate pair written as two escapes.
    private mutating func appendUnicodeEscape(at index: Int) throws -> Int {
        let unit = try hexQuad(at: index + 2)
        var scalar = UInt32(unit)
        var next = index + 6
        switch unit {
        case 0xD800...0xDBFF:
            guard next + 1 < end, bytes[next] == UInt8(ascii: "\\"), bytes[next + 1] == UInt8(ascii: "u") else {
                throw error("expected a '\\u' low surrogate after the high surrogate \\u\(Self.hex4(unit)) but found \(describe(at: next))", at: next)
            }
            let low = try hexQuad(at: next + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("expected a low surrogate (\\udc00-\\udfff) after the high surrogate \\u\(Self.hex4(unit)) but found \\u\(Self.hex4(low))", at: next)
            }
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            next += 6
        case 0xDC00...0xDFFF:
            throw error("expected a high surrogate before the low surrogate \\u\(Self.hex4(unit)) but found none (lone surrogate)", at: index)
        default:
            break
        }
        appendUTF8(scalar)
        return next
    }

    /// The value of the four hex digits at `index`.
    private func hexQuad(at index: Int) throws -> UInt16 {
        var value: UInt16 = 0
        for offset in index..<(index + 4) {
            let digit: UInt8
            switch offset < end ? bytes[offset] : nil {
            case let byte? where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case let byte? where byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case let byte? where byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw error("expected 4 hex digits after '\\u' but found \(describe(at: offset))", at: offset)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Appends the UTF-8 encoding of a scalar value (not a surrogate, at most U+10FFFF).
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Errors

    /// An error saying that `expected` was expected at the current position.
    private func unexpected(_ expected: String) -> AvroError {
        error("expected \(expected) but found \(describe(at: position))", at: position)
    }

    private func error(_ message: String, at offset: Int) -> AvroError {
        AvroError(.invalidJSON, "\(message) at \(lineAndColumn(of: offset))", offset: offset)
    }

    /// "line L, column C" of a byte offset; both count from 1, and columns count characters
    /// (UTF-8 lead bytes), not bytes.
    private func lineAndColumn(of offset: Int) -> String {
        var line = 1
        var column = 1
        for index in 0..<min(offset, end) {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }

    /// A short description of the byte at `offset`, for error messages.
    private func describe(at offset: Int) -> String {
        guard offset < end else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(Self.hex(byte))"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (byte < 0x10 ? "0" + digits : digits)
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// `text`, cut short when it is too long to quote in full in an error message.
    private static func abbreviated(_ text: String) -> String {
        text.count <= 64 ? text : String(text.prefix(61)) + "..."
    }
}
