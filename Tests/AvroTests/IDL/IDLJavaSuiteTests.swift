import Foundation
import Testing
@testable import Avro

/// Java's own IDL test suite (`../shared/avro-idl`): every input gives the protocol or schema
/// Java's `IdlReader` gives, compared as JSON values, and the cases Java checks by hand.
@Suite(.enabled(if: IDLTestData.isAvailable, "../shared/avro-idl is missing"))
struct IDLJavaSuiteTests {
    /// The output Java writes for each input, where its name is not the input's.
    static let outputNames = ["schema_syntax_schema": "schema_syntax.avsc", "status_schema": "status.avsc"]

    /// The inputs, read from a copy of `input/` with `putOnClassPath/` as the import path
    /// (Java finds those files on its class path). A suite kept partly aside may lack
    /// `reservedwords.avdl`, which two inputs import; the copy then gets a file of our own
    /// declaring the messages Java's outputs show it declares (named after keywords).
    @Test func everyInputGivesJavasOutput() throws {
        let input = try IDLTestData.url("input"), output = try IDLTestData.url("output")
        let scratch = try IDLScratch([:])
        defer { scratch.remove() }
        try FileManager.default.copyItem(at: input, to: scratch.file("input"))
        let reserved = scratch.file("input/reservedwords.avdl")
        if !FileManager.default.fileExists(atPath: reserved.path) {
            let names = ["error", "void", "idl", "import", "oneway", "null", "local_timestamp_ms"]
            try Data(("protocol Foo {\n" + names.map { "  void `\($0)`();\n" }.joined() + "}\n").utf8).write(to: reserved)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: input.path).filter { $0.hasSuffix(".avdl") }.sorted()
        var compared = 0
        for name in names {
            let base = String(name.dropLast(5))
            let expectedURL = output.appendingPathComponent(Self.outputNames[base] ?? base + ".avpr")
            guard FileManager.default.fileExists(atPath: expectedURL.path) else { continue }
            let idl = try AvroIDL(contentsOf: scratch.file("input/" + name), importPaths: [IDLTestData.url("putOnClassPath")])
            let expected = try AvroJSON(parsing: String(contentsOf: expectedURL, encoding: .utf8))
            #expect(IDLTestData.same(idl.json, expected), "\(name):\n\(idl.json.serialized(pretty: true))")
            // What is printed reads back as the same protocol or schema.
            if let avroProtocol = idl.avroProtocol {
                #expect(try AvroProtocol(parsing: avroProtocol.jsonString(), options: .init(allowsUnicodeNames: true)) == avroProtocol, "\(name)")
            }
            compared += 1
        }
        #expect(compared >= 14, "only \(compared) inputs have an output")
    }

    /// A schema file without a main schema gives its named types, as Java's reader lists them.
    @Test func aSchemaFileWithoutMainSchemaGivesItsNamedTypes() throws {
        let idl = try AvroIDL(contentsOf: IDLTestData.url("input/status_schema.avdl"))
        #expect(idl.avroProtocol == nil && idl.mainSchema == nil)
        #expect(idl.namedSchemas.map { $0.name?.fullname } == ["system.Status"])
    }

    @Test func aNamedTypeCannotBeRedefined() throws {
        let error = expectAvroError(.invalidIDL) { _ = try AvroIDL(contentsOf: IDLTestData.url("extra/duplicateNameErrorParsing.avdl")) }
        #expect(error?.path?.hasSuffix("extra/duplicateNameErrorParsing.avdl:11:6") == true, "\(String(describing: error))")
        #expect(error?.message.contains("'duplicateNameParseError.Foo' is declared twice") == true)
    }

    @Test func theTwoSyntaxesGiveTheSameMessage() throws {
        let protocolFile = try AvroIDL(contentsOf: IDLTestData.url("extra/protocolSyntax.avdl"))
        let schemaFile = try AvroIDL(contentsOf: IDLTestData.url("extra/schemaSyntax.avdl"))
        let message = try #require(protocolFile.avroProtocol?.types.first)
        #expect(schemaFile.mainSchema == .array(message))
        #expect(protocolFile.avroProtocol?.message(named: "echo")?.response == .reference("communication.Message"))
    }

    @Test func aTypeReferenceCannotBeAnnotated() throws {
        let error = expectAvroError(.invalidIDL) { _ = try AvroIDL(contentsOf: IDLTestData.url("AnnotationOnTypeReference.avdl")) }
        #expect(error?.path?.hasSuffix("AnnotationOnTypeReference.avdl:29:5") == true, "\(String(describing: error))")
    }

    /// The types of a cycle are each defined once, where first used.
    @Test func aCycleOfRecordsIsDefinedOnce() throws {
        let idl = try AvroIDL(contentsOf: IDLTestData.url("cycle.avdl"))
        let avroProtocol = try #require(idl.avroProtocol)
        #expect(avroProtocol.types.compactMap { $0.name?.name } == ["Record1"])
        #expect(avroProtocol.namedTypes.keys.map(\.name).sorted() == ["Record1", "Record2", "Record3", "TestEnum", "TestFixed"])
        // Each named type also stands alone, with what it uses inside.
        for schema in idl.namedSchemas {
            #expect(try AvroSchema(parsing: schema.jsonString()) == schema)
        }
    }

    /// Logical types by keyword and by annotation; an invalid one (a precision beyond 32 bits)
    /// stays as plain properties, as the specification asks.
    @Test func logicalTypesByKeywordAndAnnotation() throws {
        let idl = try AvroIDL(contentsOf: IDLTestData.url("logicalTypes.avdl"))
        guard case .record(let record)? = idl.avroProtocol?.types.first?.kind else {
            Issue.record("no record")
            return
        }
        let logical = Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0.type.logicalType) })
        #expect(logical["aDate"] == .date && logical["aTime"] == .timeMillis && logical["aTimestamp"] == .timestampMillis)
        #expect(logical["aLocalTimestamp"] == .localTimestampMillis && logical["identifier"] == .uuid)
        #expect(logical["pocketMoney"] == .decimal(precision: 6, scale: 2) && logical["allowance"] == .decimal(precision: 6, scale: 2))
        #expect(logical["anotherTimestamp"] == .timestampMicros)
        #expect(logical["byteArray"] == .some(nil))
        #expect(record.field(named: "byteArray")?.type.properties["precision"] == .integer(3_000_000_000))
    }

    /// Documentation comments: where each belongs, and a warning for each that belongs to
    /// nothing, at the same places Java warns about.
    @Test func docCommentsAndWarnings() throws {
        let idl = try AvroIDL(contentsOf: IDLTestData.url("input/comments.avdl"))
        let avroProtocol = try #require(idl.avroProtocol)
        let types = avroProtocol.namedTypes
        #expect(types[AvroName(fullname: "testing.DocumentedEnum")].flatMap(Self.doc) == "Documented Enum")
        #expect(types[AvroName(fullname: "testing.DocumentedFixed")].flatMap(Self.doc) == "Documented Fixed Type")
        #expect(types[AvroName(fullname: "testing.UndocumentedEnum")].flatMap(Self.doc) == nil)
        guard case .record(let error)? = types[AvroName(fullname: "testing.DocumentedError")]?.kind else {
            Issue.record("no DocumentedError")
            return
        }
        #expect(error.doc == "Documented Error")
        #expect(error.fields.map(\.doc) == ["Documented Reason Field", "Default Doc Explanation Field"])
        let method = try #require(avroProtocol.message(named: "documentedMethod"))
        #expect(method.doc == "Documented Method")
        #expect(method.request.map(\.doc) == ["Documented Parameter", "Default Documented Parameter"])
        #expect(avroProtocol.message(named: "undocumentedMethod")?.doc == nil)
        let places = idl.warnings.map { warning in
            String(warning.prefix { $0 != " " }.dropLast().split(separator: ":").suffix(2).joined(separator: ":"))
        }
        #expect(places == ["21:8", "21:45", "22:5", "23:5", "24:5", "25:5", "26:7", "27:7", "28:7", "33:7", "34:7", "35:5",
                           "36:5", "37:7", "42:7", "43:7", "46:9", "47:5", "54:7", "55:7", "58:9", "59:7", "60:11", "61:11"])
    }

    static func doc(_ schema: AvroSchema) -> String? {
        switch schema.kind {
        case .record(let record): record.doc
        case .enumeration(let enumeration): enumeration.doc
        case .fixed(let fixed): fixed.doc
        default: nil
        }
    }
}
