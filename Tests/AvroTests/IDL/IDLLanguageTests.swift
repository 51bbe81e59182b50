import Foundation
import Testing
@testable import Avro

/// Each construct of the IDL reference, in files of our own, compared with the schema or
/// protocol JSON it stands for.
@Suite struct IDLLanguageTests {
    /// The JSON `idl` stands for, compared as a value with `json`.
    func expectSame(_ idl: AvroIDL, _ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try AvroJSON(parsing: json)
        #expect(IDLTestData.same(idl.json, expected), "\(idl.json.serialized(pretty: true))", sourceLocation: sourceLocation)
    }

    @Test func theSchemaSyntax() throws {
        let idl = try AvroIDL(parsing: """
            namespace default.namespace.for.named.schemata;
            schema Message;

            record Message {
                string? title = null;
                string message;
            }
            """)
        try expectSame(idl, """
            {"type": "record", "name": "Message", "namespace": "default.namespace.for.named.schemata", "fields": [
              {"name": "title", "type": ["null", "string"], "default": null},
              {"name": "message", "type": "string"}]}
            """)
        #expect(idl.avroProtocol == nil)
        #expect(try AvroIDL(parsing: "schema int;").mainSchema == .int)
        #expect(try AvroIDL(parsing: "schema map<array<long>>;").mainSchema == .map(.array(.long)))
    }

    @Test func primitivesLogicalTypesAndCollections() throws {
        let idl = try AvroIDL(parsing: """
            @namespace("t") protocol P {
              enum Suit { SPADES, HEARTS } = HEARTS;
              fixed MD5(0x10);
              record Job {
                boolean b; int i = 010; long l = -0x10L; float f = 1.5f; double d = -1.0e12; bytes by = "\\u00ff"; string s = "a\\tb\\"c\\101";
                null n = null;
                date submitDate; time_ms submitTime; timestamp_ms finishTime; local_timestamp_ms local;
                decimal(9,2) finishRatio; decimal(4) whole;
                uuid pk = "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8";
                @logicalType("timestamp-micros") long micros;
                array<array<Suit>> grid = [[]];
                map<MD5> hashes = {};
                union { null, decimal(12, 6), float } number = null;
                union { string, null } optionalString4 = "something";
                string? optionalString5 = "something else";
                string? optionalString3;
                Suit suit;
              }
            }
            """)
        try expectSame(idl, """
            {"protocol": "P", "namespace": "t", "types": [
              {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS"], "default": "HEARTS"},
              {"type": "fixed", "name": "MD5", "size": 16},
              {"type": "record", "name": "Job", "fields": [
                {"name": "b", "type": "boolean"}, {"name": "i", "type": "int", "default": 8},
                {"name": "l", "type": "long", "default": -16}, {"name": "f", "type": "float", "default": 1.5},
                {"name": "d", "type": "double", "default": -1.0e12}, {"name": "by", "type": "bytes", "default": "\\u00ff"},
                {"name": "s", "type": "string", "default": "a\\tb\\"cA"}, {"name": "n", "type": "null", "default": null},
                {"name": "submitDate", "type": {"type": "int", "logicalType": "date"}},
                {"name": "submitTime", "type": {"type": "int", "logicalType": "time-millis"}},
                {"name": "finishTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
                {"name": "finishRatio", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
                {"name": "whole", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 0}},
                {"name": "pk", "type": {"type": "string", "logicalType": "uuid"}, "default": "a1a2a3a4-b1b2-c1c2-d1d2-d3d4d5d6d7d8"},
                {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                {"name": "grid", "type": {"type": "array", "items": {"type": "array", "items": "Suit"}}, "default": [[]]},
                {"name": "hashes", "type": {"type": "map", "values": "MD5"}, "default": {}},
                {"name": "number", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 6}, "float"], "default": null},
                {"name": "optionalString4", "type": ["string", "null"], "default": "something"},
                {"name": "optionalString5", "type": ["string", "null"], "default": "something else"},
                {"name": "optionalString3", "type": ["null", "string"]},
                {"name": "suit", "type": "Suit"}]}],
             "messages": {}}
            """)
    }

    @Test func namespacesAliasesOrderAndProperties() throws {
        let idl = try AvroIDL(parsing: """
            @namespace("org.apache.avro.firstNamespace") @version("2")
            protocol MyProto {
              @namespace("org.apache.avro.someOtherNamespace")
              record Foo { org.apache.avro.firstNamespace.Bar inner; }
              record Bar {}
              record a.b.Dotted { org.apache.avro.firstNamespace.Bar bar; }
              @aliases(["org.old.OldRecord", "Ancient"]) @my-prop({"key": [1, true]})
              record MyRecord {
                string @order("ascending") up;
                string @order("DESCENDING") @aliases(["oldField", "ancientField"]) down;
                string @order("ignore") @x.y-z("w") ignored;
                @java-class("java.util.ArrayList") array<string> myStrings;
                map<@java-class("java.math.BigDecimal") string> weights, `record` = {"a": "1"};
              }
            }
            """)
        try expectSame(idl, """
            {"protocol": "MyProto", "namespace": "org.apache.avro.firstNamespace", "version": "2", "types": [
              {"type": "record", "name": "Foo", "namespace": "org.apache.avro.someOtherNamespace", "fields": [
                {"name": "inner", "type": {"type": "record", "name": "Bar", "namespace": "org.apache.avro.firstNamespace", "fields": []}}]},
              {"type": "record", "name": "Dotted", "namespace": "a.b", "fields": [{"name": "bar", "type": "org.apache.avro.firstNamespace.Bar"}]},
              {"type": "record", "name": "MyRecord", "aliases": ["org.old.OldRecord", "Ancient"], "my-prop": {"key": [1, true]}, "fields": [
                {"name": "up", "type": "string"},
                {"name": "down", "type": "string", "order": "descending", "aliases": ["oldField", "ancientField"]},
                {"name": "ignored", "type": "string", "order": "ignore", "x.y-z": "w"},
                {"name": "myStrings", "type": {"type": "array", "items": "string", "java-class": "java.util.ArrayList"}},
                {"name": "weights", "type": {"type": "map", "values": {"type": "string", "java-class": "java.math.BigDecimal"}}},
                {"name": "record", "type": {"type": "map", "values": {"type": "string", "java-class": "java.math.BigDecimal"}}, "default": {"a": "1"}}]}],
             "messages": {}}
            """)
        // Inside Foo, a short name is looked for in Foo's namespace only, as Java does.
        expectIDLError(at: "input.avdl:1:73", containing: "unknown type 'o.Bar'", #"@namespace("p") protocol P { record Bar {} @namespace("o") record Foo { Bar b; } }"#)
    }

    @Test func messages() throws {
        let idl = try AvroIDL(parsing: """
            protocol Simple {
              /** Errors are records that can be thrown from a method */
              error TestError { string message; }
              error Other { int code = -1; }
              string hello(string greeting);
              /** Return what was given. */
              @specialProp("test")
              int add(int arg1, int arg2 = 0);
              void `error`() throws TestError, Other;
              void ping() oneway;
              string? maybe(union { null, string } s = null);
            }
            """)
        try expectSame(idl, """
            {"protocol": "Simple", "types": [
              {"type": "error", "name": "TestError", "doc": "Errors are records that can be thrown from a method", "fields": [{"name": "message", "type": "string"}]},
              {"type": "error", "name": "Other", "fields": [{"name": "code", "type": "int", "default": -1}]}],
             "messages": {
              "hello": {"request": [{"name": "greeting", "type": "string"}], "response": "string"},
              "add": {"doc": "Return what was given.", "specialProp": "test", "request": [{"name": "arg1", "type": "int"}, {"name": "arg2", "type": "int", "default": 0}], "response": "int"},
              "error": {"request": [], "response": "null", "errors": ["TestError", "Other"]},
              "ping": {"request": [], "response": "null", "one-way": true},
              "maybe": {"request": [{"name": "s", "type": ["null", "string"], "default": null}], "response": ["null", "string"]}}}
            """)
    }

    /// Docs lose the stars and indentation that start their lines, as Java strips them.
    @Test(arguments: [
        ("/** One line. */", "One line."),
        ("/**\n * Two\n * lines.\n */", "Two\nlines."),
        ("/**\n * Kept\n *\n *   indented\n */", "Kept\n\n  indented"),
        ("/**\n ** Double\n ** stars\n */", "Double\nstars"),
        ("/** First\n    second\n      third */", "First\nsecond\n  third"),
        ("/** First\n  second\nthird */", "First\n  second\nthird"),
        ("/**\r\n * CRLF\r\n * lines\r\n */", "CRLF\r\nlines"),
    ])
    func docComments(comment: String, doc: String) throws {
        let idl = try AvroIDL(parsing: "\(comment)\nprotocol P {}")
        #expect(idl.avroProtocol?.doc == doc)
    }

    /// Imports: IDL, protocol and schema files next to the file, in a subdirectory, through an
    /// import path; a file imported twice and imports in a cycle are read once; messages of an
    /// imported protocol join the protocol, not a schema file.
    @Test func imports() throws {
        let scratch = try IDLScratch([
            "main.avdl": """
                @namespace("m") protocol Main {
                  import idl "sub/types.avdl";
                  import idl "sub/types.avdl";
                  import protocol "remote.avpr";
                  import schema "far.avsc";
                  record UsesAll { sub.Shared shared; far.Far far; r.Remote remote; }
                  void local();
                }
                """,
            "sub/types.avdl": """
                @namespace("sub") protocol Types {
                  import idl "../main.avdl";
                  record Shared { int x; }
                  void shared();
                }
                """,
            "remote.avpr": #"{"protocol": "Remote", "namespace": "r", "types": [{"type": "record", "name": "Remote", "fields": []}], "messages": {"remote": {"request": [], "response": "Remote"}}}"#,
            "lib/far.avsc": #"{"type": "record", "name": "far.Far", "fields": [{"name": "inner", "type": {"type": "enum", "name": "E", "symbols": ["A"]}}]}"#,
            "schema.avdl": """
                namespace s;
                schema UsesRemote;
                import protocol "remote.avpr";
                record UsesRemote { r.Remote remote; }
                """,
        ])
        defer { scratch.remove() }
        let idl = try AvroIDL(contentsOf: scratch.file("main.avdl"), importPaths: [scratch.file("lib")])
        let avroProtocol = try #require(idl.avroProtocol)
        // Types from JSON files come as Java's parser lists them: a record after the types
        // defined in its fields (Java 1.12.1 lists far.avsc's as E, Far).
        #expect(avroProtocol.types.map { $0.name?.fullname } == ["sub.Shared", "r.Remote", "far.E", "far.Far", "m.UsesAll"])
        #expect(avroProtocol.messages.map(\.name) == ["shared", "remote", "local"])
        #expect(idl.namedSchemas.map { $0.name?.fullname } == ["sub.Shared", "r.Remote", "far.E", "far.Far", "m.UsesAll"])
        let schemaFile = try AvroIDL(contentsOf: scratch.file("schema.avdl"))
        #expect(schemaFile.mainSchema?.name?.fullname == "s.UsesRemote")
        #expect(schemaFile.avroProtocol == nil)
        // A missing import names the file, where it was looked for, and the import's place.
        let missing = expectAvroError(.invalidIDL) { _ = try AvroIDL(parsing: "protocol P {\n  import schema \"nowhere.avsc\";\n}", directory: scratch.url) }
        #expect(missing?.path == "input.avdl:2:17" && missing?.message.contains("cannot find the imported file 'nowhere.avsc'") == true)
        // An absolute path names the file wherever the importing file is.
        let absolute = try AvroIDL(parsing: "protocol P { import schema \"\(scratch.file("lib/far.avsc").path)\"; }")
        #expect(absolute.avroProtocol?.types.map { $0.name?.fullname } == ["far.E", "far.Far"])
        // A link to a file is followed.
        try FileManager.default.createSymbolicLink(at: scratch.file("linked.avsc"), withDestinationURL: scratch.file("lib/far.avsc"))
        #expect(try AvroIDL(parsing: "protocol P { import schema \"linked.avsc\"; }", directory: scratch.url).avroProtocol?.types.count == 2)
        // Only regular files are read: a device could never end.
        let device = expectAvroError(.invalidIDL) { _ = try AvroIDL(parsing: "protocol P { import idl \"/dev/zero\"; }") }
        #expect(device?.message.contains("not a regular file") == true)
        // An imported JSON file that is not valid gives its own error, naming the file.
        try Data(#"{"type": "record", "name": "Bad", "fields": [{"name": "x", "type": "nope"}]}"#.utf8).write(to: scratch.file("bad.avsc"))
        let bad = expectAvroError(.invalidSchema) { _ = try AvroIDL(parsing: "protocol P { import schema \"bad.avsc\"; }", directory: scratch.url) }
        #expect(bad?.path == "fields[0].type" && bad?.message.hasPrefix("in 'bad.avsc', imported at input.avdl:1:28:") == true, "\(String(describing: bad))")
    }

    /// Named types may be used before they are declared, and are written where first used.
    @Test func forwardReferences() throws {
        let idl = try AvroIDL(parsing: """
            namespace n;
            schema array<A>;
            record A { B b; array<A> children = []; }
            record B { C? c = null; }
            enum C { X }
            """)
        try expectSame(idl, """
            {"type": "array", "items": {"type": "record", "name": "A", "namespace": "n", "fields": [
              {"name": "b", "type": {"type": "record", "name": "B", "fields": [
                {"name": "c", "type": ["null", {"type": "enum", "name": "C", "symbols": ["X"]}], "default": null}]}},
              {"name": "children", "type": {"type": "array", "items": "A"}, "default": []}]}}
            """)
        #expect(idl.namedSchemas.count == 3)
    }

    /// Text after a SUB character (Ctrl-Z, the end of old DOS files) is ignored.
    @Test func textAfterControlZIsIgnored() throws {
        #expect(try AvroIDL(parsing: "schema string;\u{1A} anything at all").mainSchema == .string)
    }
}

/// IDL files in other encodings, marked as Java's reader recognises them.
@Suite struct IDLEncodingTests {
    @Test func byteOrderMarksAreRecognised() throws {
        let text = "schema string;"
        let utf8 = Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        let utf16 = Data([0xFF, 0xFE]) + (text.data(using: .utf16LittleEndian) ?? Data())
        let utf16BigEndian = Data([0xFE, 0xFF]) + (text.data(using: .utf16BigEndian) ?? Data())
        for data in [Data(text.utf8), utf8, utf16, utf16BigEndian] {
            #expect(try AvroIDL(parsing: data).mainSchema == .string)
        }
        let error = expectAvroError(.invalidIDL) { _ = try AvroIDL(parsing: Data([0x73, 0xFF, 0xFE, 0x3B]), fileName: "bad.avdl") }
        #expect(error?.path == "bad.avdl")
    }
}

/// What a file says that is ignored or replaced is a warning, in the order of the file.
@Suite struct IDLWarningTests {
    @Test func ignoredAndReplacedAnnotationsAreWarnedAbout() throws {
        let idl = try AvroIDL(parsing: """
            protocol P {
              enum E { @deprecated(true) A, B }
              record R { @x(1) @x(2) int i; }
              /** Dangling. */
            }
            """)
        #expect(idl.warnings == [
            "input.avdl:2:12: ignoring the annotation '@deprecated' of an enum symbol: symbols have no properties",
            "input.avdl:3:20: the annotation '@x' is given again; this value replaces the one before",
            "input.avdl:4:3: ignoring a documentation comment that is not before a declaration; did you mean a comment (/* … */)?",
        ])
        guard case .record(let record)? = idl.avroProtocol?.types.last?.kind else {
            Issue.record("no record")
            return
        }
        #expect(record.fields[0].type.properties == ["x": 2])
    }
}
