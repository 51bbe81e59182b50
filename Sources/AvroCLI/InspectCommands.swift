import Avro
import Foundation

/// The commands that read only the header of a container file, or its block counts:
/// `getschema`, `getmeta` and `count`.
extension Command {
    static let getSchema = Command(
        name: "getschema",
        summary: "Print the writer schema of a container file, as pretty JSON.",
        synopsis: "getschema FILE",
        discussion: "Reads only the header of FILE (`-` for standard input).",
        operands: 1...1,
        example: "getschema weather.avro",
        run: { arguments, console in
            let reader = try InputFile(path: arguments.operands[0]).openContainer()
            try console.writeLine(reader.header.schema.jsonString(pretty: true))
            return 0
        })

    static let getMeta = Command(
        name: "getmeta",
        summary: "Print the header metadata of a container file, one key<TAB>value per line.",
        synopsis: "getmeta FILE [--key K]",
        discussion: """
            Keys are sorted. A value that is UTF-8 text is printed as it is, with control
            characters escaped (\\n, \\t, \\r, \\u00XX) so that each entry stays on one line; any
            other value is printed as `0x` and its bytes in hex. With --key, only that key's
            value is printed, and a file without the key is a failure.
            """,
        options: [.value("--key", valueName: "K", help: "Print only the value of the metadata key K.")],
        operands: 1...1,
        example: "getmeta --key avro.codec weather.avro",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands[0])
            let reader = try input.openContainer()
            if let key = arguments.value("--key") {
                guard let value = reader.header.metadata[key] else {
                    throw CLIError.failure("\(input.name) has no metadata key '\(key)'")
                }
                try console.writeLine(metadataText(value))
                return 0
            }
            for (key, value) in reader.header.metadata.sorted(by: { $0.key < $1.key }) {
                try console.writeLine(escaped(key) + "\t" + metadataText(value))
            }
            return 0
        })

    static let count = Command(
        name: "count",
        summary: "Print the number of records in a container file.",
        synopsis: "count FILE",
        discussion: """
            Adds up the record counts of the blocks without decompressing or decoding them;
            every block's framing and sync marker is still checked.
            """,
        operands: 1...1,
        example: "count weather.avro",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands[0])
            try input.checkReadable()
            let url = URL(fileURLWithPath: input.isStandardInput ? "/dev/stdin" : input.path)
            do {
                try console.writeLine(String(AvroFileReader<AvroValue>.count(url: url)))
            } catch {
                throw CLIError.reading(error, source: input.name)
            }
            return 0
        })

    /// A metadata value for `getmeta`: its text when it is UTF-8, else `0x` and hex.
    private static func metadataText(_ value: [UInt8]) -> String {
        guard let text = String(validating: value, as: UTF8.self) else {
            return "0x" + value.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
        return escaped(text)
    }

    /// `text` with control characters escaped, so that it fits on one line.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
