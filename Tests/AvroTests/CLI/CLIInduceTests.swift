import Foundation
import Testing
@testable import Avro

/// `avro induce`: the schema JSON records fit, inferred from them.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIInduceTests {
    @Test func inducesRecordsUnionsAndDefaults() throws {
        let records = """
            {"id": 1, "name": "Ada", "score": 3, "tags": [], "address": {"city": "London", "zip": "N1"}}
            {"id": 2, "name": "Grace", "score": 2.5, "tags": ["navy"], "address": {"city": "NYC"}, "extra": null}
            {"id": 3, "name": null, "score": 1, "tags": ["x", 5], "address": {"city": "Paris", "zip": 75001},
             "nested": {"address": {"x": true}}}
            """
        try CLITool.withTemporaryDirectory { directory in
            try records.write(to: directory.appendingPathComponent("people.json"), atomically: true, encoding: .utf8)
            let result = try CLITool.run(["induce", "--name", "Person", "--namespace", "ex", "people.json"], in: directory)
            #expect(result.status == 0, "\(result.errorText)")
            let expected = try AvroSchema(parsing: """
                {"type": "record", "name": "Person", "namespace": "ex", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "name", "type": ["null", "string"], "default": null},
                  {"name": "score", "type": "double"},
                  {"name": "tags", "type": {"type": "array", "items": ["long", "string"]}},
                  {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                    {"name": "city", "type": "string"},
                    {"name": "zip", "type": ["null", "long", "string"], "default": null}]}},
                  {"name": "extra", "type": "null", "default": null},
                  {"name": "nested", "type": ["null", {"type": "record", "name": "Nested", "fields": [
                    {"name": "address", "type": {"type": "record", "name": "Address2", "fields": [{"name": "x", "type": "boolean"}]}}]}],
                   "default": null}]}
                """)
            #expect(try AvroSchema(parsing: result.text) == expected)
            // The records with their unions in the Avro JSON encoding go through fromjson with it.
            try result.output.write(to: directory.appendingPathComponent("person.avsc"))
            let encoded = #"{"id": 4, "name": {"string": "Edsger"}, "score": 1.5, "tags": [{"long": 7}], "address": {"city": "Austin", "zip": null}, "extra": null, "nested": null}"#
            try encoded.write(to: directory.appendingPathComponent("avro.json"), atomically: true, encoding: .utf8)
            #expect(try CLITool.run(["fromjson", "--schema-file", "person.avsc", "avro.json", "person.avro"], in: directory).status == 0)
            #expect(try CLITool.run(["count", "person.avro"], in: directory).lines == ["1"])
        }
    }

    @Test func badInputIsAnErrorNamingTheLine() throws {
        try CLITool.withTemporaryDirectory { directory in
            for (text, fragments) in [
                ("", ["no JSON values to infer a schema from"]),
                ("{\"a\": 1}\n{\"@type\": 1}\n", ["line 2", "the key '@type' is not a valid Avro field name"]),
                ("[1]\n", ["line 1", "expected a JSON object (a record), found [1]"]),
                ("{\"a\": 1}\n{\"a\": \n", ["line 3, column 1", "invalid JSON: expected a JSON value but found end of input"]),
            ] {
                try text.write(to: directory.appendingPathComponent("in.json"), atomically: true, encoding: .utf8)
                CLITool.expectFailure(try CLITool.run(["induce", "in.json"], in: directory), mentioning: ["avro induce: in.json"] + fragments)
            }
        }
    }
}
