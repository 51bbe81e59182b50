import Foundation
import Testing
@testable import Avro

/// The forms of avro-tools' commands that scripts use, beside this tool's first spellings:
/// each pair must give the same output.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIAvroToolsFormsTests {
    static let schema = #"{"type": "record", "name": "Reading", "fields": [{"name": "id", "type": "long"}, {"name": "label", "type": "string"}]}"#

    /// A directory with `r.avsc` and `r.avro` (25 random records, seed 7), for `body`.
    private static func withFile(_ body: (URL) throws -> Void) throws {
        try CLITool.withTemporaryDirectory { directory in
            try schema.write(to: directory.appendingPathComponent("r.avsc"), atomically: true, encoding: .utf8)
            let made = try CLITool.run(["random", "--schema-file", "r.avsc", "--count", "25", "--seed", "7", "r.avro"], in: directory)
            #expect(made.status == 0, "\(made.errorText)")
            try body(directory)
        }
    }

    @Test func randomTakesTheSchemaFileInlineSchemaAndPositionalOutput() throws {
        try Self.withFile { directory in
            let forms = [
                ["random", "--schema", "r.avsc", "--count", "25", "--seed", "7", "-o", "a.avro"],
                ["random", "--schema", Self.schema, "--count", "25", "--seed", "7", "b.avro"],
                ["random", "--schema-file", "r.avsc", "--count", "25", "--seed", "7", "--output", "c.avro"],
            ]
            let expected = try CLITool.run(["tojson", "r.avro"], in: directory)
            #expect(expected.lines.count == 25)
            for (form, name) in zip(forms, ["a.avro", "b.avro", "c.avro"]) {
                #expect(try CLITool.run(form, in: directory).status == 0)
                #expect(try CLITool.run(["tojson", name], in: directory).text == expected.text, "\(form)")
            }
            CLITool.expectFailure(try CLITool.run(["random", "--schema-file", "r.avsc", "--count", "1", "x.avro", "-o", "y.avro"], in: directory),
                                  status: 2, mentioning: ["give the output as an operand or with --output, not both"])
            CLITool.expectFailure(try CLITool.run(["random", "--schema", "r.avsc", "--schema-file", "r.avsc", "--count", "1"], in: directory),
                                  status: 2, mentioning: ["give --schema or --schema-file, not both"])
            CLITool.expectFailure(try CLITool.run(["random", "--count", "1"], in: directory),
                                  status: 2, mentioning: ["--schema or --schema-file is required"])
            // Inline JSON that does not parse is located in the option's text.
            CLITool.expectFailure(try CLITool.run(["random", "--schema", #"{"type": "int""#, "--count", "1"], in: directory),
                                  mentioning: ["avro random: --schema: line 1, column 15: invalid JSON"])
        }
    }

    @Test func fromjsonTakesTheSchemaFileInlineSchemaAndPositionalOutput() throws {
        try Self.withFile { directory in
            let json = try CLITool.run(["tojson", "r.avro"], in: directory)
            try json.output.write(to: directory.appendingPathComponent("r.json"))
            for form in [["fromjson", "--schema", "r.avsc", "-o", "a.avro", "r.json"],
                         ["fromjson", "--schema", Self.schema, "r.json", "a.avro"],
                         ["fromjson", "--schema-file", "r.avsc", "r.json", "a.avro"]] {
                #expect(try CLITool.run(form, in: directory).status == 0, "\(form)")
                #expect(try CLITool.run(["tojson", "a.avro"], in: directory).text == json.text, "\(form)")
            }
        }
    }

    @Test func tojsonTakesABareHeadAndAReaderSchemaFileOrText() throws {
        try Self.withFile { directory in
            let all = try CLITool.run(["tojson", "r.avro"], in: directory).lines
            #expect(try CLITool.run(["tojson", "--head", "r.avro"], in: directory).lines == Array(all.prefix(10)))
            #expect(try CLITool.run(["tojson", "r.avro", "--head"], in: directory).lines == Array(all.prefix(10)))
            #expect(try CLITool.run(["tojson", "--head", "3", "r.avro"], in: directory).lines == Array(all.prefix(3)))
            #expect(try CLITool.run(["tojson", "--head=4", "r.avro"], in: directory).lines == Array(all.prefix(4)))
            let reader = #"{"type": "record", "name": "Reading", "fields": [{"name": "label", "type": "string"}, {"name": "seen", "type": "boolean", "default": false}]}"#
            try reader.write(to: directory.appendingPathComponent("reader.avsc"), atomically: true, encoding: .utf8)
            let resolved = try CLITool.run(["tojson", "--reader-schema-file", "reader.avsc", "r.avro"], in: directory)
            #expect(resolved.lines.count == 25)
            #expect(resolved.lines.allSatisfy { $0.hasPrefix(#"{"label":"#) && $0.hasSuffix(#","seen":false}"#) })
            #expect(try CLITool.run(["tojson", "--reader-schema", "reader.avsc", "r.avro"], in: directory).text == resolved.text)
            #expect(try CLITool.run(["tojson", "--reader-schema", reader, "r.avro"], in: directory).text == resolved.text)
        }
    }

    @Test func recodecReadsStandardInputAndWritesStandardOutput() throws {
        try Self.withFile { directory in
            let json = try CLITool.run(["tojson", "r.avro"], in: directory).text
            let piped = try CLITool.run(["recodec", "--codec", "deflate"], input: directory.appendingPathComponent("r.avro"), in: directory)
            #expect(piped.status == 0, "\(piped.errorText)")
            try piped.output.write(to: directory.appendingPathComponent("d.avro"))
            #expect(try CLITool.run(["getmeta", "--key", "avro.codec", "d.avro"], in: directory).lines == ["deflate"])
            #expect(try CLITool.run(["tojson", "d.avro"], in: directory).text == json)
            // Without --codec, null, as in avro-tools; IN alone writes standard output.
            let plain = try CLITool.run(["recodec", "d.avro"], in: directory)
            try plain.output.write(to: directory.appendingPathComponent("n.avro"))
            #expect(try CLITool.run(["getmeta", "--key", "avro.codec", "n.avro"], in: directory).lines == ["null"])
            #expect(try CLITool.run(["tojson", "n.avro"], in: directory).text == json)
        }
    }
}

/// The progress line: on a terminal only, with the share of the input done and the rate.
@Suite(.enabled(if: CLITool.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
                "needs the avro executable and script(1), which gives a command a terminal"))
struct CLIProgressTests {
    @Test func aTerminalSeesTheShareDoneAndTheRateAndNothingElseDoes() throws {
        let tool = try #require(CLITool.url)
        try CLITool.withTemporaryDirectory { directory in
            try CLIAvroToolsFormsTests.schema.write(to: directory.appendingPathComponent("r.avsc"), atomically: true, encoding: .utf8)
            #expect(try CLITool.run(["random", "--schema-file", "r.avsc", "--count", "5000", "--seed", "1", "r.avro"], in: directory).status == 0)
            let size = try Data(contentsOf: directory.appendingPathComponent("r.avro")).count
            // Not a terminal: no progress line. (Under LeakSanitizer a run may print the
            // sanitizer's report there.)
            let plain = try CLITool.run(["tojson", "r.avro"], in: directory)
            #expect(plain.status == 0 && !plain.errorText.contains("tojson:") && plain.lines.count == 5000)
            // On a terminal (script's), the line appears at once with no delay, then is erased.
            let command = "'\(tool.path)' tojson r.avro > /dev/null"
            let shown = try CLITool.runProgram(URL(fileURLWithPath: "/usr/bin/script"), ["-qc", command, "/dev/null"], in: directory,
                                               environment: ["AVRO_PROGRESS_DELAY": "0"])
            #expect(shown.status == 0)
            let text = shown.text
            #expect(text.hasPrefix("\rtojson: "), "\(text.debugDescription)")
            #expect(text.contains("% of \(String(format: "%.1f", Double(size) / 1000)) KB, "), "\(text.debugDescription)")
            #expect(text.contains("B/s, 1024 records\u{1B}[K"), "\(text.debugDescription)")
            #expect(text.contains("records\u{1B}[K\r\u{1B}[K"), "\(text.debugDescription)") // the last line, erased
        }
    }
}
