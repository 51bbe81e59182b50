/// The `avro` tool: finds the command, runs it, and turns its outcome into an exit status and
/// at most one line on standard error.
enum CLI {
    /// The package's version: the top entry of `CHANGELOG.md`, with `-dev` while it is unreleased.
    static let version = "0.1.0-dev"

    /// Every command, in the order of the overall help.
    static let commands: [Command] = [
        .getSchema, .getMeta, .count, .toJSON, .fromJSON, .concat, .recodec, .repair,
        .canonical, .fingerprint, .compat, .random, .validate, .induce, .generate, .idl, .idl2schemata,
    ]

    /// Runs the tool with `arguments` (without the program name) and returns the exit status:
    /// 0 on success, 1 on failure, 2 on a usage error.
    static func run(_ arguments: [String], console: Console) -> Int32 {
        guard let first = arguments.first else {
            console.writeError(overview)
            return CLIError.usageStatus
        }
        if first == "--help" || first == "-h" || first == "help" {
            return help(for: arguments.dropFirst().first, console: console)
        }
        if first == "--version" || first == "version" {
            return print("avro \(version) (swift-avro, Avro specification 1.12)\n", console: console)
        }
        guard let command = commands.first(where: { $0.names.contains(first) }) else {
            console.writeError("avro: unknown command '\(first)' (see 'avro --help')\n")
            return CLIError.usageStatus
        }
        let rest = Array(arguments.dropFirst())
        let optionsPart = rest.prefix { $0 != "--" }
        if optionsPart.contains("--help") || optionsPart.contains("-h") {
            return print(command.help, console: console)
        }
        do {
            let status = try command.run(command.parse(rest), console)
            try console.flush()
            return status
        } catch let error as CLIError {
            let hint = error.status == CLIError.usageStatus ? " (see 'avro \(first) --help')" : ""
            console.writeError("avro \(first): \(error.message)\(hint)\n")
            return error.status
        } catch {
            console.writeError("avro \(first): \(CLIError.describing(error).message)\n")
            return CLIError.failureStatus
        }
    }

    /// `avro --help [COMMAND]`.
    private static func help(for name: String?, console: Console) -> Int32 {
        guard let name else { return print(overview, console: console) }
        guard let command = commands.first(where: { $0.names.contains(name) }) else {
            console.writeError("avro: unknown command '\(name)' (see 'avro --help')\n")
            return CLIError.usageStatus
        }
        return print(command.help, console: console)
    }

    private static func print(_ text: String, console: Console) -> Int32 {
        do {
            try console.writeLine(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            try console.flush()
            return 0
        } catch {
            return CLIError.failureStatus
        }
    }

    /// The overall help: every command with its summary.
    static var overview: String {
        let width = commands.map { $0.names.joined(separator: ", ").count }.max() ?? 0
        var text = """
            usage: avro COMMAND [OPTIONS] [OPERANDS]

            Inspect, convert and create Apache Avro files. `-` stands for standard input or
            output. Exit status: 0 success, 1 failure (unreadable or invalid input, incompatible
            schemas), 2 usage error.

            commands:

            """
        for command in commands {
            let names = command.names.joined(separator: ", ")
            text += "  " + names + String(repeating: " ", count: width - names.count + 2) + command.summary + "\n"
        }
        text += "\nRun 'avro COMMAND --help' for the options and an example of each command;\n"
        text += "'avro --version' prints the version.\n"
        return text
    }
}
