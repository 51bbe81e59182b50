import Avro

/// The commands on schema files: `canonical`, `fingerprint`, `compat` and `validate`.
extension Command {
    static let canonical = Command(
        name: "canonical",
        summary: "Print the Parsing Canonical Form of a schema.",
        synopsis: "canonical S.avsc",
        discussion: "The form the specification defines for fingerprints: no attributes but the ones that matter for reading, full names, no white space.",
        operands: 1...1,
        example: "canonical weather.avsc",
        run: { arguments, console in
            try console.writeLine(InputFile(path: arguments.operands[0]).readSchema().canonicalForm)
            return 0
        })

    static let fingerprint = Command(
        name: "fingerprint",
        summary: "Print the fingerprint of a schema's canonical form, in hex.",
        synopsis: "fingerprint [--algorithm crc64|md5|sha256] S.avsc|P.avpr [S.avsc|P.avpr...]",
        discussion: """
            crc64 is CRC-64-AVRO (the Rabin fingerprint of single-object encoding), printed as
            its 8 bytes in little-endian order, as they appear in single-object messages and as
            Python's avro prints it; md5 and sha256 are printed in the usual byte order. With
            several schemas, each line is the fingerprint, a space and the file's name, as
            avro-tools prints them; avro-tools' spelling --fingerprint CRC-64-AVRO|MD5|SHA-256
            is accepted too. For a protocol (.avpr, a JSON object with "protocol"), the
            fingerprint is the MD5 Java computes and Avro RPC's handshake sends, whatever the
            algorithm asked (a protocol has no other).
            """,
        options: [
            .value("--algorithm", "--fingerprint", valueName: "ALGORITHM", help: "crc64 (the default), md5 or sha256."),
        ],
        operands: 1...Int.max,
        example: "fingerprint --algorithm sha256 weather.avsc",
        run: { arguments, console in
            let name = arguments.value("--algorithm") ?? AvroFingerprintAlgorithm.crc64Avro.rawValue
            // avro-tools names the algorithms as Java's MessageDigest does.
            let javaNames: [String: AvroFingerprintAlgorithm] = ["CRC-64-AVRO": .crc64Avro, "MD5": .md5, "SHA-256": .sha256]
            guard let algorithm = AvroFingerprintAlgorithm(rawValue: name) ?? javaNames[name] else {
                throw CLIError.usage("unknown algorithm '\(name)'; expected one of \(AvroFingerprintAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            for path in arguments.operands {
                let input = InputFile(path: path)
                let bytes = switch try input.readSchemaOrProtocol() {
                case .schema(let schema): schema.fingerprint(algorithm)
                case .avroProtocol(let avroProtocol): avroProtocol.md5
                }
                let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                try console.writeLine(arguments.operands.count == 1 ? hex : hex + " " + input.name)
            }
            return 0
        })

    static let compat = Command(
        name: "compat",
        summary: "Tell whether data written with one schema can be read with another.",
        synopsis: "compat --writer W.avsc --reader R.avsc",
        discussion: """
            Applies the schema resolution rules of the specification. Prints `compatible`, or
            `incompatible` and every reason on its own line (the JSON path in the reader's
            schema, then what is wrong); the exit status is then 1.
            """,
        options: [
            .value("--writer", valueName: "W.avsc", help: "The schema the data is written with (required)."),
            .value("--reader", valueName: "R.avsc", help: "The schema the data is read with (required)."),
        ],
        operands: 0...0,
        example: "compat --writer weather-v1.avsc --reader weather-v2.avsc",
        run: { arguments, console in
            let writer = try InputFile(path: arguments.required("--writer")).readSchema()
            let reader = try InputFile(path: arguments.required("--reader")).readSchema()
            let problems = AvroSchemaCompatibility.check(reader: reader, writer: writer)
            guard !problems.isEmpty else {
                try console.writeLine("compatible")
                return 0
            }
            try console.writeLine("incompatible: \(problems.count) reason\(problems.count == 1 ? "" : "s")")
            for problem in problems {
                try console.writeLine("  " + problem.description)
            }
            return CLIError.failureStatus
        })

    static let validate = Command(
        name: "validate",
        summary: "Check a schema file against every rule of the specification.",
        synopsis: "validate S.avsc",
        discussion: """
            Prints `S.avsc: valid` when the schema is valid. Otherwise reports the first error
            on standard error, with its line and column for bad JSON or its JSON path in the
            schema (`fields[2].type`), and the exit status is 1.
            """,
        operands: 1...1,
        example: "validate weather.avsc",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands[0])
            _ = try input.readSchema()
            try console.writeLine("\(input.name): valid")
            return 0
        })
}
