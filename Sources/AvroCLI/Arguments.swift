/// An option a command accepts: a flag (`--pretty`) or an option with a value (`--head N`).
struct OptionSpec: Sendable {
    /// The option's names, the long one first (`["--output", "-o"]`).
    let names: [String]
    /// The name of the value in the help (`"N"`), or `nil` for a flag.
    let valueName: String?
    /// One line of help.
    let help: String
    /// The value of an option given without one (`--head` alone meaning `--head 10`, as in
    /// avro-tools), or `nil` when the value is required. Such an option takes the next
    /// argument as its value only when that is a whole number.
    var bareValue: String? = nil

    /// The name the parsed arguments are stored under: the first of ``names``.
    var key: String { names[0] }

    /// A flag: present or not.
    static func flag(_ names: String..., help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: nil, help: help)
    }

    /// An option followed by a value.
    static func value(_ names: String..., valueName: String, help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: valueName, help: help)
    }

    /// An option followed by a whole number, or given alone to mean `bare`.
    static func number(_ names: String..., valueName: String, whenBare bare: String, help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: valueName, help: help, bareValue: bare)
    }

    /// The option as the help lists it: `--head [N]`, `--output, -o FILE`, `--pretty`.
    var label: String {
        let value = valueName.map { bareValue == nil ? " " + $0 : " [" + $0 + "]" } ?? ""
        return names.joined(separator: ", ") + value
    }
}

/// The arguments of one command once parsed: flags, option values and operands.
struct ParsedArguments {
    /// The command, for messages (`"tojson"`).
    let command: String
    /// The operands (arguments that are not options), in order. `-` is an operand.
    private(set) var operands: [String] = []
    private var flags: Set<String> = []
    private var values: [String: String] = [:]

    init(command: String) {
        self.command = command
    }

    /// Whether the flag `name` (its first name, `"--pretty"`) was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of the option `name` (its first name), or `nil` when it was not given.
    func value(_ name: String) -> String? { values[name] }

    /// The value of the option `name`; a usage error when it was not given.
    func required(_ name: String) throws(CLIError) -> String {
        guard let value = values[name] else { throw .usage("\(name) is required") }
        return value
    }

    /// The value of the option `name` as a whole number in `range`, or `nil` when it was not
    /// given; a usage error when it is not such a number.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let number = Int(text), range.contains(number) else {
            let bounds = range.upperBound == .max ? "at least \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            throw .usage("\(name) expects a whole number \(bounds), found '\(text)'")
        }
        return number
    }

    /// Reads `arguments` against `options`.
    ///
    /// Accepted forms: `--name value`, `--name=value`, `-o value`, flags alone, an option with
    /// a bare value alone (see ``OptionSpec/bareValue``); `--` ends the options; `-` alone is an
    /// operand (standard input or output).
    ///
    /// - Throws: ``CLIError`` with the usage status for an unknown option, a missing value,
    ///   an option given twice, or a value given to a flag.
    static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(CLIError) -> ParsedArguments {
        var parsed = ParsedArguments(command: command)
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !optionsEnded, argument.hasPrefix("-"), argument != "-" else {
                parsed.operands.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.names.contains(name) }) else {
                throw .usage("unknown option '\(name)'")
            }
            guard !parsed.flags.contains(spec.key), parsed.values[spec.key] == nil else {
                throw .usage("\(name) is given more than once")
            }
            guard spec.valueName != nil else {
                guard inlineValue == nil else { throw .usage("\(name) takes no value") }
                parsed.flags.insert(spec.key)
                continue
            }
            if let inlineValue {
                parsed.values[spec.key] = inlineValue
            } else if let bare = spec.bareValue, index == arguments.count || Int(arguments[index]) == nil {
                parsed.values[spec.key] = bare
            } else {
                guard index < arguments.count else { throw .usage("\(name) expects a value") }
                parsed.values[spec.key] = arguments[index]
                index += 1
            }
        }
        return parsed
    }
}
