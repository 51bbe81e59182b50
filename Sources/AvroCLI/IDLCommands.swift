import Avro
import Foundation

/// The commands on Avro IDL files: `idl` and `idl2schemata`, as avro-tools names them.
extension Command {
    static let idl = Command(
        name: "idl",
        summary: "Turn an Avro IDL file into its protocol (.avpr) or schema (.avsc).",
        synopsis: "idl [--import-path DIRS] [IN.avdl|- [OUT|-]]",
        discussion: """
            Reads the IDL file and the files it imports, and writes the protocol it declares as
            JSON, or for a schema file (`schema T;`) the main schema, laid out as avro-tools'
            idl writes them (Jackson's pretty printer, no line feed at the end). Standard input and output are used when the files are
            left out or given as -. Imports are looked for next to the importing file, then in
            the --import-path directories. Documentation comments that belong to nothing are
            reported on standard error as warnings. Errors name the file, line and column.
            """,
        options: [
            .value("--import-path", "-I", valueName: "DIRS", help: "Directories (separated by ':') where imports are looked for next."),
        ],
        operands: 0...2,
        example: "idl service.avdl service.avpr",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands.first ?? "-")
            let idl = try IDLFiles.read(input, importPaths: arguments.value("--import-path"), console: console)
            let json: AvroJSON
            if let avroProtocol = idl.avroProtocol {
                json = avroProtocol.json
            } else if let mainSchema = idl.mainSchema {
                json = mainSchema.json
            } else {
                throw CLIError.failure("\(input.name): the IDL file declares neither a protocol nor a main schema ('schema T;'); idl2schemata writes its named types")
            }
            let output = try OutputFile(path: arguments.operands.count > 1 ? arguments.operands[1] : "-", inputs: [input])
            try output.write { handle in try handle.write(contentsOf: Data(json.serialized(.init(pretty: true, javaStyle: true)).utf8)) }
            return 0
        })

    static let idl2schemata = Command(
        name: "idl2schemata",
        summary: "Write one schema file (.avsc) per named type of an Avro IDL file.",
        synopsis: "idl2schemata [--import-path DIRS] IN.avdl|- [OUTDIR]",
        discussion: """
            Reads the IDL file and the files it imports, and writes each named type (record,
            error, enum, fixed), declared or imported, to OUTDIR/NAME.avsc, standing alone: the
            types it uses are defined inside it, laid out as avro-tools writes them. OUTDIR is created if needed; it is the current
            directory when left out. Two types of one simple name in different namespaces would
            write the same file; that is an error.
            """,
        options: [
            .value("--import-path", "-I", valueName: "DIRS", help: "Directories (separated by ':') where imports are looked for next."),
        ],
        operands: 1...2,
        example: "idl2schemata service.avdl schemas/",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands[0])
            let idl = try IDLFiles.read(input, importPaths: arguments.value("--import-path"), console: console)
            let directory = arguments.operands.count > 1 ? arguments.operands[1] : "."
            var seen: [String: AvroName] = [:]
            for schema in idl.namedSchemas {
                guard let name = schema.name else { continue }
                if let other = seen[name.name] {
                    throw CLIError.failure("\(input.name): the types '\(other)' and '\(name)' would both be written to \(name.name).avsc")
                }
                seen[name.name] = name
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw CLIError.failure("\(directory): cannot be created: \(error.localizedDescription)")
            }
            for schema in idl.namedSchemas {
                guard let name = schema.name else { continue }
                let output = try OutputFile(path: (directory as NSString).appendingPathComponent(name.name + ".avsc"), inputs: [input])
                try output.write { handle in try handle.write(contentsOf: Data((schema.json.serialized(.init(pretty: true, javaStyle: true)) + "\n").utf8)) }
            }
            return 0
        })
}

/// IDL files named on the command line.
enum IDLFiles {
    /// Reads the IDL of `input`, with imports looked for in `importPaths` (separated by `:`)
    /// too, and prints its warnings on `console` when given.
    static func read(_ input: InputFile, importPaths: String?, console: Console?) throws(CLIError) -> AvroIDL {
        let data = try input.readAll()
        let paths = (importPaths ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        let directory = input.isStandardInput ? nil : URL(fileURLWithPath: input.path).deletingLastPathComponent()
        let idl: AvroIDL
        do {
            idl = try AvroIDL(parsing: data, fileName: input.name, directory: directory, importPaths: paths)
        } catch {
            throw CLIError.describing(error)
        }
        for warning in idl.warnings { console?.writeError("avro: warning: \(warning)\n") }
        return idl
    }
}
