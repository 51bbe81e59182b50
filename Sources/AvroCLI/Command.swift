import Foundation

/// One command of the tool (`tojson`, `count`, …): its help and what it does.
struct Command: Sendable {
    /// The name typed after `avro`.
    let name: String
    /// Other names of the same command (`cat` for `concat`).
    var aliases: [String] = []
    /// One line for the list of commands.
    let summary: String
    /// How to call it, without `avro` (`"tojson FILE [--pretty] [--head N]"`).
    let synopsis: String
    /// More help: what it prints, what it expects.
    let discussion: String
    /// The options it accepts (`--help` is always accepted).
    var options: [OptionSpec] = []
    /// How many operands it takes.
    let operands: ClosedRange<Int>
    /// An example call, without `avro`.
    let example: String
    /// Runs the command; returns its exit status (0, or 1 for a negative verdict such as
    /// incompatible schemas) or throws a ``CLIError``.
    let run: @Sendable (ParsedArguments, Console) throws -> Int32

    /// All the names of the command.
    var names: [String] { [name] + aliases }

    /// The text `avro COMMAND --help` prints.
    var help: String {
        var text = "usage: avro \(synopsis)\n"
        for alias in aliases { text += "       avro \(synopsis.replacingFirst(name, with: alias))\n" }
        text += "\n\(summary)\n\n\(discussion)\n"
        let all = options + [.flag("--help", "-h", help: "Show this help.")]
        text += "\noptions:\n"
        let labels = all.map(\.label)
        let width = labels.map(\.count).max() ?? 0
        for (label, option) in zip(labels, all) {
            text += "  " + label + String(repeating: " ", count: width - label.count + 2) + option.help + "\n"
        }
        text += "\nexample:\n  avro \(example)\n"
        return text
    }

    /// Parses `arguments` and checks the number of operands.
    func parse(_ arguments: [String]) throws(CLIError) -> ParsedArguments {
        let parsed = try ParsedArguments.parse(arguments, options: options, command: name)
        let count = parsed.operands.count
        if count < operands.lowerBound {
            throw .usage("expected \(operands.lowerBound == operands.upperBound ? "" : "at least ")\(operands.lowerBound) operand\(operands.lowerBound == 1 ? "" : "s"), found \(count)")
        }
        if count > operands.upperBound {
            let extra = parsed.operands[operands.upperBound]
            throw .usage("unexpected operand '\(extra)' (expected at most \(operands.upperBound))")
        }
        return parsed
    }
}

extension String {
    /// This text with the first occurrence of `target` replaced.
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
