import Avro

/// `avro repair`: the readable records of a damaged container file, in a new file.
extension Command {
    static let repair = Command(
        name: "repair",
        summary: "Recover the readable records of a damaged container file.",
        synopsis: "repair [-o all|before|after|report] IN OUT",
        discussion: """
            Reads IN, skipping each corrupt part (a block whose count, size, sync marker or data
            is bad, or a file cut short) up to the next sync marker, and writes the records it
            can read to OUT with IN's schema, codec and metadata. The modes are avro-tools':
            all (the default) keeps every readable record, before only those before the first
            corrupt part, after only those after it, and report writes nothing (OUT is not
            needed). Then a summary: the records and blocks recovered, and each part skipped
            with its bytes and why. It goes to standard output, or to standard error when the
            records do (OUT `-`).
            """,
        options: [.value("--option", "-o", valueName: "MODE", help: "all (the default), before, after or report, as in avro-tools.")],
        operands: 1...2,
        example: "repair damaged.avro recovered.avro",
        run: { arguments, console in
            let mode = arguments.value("--option") ?? "all"
            guard ["all", "before", "after", "report"].contains(mode) else {
                throw CLIError.usage("-o expects all, before, after or report, found '\(mode)'")
            }
            let input = InputFile(path: arguments.operands[0])
            guard mode == "report" || arguments.operands.count == 2 else { throw CLIError.usage("the output file is missing") }
            let reader = try input.openContainer(skipsCorruptBlocks: true)
            let header = reader.header
            let codec: any AvroCodec
            do {
                codec = try AvroCodecs.codec(named: header.codecName)
            } catch {
                throw CLIError.reading(error, source: input.name)
            }
            var recovery = Recovery(mode: mode)
            let progress = Progress(console: console, label: "repair", size: input.size)
            defer { progress.finish() }
            /// Reads the records, passing on those the mode keeps.
            func recover(_ keep: (AvroValue) throws -> Void) throws {
                while let value = try readNext(reader, from: input) {
                    if recovery.keeps(value, at: reader) { try keep(value) }
                    progress.advance(at: reader.blockOffset)
                }
            }
            let summaryToError: Bool
            if mode == "report" {
                try recover { _ in }
                summaryToError = false
            } else {
                let output = try OutputFile(path: arguments.operands[1], inputs: [input])
                try output.writeContainer(schema: header.schema, codec: codec, metadata: userMetadata(header)) { writer in
                    try recover { value in
                        do {
                            try writer.append(value)
                        } catch {
                            throw CLIError.reading(error, source: output.name)
                        }
                    }
                }
                summaryToError = output.isStandardOutput
            }
            progress.finish()
            for line in recovery.summary(of: reader, file: input.name) {
                if summaryToError { console.writeError(line + "\n") } else { try console.writeLine(line) }
            }
            return 0
        })

    /// The next record of `reader`, or `nil` at the end; errors that are not corruption (which
    /// the reader skips) name `input`.
    private static func readNext(_ reader: AvroFileReader<AvroValue>, from input: InputFile) throws -> AvroValue? {
        do {
            return try reader.next()
        } catch {
            throw CLIError.reading(error, source: input.name)
        }
    }
}

/// What `repair` keeps and counts as it reads.
private struct Recovery {
    let mode: String
    private(set) var recovered = 0
    private(set) var read = 0
    private var blocks = 0
    private var lastBlock: Int?

    init(mode: String) { self.mode = mode }

    /// Whether `value`, just read by `reader`, goes to the output under the mode.
    mutating func keeps(_ value: AvroValue, at reader: AvroFileReader<AvroValue>) -> Bool {
        read += 1
        if let offset = reader.blockOffset, offset != lastBlock {
            blocks += 1
            lastBlock = offset
        }
        let corruptionSeen = !reader.skippedRanges.isEmpty
        let kept = switch mode {
        case "before": !corruptionSeen
        case "after": corruptionSeen
        default: mode == "all"
        }
        if kept { recovered += 1 }
        return kept
    }

    /// The summary lines: records and blocks read and kept, then each part skipped.
    func summary(of reader: AvroFileReader<AvroValue>, file: String) -> [String] {
        let skipped = reader.skippedRanges
        let kept = mode == "report" ? "" : ", \(recovered) written"
        var lines = ["\(file): \(read) record\(read == 1 ? "" : "s") read from \(blocks) block\(blocks == 1 ? "" : "s")\(kept); \(skipped.count) corrupt part\(skipped.count == 1 ? "" : "s") skipped"]
        for range in skipped {
            lines.append("  bytes \(range.bytes.lowerBound)..<\(range.bytes.upperBound) (block \(range.blockIndex)): \(range.reason.message)")
        }
        return lines
    }
}
