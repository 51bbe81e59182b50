extension AvroJSON {
    /// Options for writing JSON text.
    ///
    /// ```swift
    /// let text = json.serialized(.init(pretty: true))
    /// ```
    public struct WritingOptions: Hashable, Sendable {
        /// Whether to write one member or element per line, indented by two spaces per
        /// level, with a space after each `:`. The default writes no whitespace at all.
        public var pretty: Bool = false
        /// Whether to write every non-ASCII character as a `\uXXXX` escape (a surrogate pair
        /// above U+FFFF), so that the text is plain ASCII. The default writes them as UTF-8.
        public var escapeNonASCII: Bool = false

        /// Whether to write the text as Java Avro writes it (through Jackson): numbers as Java's
        /// `Double.toString` (`-1.0E12`, `1.0E-4`), `\u` escapes in uppercase hex, and when
        /// `pretty`, the layout of Jackson's default pretty printer (`"key" : value`, an array
        /// on one line: `[ "A", "B" ]`, empty ones `[ ]` and `{ }`). Java's `toString()` and
        /// `toString(true)` of the same schema or protocol give the same text.
        public var javaStyle: Bool = false

        /// Creates writing options.
        public init(pretty: Bool = false, escapeNonASCII: Bool = false, javaStyle: Bool = false) {
            self.pretty = pretty
            self.escapeNonASCII = escapeNonASCII
            self.javaStyle = javaStyle
        }
    }

    /// Returns the value as JSON text.
    ///
    /// Object members are written in order. Integers are written exactly; doubles with the
    /// shortest text that reads back as the same double (`0.1`, `1.0`, `1e-05`). A double
    /// that is not finite has no JSON number form, and is written as the string `"NaN"`,
    /// `"Infinity"` or `"-Infinity"`, as Java Avro does. In strings, `"`, `\` and control
    /// characters are escaped; `/` is not.
    ///
    /// ```swift
    /// let json: AvroJSON = ["type": "array", "items": "int"]
    /// json.serialized()              // {"type":"array","items":"int"}
    /// json.serialized(pretty: true)  // {
    ///                                //   "type": "array",
    ///                                //   "items": "int"
    ///                                // }
    /// ```
    ///
    /// - Parameter options: How to lay out the text and whether to escape non-ASCII text.
    /// - Returns: The JSON text.
    public func serialized(_ options: WritingOptions = .init()) -> String {
        var out = ""
        if options.pretty && options.javaStyle {
            writeAsJackson(to: &out, options: options, level: 0)
        } else {
            write(to: &out, options: options, level: 0)
        }
        return out
    }

    /// Returns the value as JSON text, laid out on several indented lines when `pretty` is
    /// `true` and with no whitespace otherwise.
    public func serialized(pretty: Bool) -> String {
        serialized(WritingOptions(pretty: pretty))
    }

    /// Appends the JSON text of this value, which is nested `level` containers deep.
    private func write(to out: inout String, options: WritingOptions, level: Int) {
        switch self {
        case .null:
            out += "null"
        case .bool(let value):
            out += value ? "true" : "false"
        case .integer(let value):
            out += String(value)
        case .double(let value):
            out += options.javaStyle ? Self.formatJavaDouble(value) : Self.formatDouble(value)
        case .string(let value):
            Self.appendQuoted(value, to: &out, escapeNonASCII: options.escapeNonASCII, upperHex: options.javaStyle)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { out += "," }
                Self.appendLineBreak(to: &out, options: options, level: level + 1)
                element.write(to: &out, options: options, level: level + 1)
            }
            Self.appendLineBreak(to: &out, options: options, level: level)
            out += "]"
        case .object(let object):
            guard !object.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (position, member) in object.enumerated() {
                if position > 0 { out += "," }
                Self.appendLineBreak(to: &out, options: options, level: level + 1)
                Self.appendQuoted(member.key, to: &out, escapeNonASCII: options.escapeNonASCII, upperHex: options.javaStyle)
                out += options.pretty ? ": " : ":"
                member.value.write(to: &out, options: options, level: level + 1)
            }
            Self.appendLineBreak(to: &out, options: options, level: level)
            out += "}"
        }
    }

    /// Appends the JSON text of this value laid out as Jackson's default pretty printer does:
    /// members of an object each on a line indented two spaces per enclosing object, `" : "`
    /// between key and value, the elements of an array on the array's line.
    private func writeAsJackson(to out: inout String, options: WritingOptions, level: Int) {
        switch self {
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[ ]"
                return
            }
            out += "[ "
            for (position, element) in elements.enumerated() {
                if position > 0 { out += ", " }
                element.writeAsJackson(to: &out, options: options, level: level)
            }
            out += " ]"
        case .object(let object):
            guard !object.isEmpty else {
                out += "{ }"
                return
            }
            out += "{"
            for (position, member) in object.enumerated() {
                out += position > 0 ? ",\n" : "\n"
                out += String(repeating: "  ", count: level + 1)
                Self.appendQuoted(member.key, to: &out, escapeNonASCII: options.escapeNonASCII, upperHex: true)
                out += " : "
                member.value.writeAsJackson(to: &out, options: options, level: level + 1)
            }
            out += "\n" + String(repeating: "  ", count: level) + "}"
        default:
            write(to: &out, options: options, level: level)
        }
    }

    /// In pretty output, starts a new line indented for `level`; in compact output, nothing.
    private static func appendLineBreak(to out: inout String, options: WritingOptions, level: Int) {
        guard options.pretty else { return }
        out += "\n"
        for _ in 0..<level { out += "  " }
    }

    /// Appends `s` as a quoted JSON string.
    ///
    /// `"` and `\` are escaped, control characters below U+0020 are written as `\b`, `\f`,
    /// `\n`, `\r`, `\t` or `\u00xx`; `/` and DEL are not escaped. Other non-ASCII characters
    /// are written as UTF-8, or as `\uxxxx` escapes (lowercase hex unless `upperHex`, surrogate
    /// pairs above U+FFFF) when `escapeNonASCII` is `true`.
    static func appendQuoted(_ s: String, to out: inout String, escapeNonASCII: Bool, upperHex: Bool = false) {
        out += "\""
        let needsEscaping = s.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || (escapeNonASCII && byte >= 0x80)
        }
        guard needsEscaping else {
            out += s
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x22: bytes += [0x5C, 0x22]             // \"
            case 0x5C: bytes += [0x5C, 0x5C]             // \\
            case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
            case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                appendUnicodeEscape(UInt16(value), to: &bytes, upperHex: upperHex)
            case 0x20..<0x80:
                bytes.append(UInt8(value))
            case 0x80..<0x10000 where escapeNonASCII:
                appendUnicodeEscape(UInt16(value), to: &bytes, upperHex: upperHex)
            case 0x10000... where escapeNonASCII:
                let offset = value - 0x10000
                appendUnicodeEscape(UInt16(0xD800 + offset >> 10), to: &bytes, upperHex: upperHex)
                appendUnicodeEscape(UInt16(0xDC00 + offset & 0x3FF), to: &bytes, upperHex: upperHex)
            default:
                bytes += scalar.utf8
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "\""
    }

    /// Appends `\uxxxx` with lowercase hex digits, or uppercase ones if `upperHex`.
    private static func appendUnicodeEscape(_ unit: UInt16, to bytes: inout [UInt8], upperHex: Bool) {
        let hexDigits: StaticString = upperHex ? "0123456789ABCDEF" : "0123456789abcdef"
        bytes += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hexDigits.utf8Start[Int(unit >> UInt16(shift) & 0xF)])
        }
    }

    /// The JSON text of a double.
    ///
    /// A finite double is written with the shortest digits that read back as the same
    /// double, always with a fraction or an exponent so it reads back as a double
    /// (`1.0`, `0.1`, `1e-05`, `1e+20`, `-0.0`). A non-finite double has no JSON number form
    /// and is written as a JSON string, quotes included: `"NaN"`, `"Infinity"` or
    /// `"-Infinity"`.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "\"NaN\"" }
        if d.isInfinite { return d < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
        // Swift's description is the shortest round-trip form and is valid JSON number
        // syntax for every finite double.
        return d.description
    }

    /// The JSON text of a double as Java's `Double.toString` writes it: plain from 10⁻³ up to
    /// 10⁷ (`100.0`, `0.001`), computerized scientific notation outside (`-1.0E12`, `1.0E-4`),
    /// with the same shortest digits as ``formatDouble(_:)``.
    static func formatJavaDouble(_ d: Double) -> String {
        if !d.isFinite { return formatDouble(d) }
        let sign = d.sign == .minus ? "-" : ""
        if d == 0 { return sign + "0.0" }
        // Swift's shortest form ("123.45", "1e-05", "1.2e+20") as digits and a point position:
        // the value is 0.DIGITS times 10 to the power `point`.
        let text = d.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let integerPart = mantissa.prefix { $0 != "." }
        var digits = Array(mantissa.filter { $0 != "." })
        var point = integerPart.count + exponent
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        if d.magnitude >= 1e-3, d.magnitude < 1e7 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
            if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0" }
            return sign + String(digits[..<point]) + "." + String(digits[point...])
        }
        let fraction = digits.count > 1 ? String(digits[1...]) : "0"
        return sign + String(digits[0]) + "." + fraction + "E" + String(point - 1)
    }
}
