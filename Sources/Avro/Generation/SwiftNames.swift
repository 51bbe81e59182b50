/// Swift identifiers and literals for generated code.
enum SwiftNames {
    /// The words Swift reserves: an Avro name that is one is escaped with backquotes.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout", "internal",
        "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript",
        "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
        "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self",
        "Self", "super", "throws", "true", "try", "Type", "Protocol", "some", "any", "consume", "copy", "discard", "each",
    ]

    /// The types generated code names: a generated type of the same name would hide them.
    static let typesGeneratedCodeUses: Set<String> = [
        "Bool", "Int", "Int32", "Int64", "Float", "Double", "String", "Data", "Date", "UUID", "Decimal", "Hasher", "Codable", "Hashable",
        "Sendable", "CaseIterable", "Avro", "AvroDuration", "AvroNull", "AvroError", "AvroSchema", "AvroBinaryWriter", "AvroBinaryReader",
        "AvroBinaryCodable", "Foundation", "Swift", "Optional", "Array", "Dictionary",
    ]

    /// `name` as a Swift identifier: escaped when it is a keyword.
    static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// `name` with its first letter uppercase (`payload` → `Payload`), for nested types.
    static func upperCamel(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The Swift case name of an enum symbol: lower camel case (`HEART_SUIT` → `heartSuit`,
    /// `Red` → `red`), escaped when it is a keyword.
    static func caseName(_ symbol: String) -> String {
        let words = symbol.split(separator: "_", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return escaped(symbol) }
        let isShouting = symbol.uppercased() == symbol
        let parts = words.enumerated().map { index, word -> String in
            let word = isShouting ? word.lowercased() : String(word)
            return index == 0 ? word.prefix(1).lowercased() + word.dropFirst() : word.prefix(1).uppercased() + word.dropFirst()
        }
        let name = parts.joined()
        return escaped(name.first?.isNumber == true ? "_" + name : name)
    }

    /// A Swift string literal of `text`.
    static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f: literal += "\\u{\(String(scalar.value, radix: 16))}"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }

    /// A raw string literal of `text` (`#"…"#`), with enough `#` that no run in the text
    /// ends it.
    static func rawStringLiteral(_ text: String) -> String {
        var longest = 0, run = 0
        var afterQuote = false
        for character in text {
            if character == "#" && afterQuote { run += 1; longest = max(longest, run) } else { run = 0; afterQuote = character == "\"" }
        }
        let hashes = String(repeating: "#", count: longest + 1)
        return hashes + "\"" + text + "\"" + hashes
    }

    /// `text` as `///` comment lines, indented by `indent`.
    static func docComment(_ text: String?, indent: String) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { indent + "/// " + $0.trimmingTrailingSpaces() }
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
