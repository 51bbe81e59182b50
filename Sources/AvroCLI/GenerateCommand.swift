import Avro
import Foundation

/// The `generate` command: Swift types from schema files (avro-tools' `compile schema`).
extension Command {
    static let generate = Command(
        name: "generate",
        summary: "Generate Swift types from schemas.",
        synopsis: "generate [--access public|internal] [--namespace-prefix] [-o FILE] S.avsc|P.avpr|I.avdl|DIR...",
        discussion: """
            Writes one Swift source file declaring a type for every named type of the schemas:
            records as structs, enums as String enums, unions as optionals or enums with a case
            per branch, each Codable, Hashable, Sendable and AvroBinaryCodable, carrying its
            schema exactly as written. Schemas come from .avsc files, the types of protocols
            (.avpr) and Avro IDL files (.avdl, with what they import); a directory stands for
            the .avsc, .avpr and .avdl files in it. A schema may use the named types of the
            other files, whatever their order. Messages of protocols are not generated. The
            source goes to standard output unless -o is given.
            """,
        options: [
            .value("--access", valueName: "LEVEL", help: "The access level of the declarations: public (the default) or internal."),
            .flag("--namespace-prefix", help: "Name types with their namespace's parts first (ComExamplePerson), for schemas that reuse a short name."),
            .value("--output", "-o", valueName: "FILE", help: "Write the source to FILE (`-`: standard output)."),
        ],
        operands: 1...Int.max,
        example: "generate -o Weather.swift schemas/",
        run: { arguments, console in
            var options = AvroSwiftGenerator.Options()
            if let access = arguments.value("--access") {
                guard let level = AvroSwiftGenerator.Options.AccessLevel(rawValue: access) else {
                    throw CLIError.usage("unknown access level '\(access)'; expected public or internal")
                }
                options.accessLevel = level
            }
            if arguments.flag("--namespace-prefix") { options.typeNaming = .namespacePrefixed }
            let inputs = try SchemaFiles.inputs(arguments.operands)
            let schemas = try SchemaFiles.parse(inputs)
            let source: String
            do {
                source = try AvroSwiftGenerator(options: options).generate(schemas)
            } catch {
                throw CLIError.failure("cannot generate Swift: \(error)")
            }
            let output = try OutputFile(path: arguments.value("--output") ?? "-", inputs: inputs)
            try output.write { handle in try handle.write(contentsOf: Data(source.utf8)) }
            return 0
        })
}

/// Schema files named on the command line, parsed so that each may use the named types of
/// the others.
enum SchemaFiles {
    /// The extensions of the files that hold schemas: JSON schemas, protocols and IDL.
    static let schemaExtensions = [".avsc", ".avpr", ".avdl"]

    /// The files `operands` name: files as given, directories as the `.avsc`, `.avpr` and
    /// `.avdl` files in them (sorted by name).
    static func inputs(_ operands: [String]) throws(CLIError) -> [InputFile] {
        var inputs: [InputFile] = []
        for operand in operands {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: operand, isDirectory: &isDirectory), isDirectory.boolValue {
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: operand)
                } catch {
                    throw .failure("\(operand): cannot be listed: \(error.localizedDescription)")
                }
                let files = names.filter { name in schemaExtensions.contains { name.hasSuffix($0) } }.sorted()
                guard !files.isEmpty else { throw .failure("\(operand): has no .avsc, .avpr or .avdl files") }
                inputs += files.map { InputFile(path: (operand as NSString).appendingPathComponent($0)) }
            } else {
                inputs.append(InputFile(path: operand))
            }
        }
        return inputs
    }

    /// Parses `inputs`: protocols and IDL files first (each stands on its own, with what it
    /// imports), then the schema files, each with the named types of those parsed before it as
    /// known types. A schema file that uses a type of a later one is parsed again once that one
    /// is; a file that cannot be parsed whatever the order gives its first error.
    static func parse(_ inputs: [InputFile]) throws(CLIError) -> [AvroSchema] {
        var whole: [AvroSchema] = []
        var texts: [(input: InputFile, data: Data)] = []
        for input in inputs {
            if input.path.hasSuffix(".avdl") {
                whole += try IDLFiles.read(input, importPaths: nil, console: nil).namedSchemas
            } else if input.path.hasSuffix(".avpr") {
                let data = try input.readAll()
                do {
                    whole += try AvroProtocol(parsing: data).types
                } catch {
                    throw data.withUnsafeBytes { CLIError.reading(error, source: input.name, text: $0) }
                }
            } else {
                texts.append((input, try input.readAll()))
            }
        }
        var parsed: [AvroSchema?] = Array(repeating: nil, count: texts.count)
        var progress = true
        while progress {
            progress = false
            for index in texts.indices where parsed[index] == nil {
                let known = whole + parsed.compactMap { $0 }
                if let schema = try? AvroSchema(parsing: texts[index].data, knownTypes: known) {
                    parsed[index] = schema
                    progress = true
                }
            }
        }
        guard let failed = parsed.firstIndex(where: { $0 == nil }) else { return whole + parsed.compactMap { $0 } }
        let (input, data) = texts[failed]
        do {
            _ = try AvroSchema(parsing: data, knownTypes: whole + parsed.compactMap { $0 })
        } catch {
            throw data.withUnsafeBytes { CLIError.reading(error, source: input.name, text: $0) }
        }
        return parsed.compactMap { $0 }
    }
}
