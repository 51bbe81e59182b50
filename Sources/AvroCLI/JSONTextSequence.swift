/// Splits text holding a sequence of JSON values (one per line, or pretty-printed over several
/// lines, separated by white space) into the byte ranges of the values, without parsing them.
///
/// Only the nesting of brackets and braces outside strings is followed; whether each value is
/// valid JSON is left to the parser. A value that is cut off at the end of the text runs to
/// the end, so that the parser reports where it ends.
struct JSONTextSequence: Sequence, IteratorProtocol {
    private let text: UnsafeRawBufferPointer
    private var position = 0

    /// Splits `text`, which must stay valid while the sequence is used.
    init(_ text: UnsafeRawBufferPointer) {
        self.text = text
    }

    /// The range of the next value, or `nil` when only white space is left.
    mutating func next() -> Range<Int>? {
        while position < text.count, Self.isSpace(text[position]) { position += 1 }
        guard position < text.count else { return nil }
        let start = position
        switch text[position] {
        case UInt8(ascii: "{"), UInt8(ascii: "["): position = endOfContainer(from: start)
        case UInt8(ascii: "\""): position = endOfString(from: start)
        default:
            while position < text.count, !Self.isSpace(text[position]) { position += 1 }
        }
        return start..<position
    }

    /// The offset after the bracket or brace that closes the one at `start`.
    private func endOfContainer(from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\""):
                index = endOfString(from: index)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default:
                break
            }
            index += 1
        }
        return text.count
    }

    /// The offset after the quote that closes the string opening at `start`.
    private func endOfString(from start: Int) -> Int {
        var index = start + 1
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return text.count
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
    }
}
