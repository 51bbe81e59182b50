/// The text of an IDL documentation comment as it becomes a `doc`: what lies between `/**`
/// and `*/`, trimmed, without the stars or the indentation that start its lines.
enum IDLDocText {
    /// `raw`, the text between `/**` and `*/`, made into a doc.
    ///
    /// When the first line starts with one or two stars and every other line with the same
    /// stars after some indentation, those stars (and one space after them) are removed from
    /// every line. Otherwise, when every line after the first starts with the indentation of
    /// the second (or a shorter part of it), that indentation is removed. That is what Java's
    /// IDL reader does, so the docs are the same.
    static func stripped(_ raw: String) -> String {
        let text = raw.trimmingJavaWhitespace()
        let lines = text.splitLines()
        for stars in ["**", "*"] where lines.allSatisfy({ $0.text.trimmingHorizontalSpace().hasPrefix(stars) }) && text.hasPrefix(stars) {
            return lines.map { line in
                var rest = line.text.trimmingHorizontalSpace().dropFirst(stars.count)
                if let first = rest.first, first.isHorizontalSpace { rest = rest.dropFirst() }
                return String(rest) + line.terminator
            }.joined()
        }
        guard lines.count > 1 else { return text }
        var indent = Substring(lines[1].text.prefix { $0.isHorizontalSpace })
        while !lines.dropFirst(2).allSatisfy({ $0.text.hasPrefix(indent) }) { indent = indent.dropLast() }
        return lines.enumerated().map { index, line in
            (index == 0 ? line.text : String(line.text.dropFirst(indent.count))) + line.terminator
        }.joined()
    }
}

extension Character {
    /// A space or tab, or another horizontal white space character.
    fileprivate var isHorizontalSpace: Bool { isWhitespace && !isNewline }
}

extension String {
    /// The text without the characters up to U+0020 at either end, as Java's `trim()`.
    fileprivate func trimmingJavaWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
              let last = scalars.lastIndex(where: { $0.value > 0x20 }) else { return "" }
        return String(scalars[first...last])
    }

    fileprivate func trimmingHorizontalSpace() -> Substring {
        drop { $0.isHorizontalSpace }
    }

    /// The lines of the text, each with the line break that ends it (none for the last).
    fileprivate func splitLines() -> [(text: String, terminator: String)] {
        var lines: [(text: String, terminator: String)] = []
        var current = ""
        for character in self {
            if character.isNewline {
                lines.append((current, String(character)))
                current = ""
            } else {
                current.append(character)
            }
        }
        lines.append((current, ""))
        return lines
    }
}
