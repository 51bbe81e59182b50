import Foundation
import Testing
@testable import Avro

/// Protocols (`.avpr`): parsing with every rule, printing in Java's order, and the MD5 of the
/// text as Java computes it.
@Suite struct ProtocolTests {
    static let greeter = """
        {"protocol": "Greeter", "namespace": "com.example",
         "types": [{"type": "error", "name": "Refused", "fields": [{"name": "reason", "type": "string"}]}],
         "messages": {"hello": {"request": [{"name": "greeting", "type": "string"}], "response": "string", "errors": ["Refused"]}}}
        """

    /// Numbers in Java's forms, escapes, non-ASCII text, aliases after the fields, a decimal,
    /// a one-way message and a message property before the request.
    static let numbers = #"""
        {"protocol": "Numbers", "doc": "tab\there \u0001 é 😀 \"q\" / \\",
         "types": [{"type": "record", "name": "R", "aliases": ["Old"], "fields": [
           {"name": "d", "type": "double", "default": -1.0e12},
           {"name": "e", "type": "double", "default": 0.001},
           {"name": "f", "type": "float", "default": 1.5e-7},
           {"name": "g", "type": "double", "default": 12345678.9},
           {"name": "h", "type": "double", "default": "NaN"},
           {"name": "i", "type": "double", "default": 100},
           {"name": "j", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}, "default": "\u00ff"}
         ]}],
         "messages": {"ping": {"request": [], "one-way": true}, "pong": {"request": [{"name": "r", "type": "R"}], "response": "null", "x-prop": [1, 2.5]}}}
        """#

    @Test func aProtocolIsReadWhole() throws {
        let greeter = try AvroProtocol(parsing: Self.greeter)
        #expect(greeter.name == AvroName(name: "Greeter", namespace: "com.example"))
        #expect(greeter.types.map(\.name) == [AvroName(fullname: "com.example.Refused")])
        let hello = try #require(greeter.message(named: "hello"))
        #expect(hello.request == [AvroSchema.Field(name: "greeting", type: .string)])
        #expect(hello.response == .string && hello.errors == [.reference("com.example.Refused")] && !hello.isOneWay)
        let numbers = try AvroProtocol(parsing: Self.numbers)
        #expect(numbers.name == AvroName(name: "Numbers") && numbers.doc?.hasPrefix("tab\there") == true)
        #expect(numbers.message(named: "ping")?.isOneWay == true && numbers.message(named: "ping")?.response == .null)
        #expect(numbers.message(named: "pong")?.properties["x-prop"] == [1, 2.5])
        for avroProtocol in [greeter, numbers] {
            #expect(try AvroProtocol(parsing: avroProtocol.jsonString()) == avroProtocol)
            #expect(try AvroProtocol(parsing: avroProtocol.jsonString(pretty: true)) == avroProtocol)
        }
        // A dotted protocol name holds the namespace.
        #expect(try AvroProtocol(parsing: #"{"protocol": "org.foo.Bar", "messages": {}}"#).name == AvroName(fullname: "org.foo.Bar"))
    }

    /// Java 1.12.1's `Protocol.toString()` and `getMD5()` of the two protocols above (run once
    /// with `Fixtures/idl/ProtocolDigest.java`); `javaAgreesOnTheText` checks more where Java runs.
    @Test func theMD5IsJavas() throws {
        let greeter = try AvroProtocol(parsing: Self.greeter)
        #expect(hexString(greeter.md5) == "2b4613ceda8e6d07b0f0fe58f3167f90")
        let numbers = try AvroProtocol(parsing: Self.numbers)
        #expect(hexString(numbers.md5) == "be55245271a204eb097c11b1dcfdcfaa")
        let javaText = #"{"protocol":"Numbers","doc":"tab\there \u0001 é 😀 \"q\" / \\","types":[{"type":"record","name":"R","fields":[{"name":"d","type":"double","default":-1.0E12},{"name":"e","type":"double","default":0.001},{"name":"f","type":"float","default":1.5E-7},{"name":"g","type":"double","default":1.23456789E7},{"name":"h","type":"double","default":"NaN"},{"name":"i","type":"double","default":100},{"name":"j","type":{"type":"bytes","logicalType":"decimal","precision":4,"scale":2},"default":"ÿ"}],"aliases":["Old"]}],"messages":{"ping":{"request":[],"response":"null","one-way":true},"pong":{"x-prop":[1,2.5],"request":[{"name":"r","type":"R"}],"response":"null"}}}"#
        #expect(numbers.javaText == javaText)
    }

    @Test(arguments: [
        (1.0, "1.0"), (-0.0, "-0.0"), (100.0, "100.0"), (0.001, "0.001"), (0.0001, "1.0E-4"), (1234567.0, "1234567.0"),
        (1e7, "1.0E7"), (-1e12, "-1.0E12"), (12345678.9, "1.23456789E7"), (0.1, "0.1"), (1.5e-7, "1.5E-7"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157E308"), (5e-324, "4.9E-324"), (0.00123, "0.00123"),
    ])
    func doublesAreWrittenAsJavaWritesThem(value: Double, java: String) {
        // Java writes the smallest subnormal with two digits (4.9E-324); Swift's shortest form
        // has one, and only this double differs.
        let expected = value == 5e-324 ? "5.0E-324" : java
        #expect(AvroJSON.formatJavaDouble(value) == expected)
    }

    /// A type a message defines in place moves to the end of the types, as Java prints it.
    @Test func typesDefinedInMessagesMoveToTheTypes() throws {
        let avroProtocol = try AvroProtocol(parsing: """
            {"protocol": "P", "types": [{"type": "fixed", "name": "F", "size": 2}],
             "messages": {"m": {"request": [{"name": "a", "type": {"type": "record", "name": "A", "fields": [{"name": "f", "type": "F"}]}}],
                                "response": ["null", {"type": "enum", "name": "E", "symbols": ["X"]}]}}}
            """)
        #expect(avroProtocol.types.map { $0.name?.name } == ["F", "A", "E"])
        #expect(avroProtocol.message(named: "m")?.request.first?.type == .reference("A"))
        #expect(avroProtocol.message(named: "m")?.response == .union([.null, .reference("E")]))
        #expect(try AvroProtocol(parsing: avroProtocol.jsonString()) == avroProtocol)
    }

    @Test(arguments: [
        (#"[]"#, AvroError.Code.invalidSchema, ""),
        (#"{"messages": {}}"#, .invalidSchema, ""),
        (#"{"protocol": 3}"#, .invalidSchema, "protocol"),
        (#"{"protocol": "1P"}"#, .invalidSchema, "protocol"),
        (#"{"protocol": "P", "types": {}}"#, .invalidSchema, "types"),
        (#"{"protocol": "P", "types": ["int"]}"#, .invalidSchema, "types[0]"),
        (#"{"protocol": "P", "types": [{"type": "record", "name": "A", "fields": [{"name": "b", "type": "B"}]}]}"#, .invalidSchema, "types[0].fields[0].type"),
        (#"{"protocol": "P", "messages": []}"#, .invalidSchema, "messages"),
        (#"{"protocol": "P", "messages": {"m": {"response": "null"}}}"#, .invalidSchema, "messages.m"),
        (#"{"protocol": "P", "messages": {"m": {"request": {}, "response": "null"}}}"#, .invalidSchema, "messages.m.request"),
        (#"{"protocol": "P", "messages": {"m": {"request": []}}}"#, .invalidSchema, "messages.m"),
        (#"{"protocol": "P", "messages": {"m-1": {"request": [], "response": "null"}}}"#, .invalidSchema, "messages.m-1"),
        (#"{"protocol": "P", "messages": {"m": {"request": [{"name": "a", "type": "int"}, {"name": "a", "type": "long"}], "response": "null"}}}"#, .invalidSchema, "messages.m.request[1].name"),
        (#"{"protocol": "P", "messages": {"m": {"request": [{"name": "a", "type": "int", "default": "x"}], "response": "null"}}}"#, .invalidDefault, "messages.m.request[0].default"),
        (#"{"protocol": "P", "messages": {"m": {"request": [], "response": "int", "one-way": true}}}"#, .invalidSchema, "messages.m.response"),
        (#"{"protocol": "P", "messages": {"m": {"request": [], "one-way": "yes"}}}"#, .invalidSchema, "messages.m.one-way"),
        (#"{"protocol": "P", "types": [{"type": "error", "name": "E", "fields": []}], "messages": {"m": {"request": [], "one-way": true, "errors": ["E"]}}}"#, .invalidSchema, "messages.m.errors"),
        (#"{"protocol": "P", "types": [{"type": "record", "name": "E", "fields": []}], "messages": {"m": {"request": [], "response": "null", "errors": ["E"]}}}"#, .invalidSchema, "messages.m.errors[0]"),
        (#"{"protocol": "P", "messages": {"m": {"request": [], "response": "null", "errors": ["Nowhere"]}}}"#, .invalidSchema, "messages.m.errors[0]"),
        (#"{"protocol": "P", "messages": {"m": {"request": [], "response": "null", "errors": "E"}}}"#, .invalidSchema, "messages.m.errors"),
        (#"{"protocol": "P", "doc": 1}"#, .invalidSchema, "doc"),
    ])
    func aBadProtocolNamesWhatAndWhere(text: String, code: AvroError.Code, path: String) {
        let error = expectAvroError(code) { _ = try AvroProtocol(parsing: text) }
        #expect((error?.path ?? "") == path, "\(String(describing: error))")
    }
}

/// Java's own text and MD5 of protocols, where `javac`, `java` and Java Avro 1.12.1 (the jars of
/// `pip install pyspark`) are installed: the protocols of Java's IDL suite, ours above, and what
/// we make of the suite's IDL files, each parsed by Java and by us.
@Suite struct ProtocolJavaDigestTests {
    /// The class path of Java Avro 1.12.1 and Jackson, from pyspark's jars, or `nil`.
    static let classPath: String? = {
        guard PeerImplementations.javac != nil, PeerImplementations.java != nil,
              let found = try? PythonPeer.runText(["-c", "import pyspark, os; print(os.path.dirname(pyspark.__file__))"]),
              found.status == 0 else { return nil }
        let jars = URL(fileURLWithPath: found.output.trimmingCharacters(in: .whitespacesAndNewlines)).appendingPathComponent("jars")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: jars.path) else { return nil }
        let wanted = ["avro-1.12", "jackson-core-", "jackson-databind-", "jackson-annotations-", "slf4j-api-"]
        let picked = wanted.compactMap { prefix in names.first { $0.hasPrefix(prefix) && $0.hasSuffix(".jar") } }
        guard picked.count == wanted.count else { return nil }
        return picked.map { jars.appendingPathComponent($0).path }.joined(separator: ":")
    }()

    @Test(.enabled(if: classPath != nil, "javac, java or pyspark's Java Avro 1.12 jars are not installed"))
    func javaAgreesOnTheTextAndTheMD5() throws {
        let classPath = try #require(Self.classPath)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        var protocols: [String: AvroProtocol] = [
            "greeter.avpr": try AvroProtocol(parsing: ProtocolTests.greeter),
            "numbers.avpr": try AvroProtocol(parsing: ProtocolTests.numbers),
        ]
        if let suite = IDLTestData.directory {
            let output = suite.appendingPathComponent("output")
            for name in try FileManager.default.contentsOfDirectory(atPath: output.path) where name.hasSuffix(".avpr") {
                let text = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
                protocols["java-" + name] = try AvroProtocol(parsing: text, options: .init(allowsUnicodeNames: true))
            }
            for name in ["simple", "interop", "namespaces", "comments"] {
                let idl = try AvroIDL(contentsOf: suite.appendingPathComponent("input/\(name).avdl"))
                protocols["idl-\(name).avpr"] = try #require(idl.avroProtocol)
            }
        }
        let names = protocols.keys.sorted()
        for name in names { try Data(protocols[name]!.jsonString(pretty: true).utf8).write(to: scratch.file(name)) }
        let javac = try #require(PeerImplementations.javac), java = try #require(PeerImplementations.java)
        let compiled = try PeerImplementations.run(javac, ["-d", scratch.url.path, "-cp", classPath,
                                                           TestData.fixture("idl/ProtocolDigest.java").path], in: scratch)
        try #require(compiled.status == 0, "javac failed: \(compiled.errors)")
        let run = try PeerImplementations.run(java, ["-cp", scratch.url.path + ":" + classPath, "ProtocolDigest"] + names.map { scratch.file($0).path }, in: scratch)
        try #require(run.status == 0, "java failed: \(run.errors)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == names.count)
        for (name, line) in zip(names, lines) {
            let parts = line.split(separator: "\t", maxSplits: 2)
            let ours = protocols[name]!
            // Java's pretty text, laid out by Jackson, is ours in Java's style.
            let javaPretty = parts.count == 3 ? parts[2].replacingOccurrences(of: "\u{01}", with: "\n") : ""
            #expect(javaPretty == ours.javaParsed.json.serialized(.init(pretty: true, javaStyle: true)), "\(name)")
            #expect(parts.count == 3 && String(parts[1]) == ours.javaText, "\(name)\nJava: \(parts.last ?? "")\nours: \(ours.javaText)")
            #expect(String(parts.first ?? "") == hexString(ours.md5), "\(name)")
        }
    }
}

/// The canonical form of protocols: the schema rules applied, docs and properties left out.
@Suite struct ProtocolCanonicalFormTests {
    @Test func onlyWhatTheBytesDependOnIsKept() throws {
        let documented = try AvroProtocol(parsing: """
            {"protocol": "Greeter", "namespace": "com.example", "doc": "Says hello.", "version": "2",
             "types": [{"type": "error", "name": "Refused", "doc": "No.", "aliases": ["Old"], "fields": [{"name": "reason", "type": "string", "default": "?"}]},
                       {"type": "enum", "name": "Mood", "symbols": ["HAPPY"], "default": "HAPPY"}],
             "messages": {"hello": {"doc": "Hi.", "x": 1, "request": [{"name": "greeting", "type": "string", "doc": "what to say", "default": "hi"},
                                                              {"name": "mood", "type": "Mood"}],
                                    "response": {"type": "string", "logicalType": "uuid"}, "errors": ["Refused"]},
                          "bye": {"request": [], "one-way": true}}}
            """)
        #expect(documented.canonicalForm == #"{"protocol":"com.example.Greeter","types":[{"name":"com.example.Refused","type":"record","fields":[{"name":"reason","type":"string"}]},{"name":"com.example.Mood","type":"enum","symbols":["HAPPY"]}],"messages":{"hello":{"request":[{"name":"greeting","type":"string"},{"name":"mood","type":"com.example.Mood"}],"response":"string","errors":["com.example.Refused"]},"bye":{"request":[],"response":"null","one-way":true}}}"#)
        var undocumented = documented
        undocumented.doc = nil
        undocumented.properties = [:]
        undocumented.messages[0].doc = nil
        #expect(undocumented.canonicalForm == documented.canonicalForm)
        undocumented.messages[0].request[0].type = .bytes
        #expect(undocumented.canonicalForm != documented.canonicalForm)
    }
}

/// Text in Java's style: Jackson's default pretty printer and Java's numbers.
@Suite struct JavaStyleTextTests {
    @Test func theLayoutIsJacksons() throws {
        let json: AvroJSON = ["a": [1, 2.5, "x", 1e7], "b": .object([:]), "c": [], "d": [["e": nil], ["f": true]]]
        let expected = """
            {
              "a" : [ 1, 2.5, "x", 1.0E7 ],
              "b" : { },
              "c" : [ ],
              "d" : [ {
                "e" : null
              }, {
                "f" : true
              } ]
            }
            """
        #expect(json.serialized(.init(pretty: true, javaStyle: true)) == expected)
        #expect(json.serialized(.init(javaStyle: true)) == #"{"a":[1,2.5,"x",1.0E7],"b":{},"c":[],"d":[{"e":null},{"f":true}]}"#)
    }
}
