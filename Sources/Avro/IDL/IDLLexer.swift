/// A place in an IDL file: the file's name as given, and the line and column (both from 1;
/// columns count Unicode scalars).
struct IDLLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file, as named on the command line or in the `import` that read it.
    var file: String
    /// The line, from 1.
    var line: Int
    /// The column, from 1.
    var column: Int

    /// `file:line:column`.
    var description: String { "\(file):\(line):\(column)" }
}

/// A token of Avro IDL.
struct IDLToken {
    enum Kind: Equatable {
        /// A name: one or more parts joined by `.` or `-`, backquotes removed. `quoted` when a
        /// part was backquoted, which keeps a keyword from being one (`` `error` ``).
        case identifier(String, quoted: Bool)
        case string(String)
        case integer(Int64)
        case float(Double)
        /// One of `( ) { } [ ] < > : ; , @ = ?`.
        case symbol(Character)
        case end
    }

    var kind: Kind
    var location: IDLLocation
    /// The documentation comment (`/** … */`) written last before this token and after the
    /// token before, as an index into the lexer's comments.
    var docComment: Int?

    /// Whether the token is the keyword `word` (an identifier not backquoted).
    func isKeyword(_ word: String) -> Bool {
        if case .identifier(word, quoted: false) = kind { return true }
        return false
    }

    func isSymbol(_ symbol: Character) -> Bool { kind == .symbol(symbol) }

    /// The token as the parser's errors show it.
    var shown: String {
        switch kind {
        case .identifier(let name, _): "'\(name)'"
        case .string(let text): "the string \"\(text)\""
        case .integer(let value): "the number \(value)"
        case .float(let value): "the number \(value)"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the file"
        }
    }
}

/// A documentation comment and whether a declaration took it.
struct IDLDocComment {
    var text: String
    var location: IDLLocation
    var isUsed = false
}

/// Splits IDL text into tokens, skipping white space and comments and keeping the
/// documentation comments aside.
struct IDLLexer {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var position = 0
    private var line = 1
    private var column = 1
    private(set) var comments: [IDLDocComment] = []
    private var pendingComment: Int?

    init(text: String, file: String) {
        scalars = Array(text.unicodeScalars)
        self.file = file
    }

    private var location: IDLLocation { IDLLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func advance() {
        let scalar = scalars[position]
        position += 1
        // A CR LF pair is one line break, counted at the LF.
        if scalar == "\n" || (scalar == "\r" && peek() != "\n") {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private func error(_ message: String, at location: IDLLocation) -> AvroError {
        AvroError(.invalidIDL, message, path: location.description)
    }

    /// All the tokens, the last being `.end`.
    mutating func tokens() throws -> [IDLToken] {
        var tokens: [IDLToken] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws -> IDLToken {
        try skipSpaceAndComments()
        let start = location
        let doc = pendingComment
        pendingComment = nil
        // A SUB character (Ctrl-Z) ends the text, as in old DOS files.
        guard let scalar = peek(), scalar != "\u{1A}" else { return IDLToken(kind: .end, location: start, docComment: doc) }
        let kind: IDLToken.Kind
        switch scalar {
        case "(", ")", "{", "}", "[", "]", "<", ">", ":", ";", ",", "@", "=", "?":
            advance()
            kind = .symbol(Character(scalar))
        case "\"":
            kind = .string(try stringLiteral())
        case "0"..."9", "-", "+", ".":
            kind = try number()
        case "`":
            kind = try identifier()
        default:
            guard scalar == "_" || scalar.properties.isXIDStart else {
                throw error("unexpected character '\(scalar)' (U+\(String(scalar.value, radix: 16, uppercase: true)))", at: start)
            }
            kind = try identifier()
        }
        return IDLToken(kind: kind, location: start, docComment: doc)
    }

    private mutating func skipSpaceAndComments() throws {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}":
                advance()
            case "/" where peek(1) == "/":
                while let next = peek(), next != "\n", next != "\r" { advance() }
            case "/" where peek(1) == "*":
                let start = location
                let begin = position
                advance()
                advance()
                // `/**/` is an empty comment; `/**` otherwise starts a documentation comment.
                let isDoc = peek() == "*" && peek(1) != "/"
                while !(peek() == "*" && peek(1) == "/") {
                    guard peek() != nil else { throw error("the comment is not closed with '*/'", at: start) }
                    advance()
                }
                advance()
                advance()
                if isDoc {
                    let text = String(String.UnicodeScalarView(scalars[(begin + 3)..<(position - 2)]))
                    comments.append(IDLDocComment(text: IDLDocText.stripped(text), location: start))
                    pendingComment = comments.count - 1
                }
            default:
                return
            }
        }
    }

    // MARK: - Identifiers

    private mutating func identifier() throws -> IDLToken.Kind {
        var name = ""
        var quoted = false
        while true {
            if peek() == "`" {
                let start = location
                advance()
                try identifierPart(into: &name, start: start)
                guard peek() == "`" else { throw error("the backquoted name is not closed with '`'", at: start) }
                advance()
                quoted = true
            } else {
                try identifierPart(into: &name, start: location)
            }
            // A dot or a dash joins the next part when one follows.
            guard let separator = peek(), separator == "." || separator == "-",
                  let after = peek(1), after == "`" || after == "_" || after.properties.isXIDStart else { break }
            name.unicodeScalars.append(separator)
            advance()
        }
        // Java reads these two words as numbers wherever they appear.
        if !quoted, name == "NaN" || name == "Infinity" { return .float(name == "NaN" ? .nan : .infinity) }
        return .identifier(name, quoted: quoted)
    }

    private mutating func identifierPart(into name: inout String, start: IDLLocation) throws {
        guard let first = peek(), first == "_" || first.properties.isXIDStart else {
            throw error("expected a name (a letter or '_' first)", at: start)
        }
        name.unicodeScalars.append(first)
        advance()
        while let scalar = peek(), scalar.properties.isXIDContinue {
            name.unicodeScalars.append(scalar)
            advance()
        }
    }

    // MARK: - Strings

    /// A string literal with Java's escapes: `\n \r \b \f \t \\ \' \"`, octal (`\0` to
    /// `\377`) and `\uXXXX` (UTF-16 units; a surrogate pair makes one character).
    private mutating func stringLiteral() throws -> String {
        let start = location
        advance()
        var units: [UInt16] = []
        while true {
            guard let scalar = peek() else { throw error("the string is not closed with '\"'", at: start) }
            switch scalar {
            case "\"":
                advance()
                guard let text = String(validating: units, as: UTF16.self) else {
                    throw error("the string has a \\u escape that is half of a surrogate pair", at: start)
                }
                return text
            case "\n", "\r", "\u{08}", "\u{0C}", "\t":
                throw error("a string cannot hold a line break or tab as it is; write \\n, \\r or \\t", at: location)
            case "\\":
                let escape = location
                advance()
                try escapeSequence(into: &units, at: escape)
            default:
                units.append(contentsOf: scalar.utf16)
                advance()
            }
        }
    }

    private mutating func escapeSequence(into units: inout [UInt16], at escape: IDLLocation) throws {
        guard let scalar = peek() else { throw error("the string is not closed with '\"'", at: escape) }
        let simple: [Unicode.Scalar: UInt16] = ["n": 0x0A, "r": 0x0D, "b": 0x08, "f": 0x0C, "t": 0x09, "\\": 0x5C, "'": 0x27, "\"": 0x22]
        if let unit = simple[scalar] {
            advance()
            units.append(unit)
        } else if scalar == "u" {
            advance()
            var value: UInt16 = 0
            for _ in 0..<4 {
                guard let digit = peek(), let hex = UInt16(String(digit), radix: 16) else {
                    throw error("\\u must be followed by four hex digits", at: escape)
                }
                value = value << 4 | hex
                advance()
            }
            units.append(value)
        } else if ("0"..."7").contains(scalar) {
            // Up to three octal digits, the first at most 3 when there are three.
            var value: UInt16 = 0
            var count = 0
            while count < 3, let digit = peek(), ("0"..."7").contains(digit), count < 2 || value < 0o40 {
                value = value << 3 | UInt16(digit.value - 0x30)
                count += 1
                advance()
            }
            units.append(value)
        } else {
            throw error("unknown escape '\\\(scalar)' in a string", at: escape)
        }
    }

    // MARK: - Numbers

    /// An integer (decimal, `0x` hex or `0` octal, perhaps `L`-suffixed) or a floating-point
    /// number (with a fraction, an exponent or an `f`/`d` suffix; `NaN`, `Infinity`), with an
    /// optional sign (`+` only before a floating-point number), as Java reads them.
    private mutating func number() throws -> IDLToken.Kind {
        let start = location
        var text = ""
        if let sign = peek(), sign == "-" || sign == "+" {
            text.unicodeScalars.append(sign)
            advance()
        }
        for word in ["NaN", "Infinity"] where scalars[position...].starts(with: word.unicodeScalars) {
            for _ in word.unicodeScalars { advance() }
            let value = word == "NaN" ? Double.nan : Double.infinity
            return .float(text == "-" ? -value : value)
        }
        while let scalar = peek(), scalar.properties.isXIDContinue || scalar == "." || (("+" == scalar || "-" == scalar) && isExponentSign(text)) {
            text.unicodeScalars.append(scalar)
            advance()
        }
        if let value = Self.integer(text) { return .integer(value) }
        if let value = Self.floatingPoint(text) { return .float(value) }
        throw error("'\(text)' is not a number", at: start)
    }

    /// Whether a sign after `text` belongs to an exponent (`1e-5`, `0x1p+3`).
    private func isExponentSign(_ text: String) -> Bool {
        let unsigned = text.lowercased().drop { $0 == "-" || $0 == "+" }
        let isHex = unsigned.hasPrefix("0x")
        guard let last = unsigned.last else { return false }
        return isHex ? last == "p" : last == "e"
    }

    private static func integer(_ text: String) -> Int64? {
        var body = Substring(text)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        if body.last == "l" || body.last == "L" { body = body.dropLast() }
        let digits: Substring
        let radix: Int
        if body.lowercased().hasPrefix("0x") {
            digits = body.dropFirst(2)
            radix = 16
        } else if body.count > 1, body.first == "0" {
            digits = body.dropFirst()
            radix = 8
        } else {
            digits = body
            radix = 10
        }
        guard !digits.isEmpty, !text.hasPrefix("+"), digits.allSatisfy({ $0.isHexDigit }),
              let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private static func floatingPoint(_ text: String) -> Double? {
        var body = Substring(text)
        let unsigned = (body.first == "-" || body.first == "+" ? body.dropFirst() : body).lowercased()
        let isHex = unsigned.hasPrefix("0x")
        var hasSuffix = false
        // In hex, a final `d` or `f` is a digit unless the binary exponent came before it.
        if let last = body.last, "fFdD".contains(last), !isHex || unsigned.contains("p") {
            body = body.dropLast()
            hasSuffix = true
        }
        guard let first = unsigned.first, first.isASCII, first.isNumber || first == "." else { return nil }
        if isHex {
            // A hexadecimal floating-point number needs its binary exponent.
            guard unsigned.contains("p") else { return nil }
        } else {
            guard hasSuffix || unsigned.contains(".") || unsigned.contains("e"),
                  body.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }) else { return nil }
        }
        return Double(String(body))
    }
}
