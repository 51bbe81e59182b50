import Foundation
import Testing
@testable import Avro

/// `avro idl` and `avro idl2schemata`, with avro-tools' arguments, and `avro generate` on IDL
/// and protocol files.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIIDLTests {
    static let service = """
        /** The front desk. */
        @namespace("desk")
        protocol FrontDesk {
          import schema "types/badge.avsc";
          import idl "shared.avdl";
          record Visit { string name; Badge badge; common.Place where; }
          Visit /** Dangling. */ checkIn(string name);
        }
        """
    static let shared = "@namespace(\"common\") protocol Shared { record Place { string room; } void ping() oneway; }"
    static let badge = #"{"type": "enum", "name": "desk.Badge", "symbols": ["VISITOR", "STAFF"]}"#

    func write(_ directory: URL) throws {
        try Self.service.write(to: directory.appendingPathComponent("desk.avdl"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("lib/types"), withIntermediateDirectories: true)
        try Self.shared.write(to: directory.appendingPathComponent("lib/shared.avdl"), atomically: true, encoding: .utf8)
        try Self.badge.write(to: directory.appendingPathComponent("lib/types/badge.avsc"), atomically: true, encoding: .utf8)
    }

    @Test func idlWritesTheProtocolToAFileOrStandardOutput() throws {
        try CLITool.withTemporaryDirectory { directory in
            try write(directory)
            let expected = try AvroIDL(contentsOf: directory.appendingPathComponent("desk.avdl"), importPaths: [directory.appendingPathComponent("lib")])
            let avroProtocol = try #require(expected.avroProtocol)
            #expect(avroProtocol.messages.map(\.name) == ["ping", "checkIn"])
            // To standard output; the import path in both spellings.
            for option in [["--import-path", "lib"], ["-I", "nowhere:lib"]] {
                let result = try CLITool.run(["idl"] + option + ["desk.avdl"], in: directory)
                #expect(result.status == 0, "\(result.errorText)")
                #expect(try AvroProtocol(parsing: result.text) == avroProtocol)
                // The doc comment that belongs to nothing is a warning, with its place.
                #expect(result.errorLines.first?.hasPrefix("avro: warning: desk.avdl:7:9: ignoring a documentation comment") == true, "\(result.errorText)")
            }
            // The text is laid out as avro-tools' idl writes it: Jackson's pretty printer, no
            // line feed at the end.
            let plain = try CLITool.run(["idl", "-I", "lib", "desk.avdl"], in: directory)
            #expect(plain.text == avroProtocol.json.serialized(.init(pretty: true, javaStyle: true)))
            #expect(plain.text.contains("\"protocol\" : \"FrontDesk\"") && !plain.text.hasSuffix("\n"))
            // To a file, and from standard input to standard output (imports next to the
            // current directory then).
            #expect(try CLITool.run(["idl", "-I", "lib", "desk.avdl", "desk.avpr"], in: directory).status == 0)
            #expect(try AvroProtocol(parsing: Data(contentsOf: directory.appendingPathComponent("desk.avpr"))) == avroProtocol)
            let piped = try CLITool.run(["idl", "-I", "lib", "-", "-"], input: directory.appendingPathComponent("desk.avdl"), in: directory)
            #expect(piped.status == 0, "\(piped.errorText)")
            #expect(try AvroProtocol(parsing: piped.text) == avroProtocol)
            // A schema file prints its main schema.
            try "namespace n; schema array<R>; record R { int x; }".write(to: directory.appendingPathComponent("s.avdl"), atomically: true, encoding: .utf8)
            let schema = try CLITool.run(["idl", "s.avdl"], in: directory)
            #expect(try AvroSchema(parsing: schema.text) == AvroSchema.array(AvroSchema.record(.init(name: AvroName(fullname: "n.R"), fields: [.init(name: "x", type: .int)]))))
        }
    }

    @Test func idlErrorsNameTheFileLineAndColumn() throws {
        try CLITool.withTemporaryDirectory { directory in
            try "protocol P {\n  record R { int x }\n}\n".write(to: directory.appendingPathComponent("bad.avdl"), atomically: true, encoding: .utf8)
            let result = try CLITool.run(["idl", "bad.avdl"], in: directory)
            #expect(result.status == 1)
            #expect(result.errorLines.first == "avro idl: invalid IDL at bad.avdl:2:20: expected ';' after the field, found '}'")
            try "namespace n; record R { int x; }".write(to: directory.appendingPathComponent("types.avdl"), atomically: true, encoding: .utf8)
            let noSchema = try CLITool.run(["idl", "types.avdl"], in: directory)
            #expect(noSchema.status == 1 && noSchema.errorText.contains("declares neither a protocol nor a main schema"))
            let missing = try CLITool.run(["idl", "desk.avdl"], in: directory)
            #expect(missing.status == 1 && missing.errorLines.first == "avro idl: desk.avdl: no such file")
            #expect(try CLITool.run(["idl", "a", "b", "c"], in: directory).status == 2)
        }
    }

    @Test func idl2schemataWritesOneSchemaPerType() throws {
        try CLITool.withTemporaryDirectory { directory in
            try write(directory)
            let result = try CLITool.run(["idl2schemata", "-I", "lib", "desk.avdl", "out/schemas"], in: directory)
            #expect(result.status == 0, "\(result.errorText)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out/schemas").path).sorted()
            #expect(files == ["Badge.avsc", "Place.avsc", "Visit.avsc"])
            let visit = try AvroSchema(parsing: Data(contentsOf: directory.appendingPathComponent("out/schemas/Visit.avsc")))
            // Visit stands alone: the types it uses are defined inside it.
            #expect(Set(visit.namedDefinitions.keys.map(\.fullname)) == ["desk.Visit", "desk.Badge", "common.Place"])
            // Into the current directory when none is given.
            #expect(try CLITool.run(["idl2schemata", "-I", "lib", "desk.avdl"], in: directory).status == 0)
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("Place.avsc").path))
            // Two types of one simple name would write one file: an error, nothing written.
            try "protocol P { @namespace(\"a\") record R {} @namespace(\"b\") record R {} }".write(to: directory.appendingPathComponent("two.avdl"), atomically: true, encoding: .utf8)
            let clash = try CLITool.run(["idl2schemata", "two.avdl", "clash"], in: directory)
            #expect(clash.status == 1 && clash.errorText.contains("'a.R' and 'b.R' would both be written to R.avsc"), "\(clash.errorText)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("clash").path))
        }
    }

    /// `avro generate` takes IDL and protocol files, alone or in a directory, beside schemas.
    @Test func generateReadsIDLAndProtocols() throws {
        try CLITool.withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("all"), withIntermediateDirectories: true)
            try "@namespace(\"x\") protocol P { record FromIDL { int a; } }".write(to: directory.appendingPathComponent("all/p.avdl"), atomically: true, encoding: .utf8)
            try #"{"protocol": "Q", "namespace": "x", "types": [{"type": "enum", "name": "FromAVPR", "symbols": ["A"]}], "messages": {}}"#
                .write(to: directory.appendingPathComponent("all/q.avpr"), atomically: true, encoding: .utf8)
            try #"{"type": "record", "name": "x.FromAVSC", "fields": [{"name": "f", "type": "x.FromIDL"}, {"name": "g", "type": "x.FromAVPR"}]}"#
                .write(to: directory.appendingPathComponent("all/s.avsc"), atomically: true, encoding: .utf8)
            let result = try CLITool.run(["generate", "all"], in: directory)
            #expect(result.status == 0, "\(result.errorText)")
            for type in ["struct FromIDL", "enum FromAVPR", "struct FromAVSC"] {
                #expect(result.text.contains("public \(type)"), "\(type) is missing")
            }
        }
    }

    /// `fingerprint` of a protocol is the MD5 Java computes for it (Java 1.12.1 gives
    /// 2b4613ce… for this one), from a file or standard input, beside schemas.
    @Test func fingerprintOfAProtocolIsJavasMD5() throws {
        try CLITool.withTemporaryDirectory { directory in
            try ProtocolTests.greeter.write(to: directory.appendingPathComponent("greeter.avpr"), atomically: true, encoding: .utf8)
            try #""int""#.write(to: directory.appendingPathComponent("int.avsc"), atomically: true, encoding: .utf8)
            let both = try CLITool.run(["fingerprint", "greeter.avpr", "int.avsc"], in: directory)
            #expect(both.status == 0, "\(both.errorText)")
            #expect(both.lines == ["2b4613ceda8e6d07b0f0fe58f3167f90 greeter.avpr", "8f5c393f1ad57572 int.avsc"])
            let piped = try CLITool.run(["fingerprint", "-"], input: directory.appendingPathComponent("greeter.avpr"), in: directory)
            #expect(piped.lines == ["2b4613ceda8e6d07b0f0fe58f3167f90"])
            try #"{"protocol": "P", "messages": {"m": {"request": []}}}"#.write(to: directory.appendingPathComponent("bad.avpr"), atomically: true, encoding: .utf8)
            let bad = try CLITool.run(["fingerprint", "bad.avpr"], in: directory)
            #expect(bad.status == 1 && bad.errorLines.first == "avro fingerprint: bad.avpr: invalid schema at messages.m: the message 'm' has no 'response'")
        }
    }
}
