import Avro
import Foundation

/// `avro tojson`: the records of a container file in the Avro JSON encoding, one per line.
extension Command {
    static let toJSON = Command(
        name: "tojson",
        summary: "Print the records of a container file as Avro JSON, one record per line.",
        synopsis: "tojson FILE [--pretty] [--head [N]] [--reader-schema-file S.avsc | --reader-schema JSON] [--threads N]",
        discussion: """
            Uses the Avro JSON encoding, as avro-tools and fastavro's json_writer do: unions as
            {"branch": value} (null bare, named branches by full name), bytes and fixed as
            strings of the characters U+0000...U+00FF, enums as their symbols, NaN and
            infinities as "NaN", "Infinity" and "-Infinity". --head alone prints the first 10
            records. With a reader schema (--reader-schema-file, or --reader-schema with the
            schema's JSON or a file), the records are resolved from the file's schema to that
            schema first; a writer union branch or enum symbol that schema lacks stops only at a
            record that uses it. The records read before an error are printed. A file of more
            than 1 MB is read on as many threads as the machine has cores, up to 8 (--threads
            sets how many; 1 reads on one), in byte ranges printed in order: the output is the
            same.
            The options but --threads are avro-tools' own.
            """,
        options: [
            .flag("--pretty", help: "Lay each record out on several indented lines."),
            .number("--head", valueName: "N", whenBare: "10", help: "Print only the first N records (10 when N is left out)."),
            .value("--threads", valueName: "N", help: "Read a file on N threads (default: the cores up to 8, for files over 1 MB)."),
        ] + SchemaOption.reader.options,
        operands: 1...1,
        example: "tojson --head 2 weather.avro",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands[0])
            let pretty = arguments.flag("--pretty")
            let head = try arguments.integer("--head", in: 0...Int.max) ?? .max
            let given = try SchemaOption.reader.schema(in: arguments)
            let readerSchema = given?.schema
            let reader = try input.openContainer(readerSchema: readerSchema)
            if let given, let readerSchema {
                // Said at once for the whole file, rather than at the first record it stops. A
                // writer union branch or enum symbol the reader lacks stops only a record that
                // has it.
                let problems = AvroSchemaCompatibility.check(reader: readerSchema, writer: reader.header.schema).filter { !$0.failsOnlyWhenUsed }
                if !problems.isEmpty {
                    let reasons = problems.map(\.description).joined(separator: "; ")
                    throw CLIError.failure("\(given.source.name) cannot read the records of \(input.name): \(reasons)")
                }
            }
            let progress = Progress(console: console, label: "tojson", size: input.size)
            defer { progress.finish() }
            let size = input.size
            let threads = try arguments.integer("--threads", in: 1...256)
                ?? (size ?? 0 > 1_000_000 ? min(ProcessInfo.processInfo.activeProcessorCount, ParallelJSON.defaultMaxThreads) : 1)
            if threads > 1, head == .max, let size {
                try ParallelJSON.print(input, size: size, schema: readerSchema ?? reader.header.schema, readerSchema: readerSchema, pretty: pretty,
                                       threads: threads, rangeSize: ParallelJSON.rangeSize(fileSize: size, threads: threads), console: console, progress: progress)
                return 0
            }
            var printed = 0
            while printed < head {
                let next: AvroValue?
                do {
                    next = try reader.next()
                } catch {
                    throw CLIError.reading(error, source: input.name)
                }
                guard let next else { break }
                do {
                    try console.writeLine(next.avroJSONString(as: readerSchema ?? reader.header.schema, pretty: pretty))
                } catch {
                    throw CLIError.inRecord(printed, of: input.name, error)
                }
                printed += 1
                progress.advance(at: reader.blockOffset)
            }
            return 0
        })
}
