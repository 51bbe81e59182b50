import Foundation
import Testing
@testable import Avro

/// The `avro` commands that convert data, run as the built executable: tojson, fromjson,
/// concat/cat and recodec.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIConversionTests {
    /// Whether a failed run only says that this machine lacks a codec's library.
    static func lacksCodec(_ result: CLITool.Result) -> Bool {
        result.status != 0 && result.errorText.contains("codec error")
    }

    /// The `avro.codec` of a container file, as `getmeta` prints it.
    static func codec(of path: String) throws -> String {
        let lines = try CLITool.run(["getmeta", path]).lines
        return lines.first { $0.hasPrefix("avro.codec\t") }.map { String($0.dropFirst("avro.codec\t".count)) } ?? "null"
    }

    // Done-when of the issue: tojson then fromjson gives the same schema and the same values,
    // for every readable file of the shared test data (with the file's own codec).
    @Test(.enabled(if: TestData.isAvailable), arguments: CLITestFiles.readable)
    func tojsonThenFromjsonRoundTrips(file: String) throws {
        let path = try TestData.url(file).path
        let json = try CLITool.run(["tojson", path])
        if Self.lacksCodec(json) { return }  // e.g. no libzstd here: reported as such, checked elsewhere
        #expect(json.status == 0, "\(json.errorText)")
        #expect(json.errorText.isEmpty)
        try CLITool.withTemporaryDirectory { directory in
            let schema = try CLITool.run(["getschema", path])
            try schema.output.write(to: directory.appendingPathComponent("schema.avsc"))
            try json.output.write(to: directory.appendingPathComponent("records.jsonl"))
            let written = try CLITool.run(["fromjson", "--schema", "schema.avsc", "--codec", Self.codec(of: path),
                                           "-o", "copy.avro", "records.jsonl"], in: directory)
            #expect(written.status == 0, "\(written.errorText)")
            let copy = directory.appendingPathComponent("copy.avro").path
            #expect(try CLITool.run(["getschema", copy]).text == schema.text)
            #expect(try CLITool.run(["tojson", copy]).text == json.text)
            #expect(try CLITool.run(["count", copy]).lines == [String(json.lines.count)])
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func tojsonPrintsOneRecordPerLine() throws {
        let weather = try TestData.url("share-test-data/weather.avro").path
        let all = try CLITool.run(["tojson", weather])
        #expect(all.lines == [
            #"{"station":"011990-99999","time":-619524000000,"temp":0}"#,
            #"{"station":"011990-99999","time":-619506000000,"temp":22}"#,
            #"{"station":"011990-99999","time":-619484400000,"temp":-11}"#,
            #"{"station":"012650-99999","time":-655531200000,"temp":111}"#,
            #"{"station":"012650-99999","time":-655509600000,"temp":78}"#,
        ])
        #expect(try CLITool.run(["tojson", "--head", "2", weather]).lines == Array(all.lines.prefix(2)))
        #expect(try CLITool.run(["tojson", "--head", "0", weather]).lines.isEmpty)
        #expect(try CLITool.run(["tojson", "-"], input: TestData.url("share-test-data/weather-snappy.avro")).lines == all.lines)

        let pretty = try CLITool.run(["tojson", "--pretty", "--head", "1", weather])
        #expect(pretty.text == "{\n  \"station\": \"011990-99999\",\n  \"time\": -619524000000,\n  \"temp\": 0\n}\n")
    }

    // Item D: unions wrapped by branch name, bytes and fixed as ISO-8859-1, NaN as Java writes it.
    @Test(.enabled(if: TestData.isAvailable)) func tojsonUsesTheAvroJSONEncoding() throws {
        let unions = try CLITool.run(["tojson", TestData.url("share-test-data/schemas/withUnion/data.avro").path])
        #expect(unions.lines == [
            #"{"data1":{"string":"textValue"},"data2":null}"#,
            #"{"data1":{"int":123},"data2":{"inner":{"d1":{"boolean":false}}}}"#,
            #"{"data1":{"int":3},"data2":{"inner":{"d1":{"string":"text value"}}}}"#,
        ])
        let floats = try CLITool.run(["tojson", "--head", "3", TestData.url("generated/avro-py/special-floats.avro").path])
        #expect(floats.lines == [#"{"f":"NaN","d":"NaN"}"#, #"{"f":"Infinity","d":"Infinity"}"#, #"{"f":"-Infinity","d":"-Infinity"}"#])
        let bigdec = try CLITool.run(["tojson", TestData.url("lang-rust/bigdec.avro").path])
        #expect(bigdec.lines == ["{\"field_name\":\"\\u0004\\u0000\u{e0}\\u0004\"}"])
    }

    // Section E: with a reader schema the records are resolved (promotion, reordering, defaults).
    @Test(.enabled(if: TestData.isAvailable)) func tojsonResolvesToAReaderSchema() throws {
        try CLITool.withTemporaryDirectory { directory in
            let reader = directory.appendingPathComponent("reader.avsc")
            try #"{"type": "record", "name": "test.Weather", "fields": [{"name": "temp", "type": "long"}, {"name": "station", "type": "string"}, {"name": "note", "type": "string", "default": "none"}]}"#
                .write(to: reader, atomically: true, encoding: .utf8)
            let result = try CLITool.run(["tojson", "--head", "2", "--reader-schema", reader.path, TestData.url("share-test-data/weather-deflate.avro").path])
            #expect(result.status == 0, "\(result.errorText)")
            #expect(result.lines == [#"{"temp":0,"station":"011990-99999","note":"none"}"#, #"{"temp":22,"station":"011990-99999","note":"none"}"#])

            let incompatible = directory.appendingPathComponent("incompatible.avsc")
            try #"{"type": "record", "name": "test.Weather", "fields": [{"name": "temp", "type": "string"}]}"#
                .write(to: incompatible, atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["tojson", "--reader-schema", incompatible.path, TestData.url("share-test-data/weather.avro").path]),
                                  mentioning: ["\(incompatible.path) cannot read the records of \(try TestData.url("share-test-data/weather.avro").path): ", "temp"])
        }
    }

    /// A writer enum symbol or union branch the reader schema lacks stops only a record that
    /// has it, as fastavro, Java and the library read such files.
    @Test(.enabled(if: CLITool.isAvailable)) func tojsonFailsOnlyAtARecordThatUsesWhatTheReaderLacks() throws {
        try CLITool.withTemporaryDirectory { directory in
            let writer = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED","CYAN"]}},{"name":"n","type":["null","long"]}]}"#)
            try #"{"type":"record","name":"R","fields":[{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED"]}},{"name":"n","type":"long"}]}"#
                .write(to: directory.appendingPathComponent("reader.avsc"), atomically: true, encoding: .utf8)
            func file(_ records: [AvroValue], _ name: String) throws {
                let output = try AvroFileWriter<AvroValue>(schema: writer)
                try output.append(contentsOf: records)
                try output.close()
                try output.data.write(to: directory.appendingPathComponent(name))
            }
            let red: AvroValue = .record([("c", .enumeration("RED")), ("n", .union(branch: 1, value: .long(5)))])
            try file([red, red], "good.avro")
            let good = try CLITool.run(["tojson", "--reader-schema", "reader.avsc", "good.avro"], in: directory)
            #expect(good.status == 0, "\(good.errorText)")
            #expect(good.lines == [#"{"c":"RED","n":5}"#, #"{"c":"RED","n":5}"#])
            try file([red, .record([("c", .enumeration("CYAN")), ("n", .union(branch: 1, value: .long(6)))])], "cyan.avro")
            let cyan = try CLITool.run(["tojson", "--reader-schema", "reader.avsc", "cyan.avro"], in: directory)
            #expect(cyan.lines == [#"{"c":"RED","n":5}"#])
            CLITool.expectFailure(cyan, mentioning: ["cyan.avro", "CYAN"])
            try file([.record([("c", .enumeration("RED")), ("n", .union(branch: 0, value: .null))])], "null.avro")
            CLITool.expectFailure(try CLITool.run(["tojson", "--reader-schema", "reader.avsc", "null.avro"], in: directory), mentioning: ["null.avro", "null"])
        }
    }

    @Test func fromjsonReadsPrettyJSONDefaultsAndShortUnionNames() throws {
        try CLITool.withTemporaryDirectory { directory in
            try #"{"type": "record", "name": "ns.R", "fields": [{"name": "id", "type": "long"}, {"name": "tag", "type": ["null", {"type": "enum", "name": "Tag", "symbols": ["A", "B"]}], "default": null}, {"name": "data", "type": "bytes", "default": "\u00ff"}]}"#
                .write(to: directory.appendingPathComponent("r.avsc"), atomically: true, encoding: .utf8)
            let input = "{\n  \"id\": 1,\n  \"tag\": {\"Tag\": \"B\"}\n}\n\n{\"id\": 2, \"tag\": null, \"data\": \"\\u0000a\"}   {\"id\": 3, \"tag\": {\"ns.Tag\": \"A\"}}\n"
            try input.write(to: directory.appendingPathComponent("in.json"), atomically: true, encoding: .utf8)
            let written = try CLITool.run(["fromjson", "--schema", "r.avsc", "in.json"], in: directory)
            #expect(written.status == 0, "\(written.errorText)")
            try written.output.write(to: directory.appendingPathComponent("out.avro"))
            #expect(try CLITool.run(["tojson", "out.avro"], in: directory).lines == [
                "{\"id\":1,\"tag\":{\"ns.Tag\":\"B\"},\"data\":\"\u{ff}\"}",
                #"{"id":2,"tag":null,"data":"\u0000a"}"#,
                "{\"id\":3,\"tag\":{\"ns.Tag\":\"A\"},\"data\":\"\u{ff}\"}",
            ])
        }
    }

    // fromjson reads its input 64 KiB at a time: values that straddle a read, one far longer
    // than a read, strings holding brackets and escaped quotes, and an error well past the
    // first read, whose line and column count from the start of the file.
    @Test func fromjsonReadsValuesAcrossItsReadsAndPlacesLaterErrors() throws {
        try CLITool.withTemporaryDirectory { directory in
            try #"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "text", "type": "string"}]}"#
                .write(to: directory.appendingPathComponent("r.avsc"), atomically: true, encoding: .utf8)
            let long = String(repeating: "{[\\\"x\\\"]} é", count: 20_000)
            var lines = (0..<3_000).map { #"{"id": \#($0), "text": "line \#($0) {\"]"}"# }
            lines.insert(#"{"id": -1, "text": "\#(long)"}"#, at: 1_500)
            let valid = lines.joined(separator: "\n") + "\n"
            try valid.write(to: directory.appendingPathComponent("in.json"), atomically: true, encoding: .utf8)
            #expect(valid.utf8.count > 5 * 65_536)
            let written = try CLITool.run(["fromjson", "--schema", "r.avsc", "-o", "out.avro", "in.json"], in: directory)
            #expect(written.status == 0, "\(written.errorText)")
            let back = try CLITool.run(["tojson", "out.avro"], in: directory).lines
            #expect(back.count == 3_001)
            #expect(back[0] == #"{"id":0,"text":"line 0 {\"]"}"#)
            #expect(back[1_500] == #"{"id":-1,"text":"\#(long)"}"#)
            #expect(back[3_000] == #"{"id":2999,"text":"line 2999 {\"]"}"#)

            let broken = valid + #"{"id": 7, "text": "é" "x"}"# + "\n"
            try broken.write(to: directory.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
            CLITool.expectFailure(try CLITool.run(["fromjson", "--schema", "r.avsc", "-o", "out2.avro", "broken.json"], in: directory),
                                  mentioning: ["broken.json: line 3002, column 23: invalid JSON"])
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out2.avro").path))
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func concatJoinsFilesAndCopiesBlocksOfTheSameCodec() throws {
        // avro-py's deflate blocks end with 3 bytes after the deflate stream: a block that was
        // decompressed and compressed again would lose them.
        let deflate = try TestData.url("generated/avro-py/interop-deflate.avro")
        try CLITool.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("out.avro")
            let result = try CLITool.run(["concat", deflate.path, deflate.path, out.path])
            #expect(result.status == 0, "\(result.errorText)")
            #expect(try Self.codec(of: out.path) == "deflate")
            let json = try CLITool.run(["tojson", deflate.path]).lines
            #expect(try CLITool.run(["tojson", out.path]).lines == json + json)

            // The block (count, size, deflate data) is copied byte for byte.
            let input = [UInt8](try Data(contentsOf: deflate))
            let inputSync = try AvroFileReader<AvroValue>(url: deflate).header.syncMarker
            let headerEnd = try #require(Self.firstIndex(of: inputSync, in: input)) + 16
            let block = Array(input[headerEnd..<(input.count - 16)])
            let output = [UInt8](try Data(contentsOf: out))
            let outputSync = try AvroFileReader<AvroValue>(url: out).header.syncMarker
            let copied = Array(output.suffix(2 * (block.count + 16))) == block + outputSync + block + outputSync
            #expect(copied, "the block of \(block.count) bytes was not copied byte for byte")
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func catJoinsFilesOfDifferentCodecsWithTheFirstCodec() throws {
        let files = try ["weather.avro", "weather-deflate.avro", "weather-snappy.avro"].map { try TestData.url("share-test-data/" + $0).path }
        try CLITool.withTemporaryDirectory { directory in
            // The second input comes from standard input; the output goes to standard output.
            let result = try CLITool.run(["cat", files[0], "-", files[2], "-"], input: URL(fileURLWithPath: files[1]))
            #expect(result.status == 0, "\(result.errorText)")
            try result.output.write(to: directory.appendingPathComponent("all.avro"))
            #expect(try Self.codec(of: directory.appendingPathComponent("all.avro").path) == "null")
            let one = try CLITool.run(["tojson", files[0]]).lines
            #expect(try CLITool.run(["tojson", "all.avro"], in: directory).lines == one + one + one)
            #expect(try CLITool.run(["count", "all.avro"], in: directory).lines == ["15"])
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func concatRefusesDifferentSchemasAndOverwritingAnInput() throws {
        let weather = try TestData.url("share-test-data/weather.avro").path
        let other = try TestData.url("lang-js/person-10.avro").path
        try CLITool.withTemporaryDirectory { directory in
            CLITool.expectFailure(try CLITool.run(["concat", weather, other, "out.avro"], in: directory),
                                  mentioning: ["avro concat: \(other): its schema differs from the schema of \(weather)"])
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.avro").path))
            try Data(contentsOf: URL(fileURLWithPath: weather)).write(to: directory.appendingPathComponent("w.avro"))
            CLITool.expectFailure(try CLITool.run(["concat", "w.avro", "w.avro"], in: directory), status: 2,
                                  mentioning: ["the output w.avro is also an input"])
            #expect(try CLITool.run(["count", "w.avro"], in: directory).lines == ["5"])
        }
    }

    @Test(.enabled(if: TestData.isAvailable), arguments: ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"])
    func recodecChangesTheCodecAndKeepsTheRecordsAndMetadata(codec: String) throws {
        let input = try TestData.url("generated/avro-py/interop-100-records-10-blocks-deflate.avro").path
        try CLITool.withTemporaryDirectory { directory in
            let result = try CLITool.run(["recodec", "--codec", codec, input, "out.avro"], in: directory)
            if Self.lacksCodec(result) { return }
            #expect(result.status == 0, "\(result.errorText)")
            let meta = try CLITool.run(["getmeta", "out.avro"], in: directory).lines
            #expect(meta.contains("avro.codec\t\(codec)"))
            #expect(meta.contains("user.note\twritten by generate.py"))
            #expect(try CLITool.run(["tojson", "out.avro"], in: directory).text == CLITool.run(["tojson", input]).text)
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func recodecWithALevelRecompresses() throws {
        let input = try TestData.url("lang-rust/quickstop-null.avro").path
        try CLITool.withTemporaryDirectory { directory in
            #expect(try CLITool.run(["recodec", "--codec", "deflate", "--level", "1", input, "fast.avro"], in: directory).status == 0)
            #expect(try CLITool.run(["recodec", "--codec", "deflate", "--level", "9", "fast.avro", "small.avro"], in: directory).status == 0)
            let sizes = try ["small.avro", "fast.avro"].map { try Data(contentsOf: directory.appendingPathComponent($0)).count }
            #expect(sizes[0] < sizes[1])
            #expect(try CLITool.run(["tojson", "small.avro"], in: directory).text == CLITool.run(["tojson", input]).text)
        }
    }

    static func firstIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        return (0...(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }
    }
}
