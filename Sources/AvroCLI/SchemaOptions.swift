import Avro
import Foundation

/// A schema given on the command line, as avro-tools takes it: `--schema-file FILE`, or
/// `--schema` followed by the schema's JSON itself. `--schema` also takes a file's path (this
/// tool's first spelling): a value that starts with `{`, `[` or `"` (after white space) is
/// JSON, anything else a path.
struct SchemaOption {
    /// The option that takes a path or JSON (`--schema`).
    let inline: OptionSpec
    /// The option that takes only a path (`--schema-file`).
    let file: OptionSpec

    /// `--schema` and `--schema-file`: the schema of the records.
    static let records = SchemaOption(
        inline: .value("--schema", valueName: "S.avsc|JSON", help: "The schema of the records: a file, or its JSON text."),
        file: .value("--schema-file", valueName: "S.avsc", help: "The schema of the records, from a file."))

    /// `--reader-schema` and `--reader-schema-file`: the schema to resolve the records into.
    static let reader = SchemaOption(
        inline: .value("--reader-schema", valueName: "S.avsc|JSON", help: "Resolve the records to this schema: a file, or its JSON text."),
        file: .value("--reader-schema-file", valueName: "S.avsc", help: "Resolve the records to the schema in this file."))

    /// Both options, for a command's list.
    var options: [OptionSpec] { [inline, file] }

    /// Where the schema came from: a file (or standard input), or the text of an option.
    enum Source {
        case file(InputFile)
        case text(String, option: String)

        /// The name used in messages: the file's, or the option's.
        var name: String {
            switch self {
            case .file(let input): input.name
            case .text(_, let option): option
            }
        }

        /// The file, when the schema came from one.
        var file: InputFile? {
            if case .file(let input) = self { input } else { nil }
        }
    }

    /// Where the schema given in `arguments` comes from, or `nil` when neither option was
    /// given; a usage error when both were.
    func source(in arguments: ParsedArguments) throws(CLIError) -> Source? {
        switch (arguments.value(inline.key), arguments.value(file.key)) {
        case (nil, nil):
            return nil
        case (_?, _?):
            throw .usage("give \(inline.key) or \(file.key), not both")
        case (nil, let path?):
            return .file(InputFile(path: path))
        case (let value?, nil):
            let start = value.first { !$0.isWhitespace }
            return start == "{" || start == "[" || start == "\"" ? .text(value, option: inline.key) : .file(InputFile(path: value))
        }
    }

    /// The schema given in `arguments` and where it came from, or `nil` when none was given.
    func schema(in arguments: ParsedArguments) throws(CLIError) -> (schema: AvroSchema, source: Source)? {
        guard let source = try source(in: arguments) else { return nil }
        switch source {
        case .file(let input):
            return (try input.readSchema(), source)
        case .text(let text, let option):
            do {
                return (try AvroSchema(parsing: text), source)
            } catch {
                throw Data(text.utf8).withUnsafeBytes { CLIError.reading(error, source: option, text: $0) }
            }
        }
    }

    /// The schema given in `arguments`; a usage error when none was given.
    func required(in arguments: ParsedArguments) throws(CLIError) -> (schema: AvroSchema, source: Source) {
        guard let given = try schema(in: arguments) else { throw .usage("\(inline.key) or \(file.key) is required") }
        return given
    }
}
