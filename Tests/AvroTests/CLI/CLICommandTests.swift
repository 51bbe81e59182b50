import Foundation
import Testing
@testable import Avro

/// The `avro` commands that inspect files and schemas, run as the built executable:
/// getschema, getmeta, count, canonical, fingerprint, compat, validate, and the help.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLICommandTests {
    static let commands = ["getschema", "getmeta", "count", "tojson", "fromjson", "concat", "cat", "recodec", "repair", "induce",
                           "canonical", "fingerprint", "compat", "random", "validate", "generate"]

    @Test(arguments: commands)
    func everyCommandHasHelp(command: String) throws {
        let result = try CLITool.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.text.hasPrefix("usage: avro \(command == "cat" ? "concat" : command)"))
        #expect(result.text.contains("example:\n  avro "))
        #expect(result.errorText.isEmpty)
    }

    @Test func overviewListsEveryCommand() throws {
        let result = try CLITool.run(["--help"])
        #expect(result.status == 0)
        for command in Self.commands { #expect(result.text.contains(command)) }
        // No command at all: the overview on stderr, and the usage status.
        let bare = try CLITool.run([])
        #expect(bare.status == 2)
        #expect(bare.errorText.hasPrefix("usage: avro COMMAND"))
    }

    /// `avro --version` (and `avro version`, as avro-tools spells it) prints the version the
    /// changelog's top entry gives, with `-dev` while that entry is unreleased.
    @Test func versionIsTheChangelogs() throws {
        let changelog = try String(contentsOf: TestData.repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let heading = try #require(changelog.split(separator: "\n").first { $0.hasPrefix("## ") })
        let expected: String
        if let open = heading.firstIndex(of: "("), let close = heading.firstIndex(of: ")"), heading.hasPrefix("## Unreleased") {
            expected = heading[heading.index(after: open)..<close] + "-dev"
        } else {
            expected = String(heading.dropFirst(3).prefix { $0 != " " })
        }
        for spelling in ["--version", "version"] {
            let result = try CLITool.run([spelling])
            #expect(result.status == 0)
            #expect(result.lines == ["avro \(expected) (swift-avro, Avro specification 1.12)"])
        }
    }

    @Test func generateReadsFilesThatUseEachOthersTypesInAnyOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // "a" uses the type "b" defines: read in name order, "a" is parsed again after "b".
        try #"{"type": "record", "name": "Order", "fields": [{"name": "item", "type": "shop.Item"}]}"#
            .write(to: directory.appendingPathComponent("a.avsc"), atomically: true, encoding: .utf8)
        try #"{"type": "record", "name": "shop.Item", "fields": [{"name": "sku", "type": "string"}]}"#
            .write(to: directory.appendingPathComponent("b.avsc"), atomically: true, encoding: .utf8)
        let result = try CLITool.run(["generate", "--access", "internal", directory.path])
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.text.contains("struct Order: Codable, Hashable, Sendable, AvroBinaryCodable {"))
        #expect(result.text.contains("    var item: Item"))
        #expect(result.text.contains("struct Item: "))
        #expect(!result.text.contains("public "))
        // A type no file defines: the file, and the path in it.
        try #"{"type": "record", "name": "Lost", "fields": [{"name": "x", "type": "Nowhere"}]}"#
            .write(to: directory.appendingPathComponent("c.avsc"), atomically: true, encoding: .utf8)
        CLITool.expectFailure(try CLITool.run(["generate", directory.path]), mentioning: ["c.avsc", "fields[0].type", "Nowhere"])
        CLITool.expectFailure(try CLITool.run(["generate", "--access", "open", directory.path]), status: 2, mentioning: ["unknown access level 'open'"])
    }

    @Test func usageErrorsExitWithTwoAndOneLine() throws {
        CLITool.expectFailure(try CLITool.run(["frobnicate"]), status: 2, mentioning: ["unknown command 'frobnicate'"])
        CLITool.expectFailure(try CLITool.run(["tojson"]), status: 2, mentioning: ["avro tojson:", "expected 1 operand, found 0"])
        CLITool.expectFailure(try CLITool.run(["tojson", "--bogus", "x.avro"]), status: 2, mentioning: ["unknown option '--bogus'"])
        CLITool.expectFailure(try CLITool.run(["tojson", "--head", "-3", "x.avro"]), status: 2, mentioning: ["--head expects a whole number"])
        CLITool.expectFailure(try CLITool.run(["tojson", "--pretty=yes", "x.avro"]), status: 2, mentioning: ["--pretty takes no value"])
        CLITool.expectFailure(try CLITool.run(["count", "a.avro", "b.avro"]), status: 2, mentioning: ["unexpected operand 'b.avro'"])
        CLITool.expectFailure(try CLITool.run(["fromjson", "data.json"]), status: 2, mentioning: ["--schema or --schema-file is required"])
        CLITool.expectFailure(try CLITool.run(["fingerprint", "--algorithm", "sha1", "x.avsc"]), status: 2, mentioning: ["unknown algorithm 'sha1'"])
        CLITool.expectFailure(try CLITool.run(["recodec", "--codec", "lz4", "a.avro", "b.avro"]), status: 2, mentioning: ["unknown codec 'lz4'"])
        CLITool.expectFailure(try CLITool.run(["recodec", "--codec", "snappy", "--level", "3", "a.avro", "b.avro"]), status: 2,
                              mentioning: ["the snappy codec has no compression level"])
        CLITool.expectFailure(try CLITool.run(["recodec", "--codec", "deflate", "--level", "12", "a.avro", "b.avro"]), status: 2,
                              mentioning: ["deflate level must be in -1...9, found 12"])
    }

    // Item 76: the header's schema, printed pretty; the metadata, one entry per line.
    @Test(.enabled(if: TestData.isAvailable)) func getschemaPrintsTheWriterSchema() throws {
        let result = try CLITool.run(["getschema", TestData.url("share-test-data/weather.avro").path])
        #expect(result.status == 0)
        let schema = try AvroSchema(parsing: result.text)
        #expect(schema.canonicalForm == #"{"name":"test.Weather","type":"record","fields":[{"name":"station","type":"string"},{"name":"time","type":"long"},{"name":"temp","type":"int"}]}"#)
        #expect(result.lines.count == 20)
        #expect(result.lines[0] == "{")
        #expect(result.lines[1] == #"  "type": "record","#)
    }

    @Test(.enabled(if: TestData.isAvailable)) func getmetaPrintsSortedEntriesAndBinaryValuesInHex() throws {
        let weather = try CLITool.run(["getmeta", TestData.url("share-test-data/weather.avro").path])
        #expect(weather.status == 0)
        #expect(weather.lines.count == 2)
        #expect(weather.lines[0] == "avro.codec\tnull")
        #expect(weather.lines[1].hasPrefix("avro.schema\t{\"type\":\"record\",\"name\":\"Weather\""))

        let notes = try CLITool.run(["getmeta", TestData.url("generated/avro-py/interop-100-records-10-blocks-deflate.avro").path])
        #expect(notes.lines.last == "user.note\twritten by generate.py")

        // Item 77: `avro.sync` holds the binary sync marker, which is not UTF-8.
        let sync = try CLITool.run(["getmeta", TestData.url("share-test-data/syncInMeta.avro").path])
        #expect(sync.lines.map { $0.split(separator: "\t").first.map(String.init) ?? "" } == ["avro.codec", "avro.schema", "avro.sync"])
        #expect(sync.lines[2] == "avro.sync\t0xd7519805a1ab7b9873fa3473fc0af5de")
    }

    /// `getmeta --key K` prints only K's value, as avro-tools does; a missing key fails.
    @Test func getmetaWithAKeyPrintsItsValueOnly() throws {
        try CLITool.withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("notes.avro")
            let writer = try AvroFileWriter<Int64>(codec: AvroDeflateCodec(), metadata: ["user.note": Array("two\tparts".utf8)])
            try writer.append(5)
            try writer.close()
            try writer.data.write(to: file)
            let note = try CLITool.run(["getmeta", "--key", "user.note", file.path])
            #expect(note.status == 0 && note.lines == ["two\\tparts"])
            let codec = try CLITool.run(["getmeta", file.path, "--key", "avro.codec"])
            #expect(codec.status == 0 && codec.lines == ["deflate"])
            let missing = try CLITool.run(["getmeta", "--key", "user.none", file.path])
            CLITool.expectFailure(missing, mentioning: ["notes.avro", "no metadata key 'user.none'"])
            #expect(missing.output.isEmpty)
        }
    }

    @Test(.enabled(if: TestData.isAvailable), arguments: [
        ("share-test-data/weather.avro", 5), ("share-test-data/syncInMeta.avro", 6001),
        ("generated/avro-py/interop-100-records-10-blocks-deflate.avro", 100), ("generated/avro-py/interop-empty.avro", 0),
        ("third-party/goavro-fixtures/quickstop-snappy.avro", 6001),
    ])
    func countAddsUpTheBlockCounts(file: String, expected: Int) throws {
        let result = try CLITool.run(["count", TestData.url(file).path])
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.lines == [String(expected)])
    }

    @Test(.enabled(if: TestData.isAvailable)) func countReadsStandardInput() throws {
        let result = try CLITool.run(["count", "-"], input: TestData.url("share-test-data/weather-deflate.avro"))
        #expect(result.lines == ["5"])
    }

    // Section J: the canonical form and the three fingerprints match the ones Python computed.
    @Test(.enabled(if: TestData.isAvailable), arguments: ["share-test-schemas/interop.avsc", "share-test-schemas/weather.avsc",
                                                          "share-test-data/messageV1/test_schema.avsc"])
    func canonicalAndFingerprintsMatchThePythonTable(schema: String) throws {
        let table = try AvroJSON(parsing: TestData.text("generated/fingerprints.json"))
        let expected = try #require(table[schema])
        let path = try TestData.url(schema).path
        #expect(try CLITool.run(["canonical", path]).lines == [expected["canonical_form"]?.stringValue ?? "?"])
        #expect(try CLITool.run(["fingerprint", path]).lines == [expected["crc64_avro_little_endian_bytes_hex"]?.stringValue ?? "?"])
        #expect(try CLITool.run(["fingerprint", "--algorithm", "crc64", path]).lines == [expected["crc64_avro_little_endian_bytes_hex"]?.stringValue ?? "?"])
        #expect(try CLITool.run(["fingerprint", "--algorithm=md5", path]).lines == [expected["md5_hex"]?.stringValue ?? "?"])
        #expect(try CLITool.run(["fingerprint", "--algorithm", "sha256", path]).lines == [expected["sha256_hex"]?.stringValue ?? "?"])
        // avro-tools' spelling, and several files: the fingerprint and the name on each line.
        #expect(try CLITool.run(["fingerprint", "--fingerprint", "SHA-256", path]).lines == [expected["sha256_hex"]?.stringValue ?? "?"])
        let md5 = expected["md5_hex"]?.stringValue ?? "?"
        #expect(try CLITool.run(["fingerprint", "--fingerprint", "MD5", path, path]).lines == [md5 + " " + path, md5 + " " + path])
    }

    @Test func canonicalReadsStandardInput() throws {
        try CLITool.withTemporaryDirectory { directory in
            let schema = directory.appendingPathComponent("s.avsc")
            try #"{"type": "fixed", "name": "MD5", "namespace": "org.example", "size": 16, "doc": "ignored"}"#.write(to: schema, atomically: true, encoding: .utf8)
            let result = try CLITool.run(["canonical", "-"], input: schema)
            #expect(result.lines == [#"{"name":"org.example.MD5","type":"fixed","size":16}"#])
        }
    }

    @Test func compatPrintsTheVerdictAndEveryReason() throws {
        try CLITool.withTemporaryDirectory { directory in
            let v1 = directory.appendingPathComponent("v1.avsc")
            let v2 = directory.appendingPathComponent("v2.avsc")
            let v3 = directory.appendingPathComponent("v3.avsc")
            try #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string"}]}"#
                .write(to: v1, atomically: true, encoding: .utf8)
            // Reader v2: a promoted to long, and a new field with a default.
            try #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "long"}, {"name": "b", "type": "string"}, {"name": "c", "type": "int", "default": 0}]}"#
                .write(to: v2, atomically: true, encoding: .utf8)
            // Reader v3: b cannot be read from a string, and c has no default.
            try #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "boolean"}, {"name": "c", "type": "int"}]}"#
                .write(to: v3, atomically: true, encoding: .utf8)

            let compatible = try CLITool.run(["compat", "--writer", v1.path, "--reader", v2.path])
            #expect(compatible.status == 0)
            #expect(compatible.lines == ["compatible"])

            let backwards = try CLITool.run(["compat", "--writer", v2.path, "--reader", v1.path])
            #expect(backwards.status == 1, "a long cannot be read as an int")
            #expect(backwards.lines.first == "incompatible: 1 reason")

            let incompatible = try CLITool.run(["compat", "--writer", v1.path, "--reader", v3.path])
            #expect(incompatible.status == 1)
            #expect(incompatible.lines.first == "incompatible: 2 reasons")
            #expect(incompatible.lines.count == 3)
            #expect(incompatible.lines.contains { $0.hasPrefix("  ") && $0.contains("b") })
            #expect(incompatible.lines.contains { $0.hasPrefix("  ") && $0.contains("c") })
            #expect(incompatible.errorText.isEmpty)
        }
    }

    @Test func validateAcceptsAValidSchemaAndNamesTheFirstError() throws {
        try CLITool.withTemporaryDirectory { directory in
            let good = directory.appendingPathComponent("good.avsc")
            try #"{"type": "enum", "name": "Suit", "symbols": ["HEARTS", "SPADES"]}"#.write(to: good, atomically: true, encoding: .utf8)
            let valid = try CLITool.run(["validate", "good.avsc"], in: directory)
            #expect(valid.status == 0)
            #expect(valid.lines == ["good.avsc: valid"])

            // A schema rule broken: the JSON path of the first error.
            let bad = directory.appendingPathComponent("bad.avsc")
            try #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "panther"}]}"#
                .write(to: bad, atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["validate", "bad.avsc"], in: directory),
                                  mentioning: ["avro validate: bad.avsc: invalid schema at fields[1].type: unknown type 'panther'"])

            // Not JSON: the line and column.
            let broken = directory.appendingPathComponent("broken.avsc")
            try "{\"type\": \"record\",\n  \"name\": \"R\", \"fields\": [}".write(to: broken, atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["validate", "broken.avsc"], in: directory),
                                  mentioning: ["broken.avsc: line 2, column 27: invalid JSON: expected a JSON value but found '}'"])
            #expect(try CLITool.run(["validate", "broken.avsc"], in: directory).errorText.components(separatedBy: "line ").count == 2,
                    "the position is given once")
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func validateAcceptsEveryPassingSchemaOfTheCTests() throws {
        let directory = try TestData.url("lang-c/schema_tests/pass")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count >= 20)
        for file in files {
            let result = try CLITool.run(["validate", file], in: directory)
            #expect(result.status == 0, "\(file): \(result.errorText)")
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func validateRejectsEveryFailingSchemaOfTheCTests() throws {
        let directory = try TestData.url("lang-c/schema_tests/fail")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count >= 10)
        for file in files {
            let result = try CLITool.run(["validate", file], in: directory)
            CLITool.expectFailure(result, mentioning: ["avro validate: \(file): "])
        }
    }
}
