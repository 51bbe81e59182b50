import Foundation
import Testing
@testable import Avro

/// Bad input to the `avro` executable: one clear line on standard error naming the file and the
/// position, exit status 1, and no half-written output file.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIErrorTests {
    @Test func missingFilesAreNamed() throws {
        try CLITool.withTemporaryDirectory { directory in
            try #"{"type": "string"}"#.write(to: directory.appendingPathComponent("s.avsc"), atomically: true, encoding: .utf8)
            let calls: [[String]] = [
                ["getschema", "nope.avro"], ["getmeta", "nope.avro"], ["count", "nope.avro"], ["tojson", "nope.avro"],
                ["tojson", "--reader-schema", "nope.avsc", "nope.avro"], ["fromjson", "--schema", "nope.avsc", "data.json"],
                ["fromjson", "--schema", "s.avsc", "nope.json"], ["concat", "nope.avro", "out.avro"],
                ["recodec", "--codec", "deflate", "nope.avro", "out.avro"], ["canonical", "nope.avsc"],
                ["fingerprint", "nope.avsc"], ["validate", "nope.avsc"], ["compat", "--writer", "nope.avsc", "--reader", "s.avsc"],
                ["random", "--schema", "nope.avsc", "--count", "1"],
            ]
            for arguments in calls {
                let result = try CLITool.run(arguments, in: directory)
                let missing = arguments.first { $0.hasPrefix("nope") } ?? "?"
                CLITool.expectFailure(result, mentioning: ["avro \(arguments[0]): \(missing): no such file"])
                #expect(result.output.isEmpty, "\(arguments)")
            }
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.avro").path))
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func aFileThatIsNotAvroIsNamedWithTheOffset() throws {
        let json = try TestData.url("share-test-data/weather.json").path
        for command in ["getschema", "getmeta", "count", "tojson"] {
            CLITool.expectFailure(try CLITool.run([command, json]),
                                  mentioning: ["avro \(command): \(json): byte 0: invalid file: expected the magic 4f 62 6a 01"])
        }
        CLITool.expectFailure(try CLITool.run(["concat", json, "-"]), mentioning: ["\(json): byte 0: invalid file"])
    }

    // Every deliberately broken file of the shared test data: the records before the damage,
    // then one line with the file and the byte offset.
    @Test(.enabled(if: TestData.isAvailable), arguments: CLITestFiles.broken)
    func brokenContainerFilesGiveOneLineWithTheOffset(file: String) throws {
        let path = try TestData.url(file).path
        for command in ["tojson", "count"] {
            let result = try CLITool.run([command, path])
            CLITool.expectFailure(result, mentioning: ["avro \(command): \(path): byte "])
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func tojsonPrintsTheRecordsBeforeTheDamage() throws {
        let path = try TestData.url("lang-c/avro-1237-bad-union-discriminant.avro").path
        let result = try CLITool.run(["tojson", path])
        #expect(result.lines == ["null"])
        CLITool.expectFailure(result, mentioning: ["\(path): byte 86: invalid union branch: object 1 of block 0 (at byte 83): expected a union branch 0..<2, found 2"])
    }

    @Test func aBadSchemaIsNamedWithItsPathOrLine() throws {
        try CLITool.withTemporaryDirectory { directory in
            try #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": {"type": "fixed", "name": "F", "size": -1}}]}"#
                .write(to: directory.appendingPathComponent("bad.avsc"), atomically: true, encoding: .utf8)
            try "{\"type\":\n\"string\",}".write(to: directory.appendingPathComponent("broken.avsc"), atomically: true, encoding: .utf8)
            try "\"x\"\n".write(to: directory.appendingPathComponent("data.json"), atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["fromjson", "--schema", "bad.avsc", "-o", "out.avro", "data.json"], in: directory),
                                  mentioning: ["avro fromjson: bad.avsc: invalid schema at fields[0].type.size"])
            CLITool.expectFailure(try CLITool.run(["random", "--schema", "broken.avsc", "--count", "1"], in: directory),
                                  mentioning: ["avro random: broken.avsc: line 2, column 10: invalid JSON"])
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.avro").path))
        }
    }

    @Test func aBadJSONRecordIsNamedWithItsLineAndColumnAndNoFileIsLeft() throws {
        try CLITool.withTemporaryDirectory { directory in
            try #"{"type": "record", "name": "W", "fields": [{"name": "station", "type": "string"}, {"name": "temp", "type": "int"}]}"#
                .write(to: directory.appendingPathComponent("w.avsc"), atomically: true, encoding: .utf8)
            let syntax = "{\"station\": \"a\", \"temp\": 1}\n{\"station\": \"b\", \"temp\": 2}\n{\"station\": \"c\" \"temp\": 3}\n"
            try syntax.write(to: directory.appendingPathComponent("syntax.json"), atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["fromjson", "--schema", "w.avsc", "-o", "out.avro", "syntax.json"], in: directory),
                                  mentioning: ["avro fromjson: syntax.json: line 3, column 17: invalid JSON: expected ',' or '}' after an object member but found '\"'"])
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.avro").path))

            let mismatch = "{\"station\": \"a\", \"temp\": 1}\n  {\"station\": \"b\", \"temp\": 3000000000}\n"
            try mismatch.write(to: directory.appendingPathComponent("mismatch.json"), atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["fromjson", "--schema", "w.avsc", "-o", "out.avro", "mismatch.json"], in: directory),
                                  mentioning: ["mismatch.json: line 2, column 3: value out of range at temp: 3000000000 does not fit in an int"])

            let missing = "{\"station\": \"a\"}\n"
            CLITool.expectFailure(try CLITool.run(["fromjson", "--schema", "w.avsc", "-"], input: Self.file(missing, in: directory), in: directory),
                                  mentioning: ["<stdin>: line 1, column 1: missing field at temp"])
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.avro").path))
        }
    }

    @Test func anOutputThatCannotBeCreatedIsNamed() throws {
        try CLITool.withTemporaryDirectory { directory in
            try #""long""#.write(to: directory.appendingPathComponent("s.avsc"), atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["random", "--schema", "s.avsc", "--count", "1", "-o", "no/such/dir/x.avro"], in: directory),
                                  mentioning: ["avro random: no/such/dir/x.avro: cannot be created"])
        }
    }

    static func file(_ text: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(UUID().uuidString)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
