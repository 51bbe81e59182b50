import Foundation
import Testing
@testable import Avro

// Parsing Canonical Form and fingerprints.

/// One case of `share-test-data/schema-tests.txt`: a schema, its canonical form, and its
/// CRC-64-AVRO fingerprint as Java prints it (a signed 64-bit number), when given.
struct CanonicalFormCase: Sendable, CustomTestStringConvertible {
    var number: String
    var input: String
    var canonical: String
    var fingerprint: Int64?
    var testDescription: String { "case \(number)" }

    /// Reads the file's format: `// NNN` starts a case; `<<KEY value` gives a one-line value;
    /// `<<KEY` alone starts a value that runs up to a line that is exactly `KEY`. Other
    /// lines starting with `//` or `#` are comments.
    static func cases(in text: String) -> [CanonicalFormCase] {
        var cases: [CanonicalFormCase] = []
        var values: [String: String] = [:]
        var number = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        func finishCase() {
            if let input = values["INPUT"], let canonical = values["canonical"] {
                cases.append(CanonicalFormCase(number: number, input: input, canonical: canonical,
                                               fingerprint: values["fingerprint"].flatMap { Int64($0) }))
            }
            values = [:]
        }
        while let line = lines.popFirst() {
            if line.hasPrefix("<<") {
                let body = line.dropFirst(2)
                if let space = body.firstIndex(of: " ") {
                    values[String(body[..<space])] = String(body[body.index(after: space)...])
                } else {
                    let key = String(body)
                    var block: [String] = []
                    while let next = lines.popFirst(), next != key { block.append(next) }
                    values[key] = block.joined(separator: "\n")
                }
            } else if line.hasPrefix("// "), Int(line.dropFirst(3)) != nil {
                finishCase()
                number = String(line.dropFirst(3))
            }
        }
        finishCase()
        return cases
    }
}

private let schemaTestCases: [CanonicalFormCase] = {
    guard TestData.isAvailable, let text = try? TestData.text("share-test-data/schema-tests.txt") else { return [] }
    return CanonicalFormCase.cases(in: text)
}()

@Test(.enabled(if: TestData.isAvailable))
func schemaTestsFileHasAllCases() {
    // 34 cases numbered 000–033, 26 of them with a fingerprint.
    #expect(schemaTestCases.map(\.number) == (0...33).map { String(format: "%03d", $0) })
    #expect(schemaTestCases.filter { $0.fingerprint != nil }.count == 26)
    let multiLine = schemaTestCases.first { $0.number == "026" }
    #expect(multiLine?.input.hasPrefix("{ \"fields\":[{\"type\":\"boolean\"") == true)
    #expect(multiLine?.input.hasSuffix("\"name\":\"foo\"\n}") == true)
}

@Test(.enabled(if: TestData.isAvailable), arguments: schemaTestCases)
func canonicalFormMatchesJava(_ testCase: CanonicalFormCase) throws {
    let schema = try AvroSchema(parsing: testCase.input)
    #expect(schema.canonicalForm == testCase.canonical)
    if let fingerprint = testCase.fingerprint {
        #expect(Int64(bitPattern: schema.fingerprint64) == fingerprint)
        #expect(schema.fingerprint(.crc64Avro) == withUnsafeBytes(of: UInt64(bitPattern: fingerprint).littleEndian) { Array($0) })
    }
    // The canonical form is a schema whose canonical form is itself.
    #expect(try AvroSchema(parsing: testCase.canonical).canonicalForm == testCase.canonical)
}

/// The entries of `generated/fingerprints.json`: a schema file (or, for the one whose key is
/// not a path, its canonical form), with the canonical form and fingerprints avro-py gives.
@Test(.enabled(if: TestData.isAvailable))
func fingerprintsMatchGeneratedTable() throws {
    let table = try #require(try AvroJSON(parsing: TestData.text("generated/fingerprints.json")).objectValue)
    #expect(table.count == 4)
    for (key, entry) in table {
        let canonical = try #require(entry["canonical_form"]?.stringValue, "\(key)")
        let isFile = (try? TestData.text(key)) != nil
        let schema = try AvroSchema(parsing: isFile ? TestData.text(key) : canonical)
        #expect(isFile || key.hasPrefix("generated.Floats"), "\(key)")
        #expect(schema.canonicalForm == canonical, "\(key)")
        #expect(hexString(schema.fingerprint(.crc64Avro)) == entry["crc64_avro_little_endian_bytes_hex"]?.stringValue, "\(key)")
        #expect(String(schema.fingerprint64, radix: 16) == entry["crc64_avro_unsigned_hex"]?.stringValue, "\(key)")
        #expect(Int64(bitPattern: schema.fingerprint64) == entry["crc64_avro_signed_decimal"]?.integerValue, "\(key)")
        #expect(hexString(schema.fingerprint(.md5)) == entry["md5_hex"]?.stringValue, "\(key)")
        #expect(hexString(schema.fingerprint(.sha256)) == entry["sha256_hex"]?.stringValue, "\(key)")
    }
}

// MARK: - The transformations

/// The canonical form of `text`, parsed with Unicode names allowed.
private func canonical(_ text: String) throws -> String {
    try AvroSchema(parsing: text, options: .init(allowsUnicodeNames: true)).canonicalForm
}

@Test func primitivesBecomeBareNames() throws {
    // [PRIMITIVES], including a logical type and custom attributes on a primitive.
    #expect(try canonical(#"{"type":"int"}"#) == #""int""#)
    #expect(try canonical(#"{"type":"int","logicalType":"date"}"#) == #""int""#)
    #expect(try canonical(#"{"type":"string","logicalType":"uuid","x":[1]}"#) == #""string""#)
    #expect(try canonical(#"{"type":"array","items":{"type":"long","logicalType":"timestamp-millis"}}"#)
        == #"{"type":"array","items":"long"}"#)
}

@Test func namesBecomeFullNamesAndNamespacesGo() throws {
    // [FULLNAMES]: definitions and references, inherited, explicit and dotted namespaces.
    let text = """
        {"type":"record","name":"R","namespace":"a.b","fields":[
          {"name":"e","type":{"type":"enum","name":"E","symbols":["X"]}},
          {"name":"f","type":{"type":"fixed","name":"c.F","namespace":"ignored","size":2}},
          {"name":"g","type":{"type":"record","name":"G","namespace":"","fields":[{"name":"h","type":"a.b.E"}]}},
          {"name":"i","type":["null","E","c.F","G","R"]}]}
        """
    #expect(try canonical(text) == """
        {"name":"a.b.R","type":"record","fields":[\
        {"name":"e","type":{"name":"a.b.E","type":"enum","symbols":["X"]}},\
        {"name":"f","type":{"name":"c.F","type":"fixed","size":2}},\
        {"name":"g","type":{"name":"G","type":"record","fields":[{"name":"h","type":"a.b.E"}]}},\
        {"name":"i","type":["null","a.b.E","c.F","G","a.b.R"]}]}
        """)
}

@Test func onlyParsingAttributesAreKept() throws {
    // [STRIP]: doc, aliases, defaults, order, logical types, enum default and custom props go.
    let text = """
        {"type":"record","name":"R","doc":"d","aliases":["Old"],"custom":{"a":1},"fields":[
          {"name":"a","type":"int","default":3,"order":"descending","doc":"x","aliases":["b"],"p":true},
          {"name":"c","type":{"type":"enum","name":"E","symbols":["X","Y"],"default":"Y","doc":"e","aliases":["F"]}},
          {"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}},
          {"name":"f","type":{"type":"fixed","name":"Dec","size":4,"logicalType":"decimal","precision":9}},
          {"name":"m","type":{"type":"map","values":"int","p":null}}]}
        """
    #expect(try canonical(text) == """
        {"name":"R","type":"record","fields":[\
        {"name":"a","type":"int"},\
        {"name":"c","type":{"name":"E","type":"enum","symbols":["X","Y"]}},\
        {"name":"d","type":"bytes"},\
        {"name":"f","type":{"name":"Dec","type":"fixed","size":4}},\
        {"name":"m","type":{"type":"map","values":"int"}}]}
        """)
    // So a decimal over bytes and plain bytes have the same fingerprint.
    let decimal = try AvroSchema(parsing: #"{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}"#)
    #expect(decimal.logicalType == .decimal(precision: 4, scale: 2))
    #expect(decimal.fingerprint64 == AvroSchema.bytes.fingerprint64)
    #expect(decimal.fingerprint(.sha256) == AvroSchema.bytes.fingerprint(.sha256))
}

@Test func keysAreOrderedAndWhitespaceRemoved() throws {
    // [ORDER] and [WHITESPACE]: keys name, type, fields, symbols, items, values, size.
    let text = """
        {  "fields" : [ { "type" : { "values" : { "items" : "int" , "type" : "array" } , "type" : "map" } ,
           "name" : "m" } ,
           { "type" : { "size" : 3 , "type" : "fixed" , "name" : "F" } , "name" : "f" } ,
           { "type" : { "symbols" : [ "A" , "B" ] , "name" : "E" , "type" : "enum" } , "name" : "e" } ] ,
           "type" : "record" , "name" : "R" }
        """
    #expect(try canonical(text) == """
        {"name":"R","type":"record","fields":[\
        {"name":"m","type":{"type":"map","values":{"type":"array","items":"int"}}},\
        {"name":"f","type":{"name":"F","type":"fixed","size":3}},\
        {"name":"e","type":{"name":"E","type":"enum","symbols":["A","B"]}}]}
        """)
}

@Test func stringsAreWrittenAsRawUTF8() throws {
    // [STRINGS]: \u escapes in names and symbols come out as UTF-8, not as escapes.
    let text = #"{"type":"enum","name":"\u00e9t\u00e9","namespace":"caf\u00e9","symbols":["\u00c5","B"]}"#
    let form = try canonical(text)
    #expect(form == #"{"name":"café.été","type":"enum","symbols":["Å","B"]}"#)
    #expect(Array(form.utf8).count == form.unicodeScalars.count + 4)
}

@Test func integersAreWrittenPlainly() throws {
    // [INTEGERS]: a fixed size is an unquoted integer without leading zeros.
    #expect(try canonical(#"{"type":"fixed","name":"F","size":0}"#) == #"{"name":"F","type":"fixed","size":0}"#)
    #expect(try canonical(#"{"type":"fixed","name":"F","size":1024}"#) == #"{"name":"F","type":"fixed","size":1024}"#)
    // A leading zero is not JSON (schema-tests.txt case 029 keeps that input commented out).
    let error = expectAvroError(.invalidJSON) { _ = try AvroSchema(parsing: #"{"type":"fixed","name":"F","size":015}"#) }
    #expect(error?.path == nil)
}

@Test func namedTypeIsWrittenInFullOnlyAtItsFirstUse() throws {
    let text = """
        {"type":"record","name":"Node","namespace":"t","fields":[
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A"]}},
          {"name":"other","type":"Kind"},
          {"name":"children","type":{"type":"array","items":"Node"}}]}
        """
    #expect(try canonical(text) == """
        {"name":"t.Node","type":"record","fields":[\
        {"name":"kind","type":{"name":"t.Kind","type":"enum","symbols":["A"]}},\
        {"name":"other","type":"t.Kind"},\
        {"name":"children","type":{"type":"array","items":"t.Node"}}]}
        """)
}

@Test func specExamplesOfItem95() throws {
    #expect(try canonical(#"{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}"#)
        == #"{"name":"x.y.foo","type":"record","fields":[]}"#)
    #expect(try canonical(#"[ "int" , {"type":"boolean"} ]"#) == #"["int","boolean"]"#)
}

// MARK: - Fingerprints

/// CRC-64-AVRO computed bit by bit, straight from the definition, without a table.
private func bitwiseCRC64Avro(_ bytes: some Sequence<UInt8>) -> UInt64 {
    let empty: UInt64 = 0xc15d_213a_a4d7_a795
    var fingerprint = empty
    for byte in bytes {
        fingerprint ^= UInt64(byte)
        for _ in 0..<8 {
            fingerprint = (fingerprint >> 1) ^ (empty & (0 &- (fingerprint & 1)))
        }
    }
    return fingerprint
}

@Test func fingerprintsAreOverTheCanonicalFormBytes() throws {
    // every algorithm hashes the UTF-8 of the canonical form.
    let schema = try AvroSchema(parsing: """
        {"type":"record","name":"Person","namespace":"org.example","doc":"ignored","fields":[
          {"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}}]}
        """)
    let bytes = Array(schema.canonicalForm.utf8)
    #expect(schema.fingerprint(.md5) == MD5.hash(bytes))
    #expect(schema.fingerprint(.sha256) == SHA256.hash(bytes))
    #expect(schema.fingerprint64 == bitwiseCRC64Avro(bytes))
    #expect(schema.fingerprint() == schema.fingerprint(.crc64Avro))
    #expect(schema.fingerprint(.md5).count == 16)
    #expect(schema.fingerprint(.sha256).count == 32)
    #expect(schema.fingerprint(.crc64Avro).count == 8)
}

@Test(arguments: [
    #""int""#, #""null""#, "[]", #"{"type":"map","values":"bytes"}"#,
    #"{"type":"record","name":"L","fields":[{"name":"n","type":["null","L"]}]}"#,
])
func tableCRC64AvroMatchesBitwiseDefinition(text: String) throws {
    let schema = try AvroSchema(parsing: text)
    #expect(schema.fingerprint64 == bitwiseCRC64Avro(schema.canonicalForm.utf8))
}

@Test func fingerprintByteOrderAndSign() throws {
    // "int" is 0x7275d51a3f395c8f, printed signed by Java, little-endian in bytes.
    let int = try AvroSchema(parsing: #"{"type":"int"}"#)
    #expect(int.fingerprint64 == 0x7275_d51a_3f39_5c8f)
    #expect(Int64(bitPattern: int.fingerprint64) == 8_247_732_601_305_521_295)
    #expect(int.fingerprint(.crc64Avro) == [0x8f, 0x5c, 0x39, 0x3f, 0x1a, 0xd5, 0x75, 0x72])
    #expect(Int64(bitPattern: AvroSchema.null.fingerprint64) == 7_195_948_357_588_979_594)
    #expect(Int64(bitPattern: AvroSchema.string.fingerprint64) == -8_142_146_995_180_207_161)
    #expect(Int64(bitPattern: AvroSchema.union([]).fingerprint64) == -1_241_056_759_729_112_623)
}

@Test(.enabled(if: TestData.isAvailable))
func interopFingerprintsOfItem98() throws {
    let interop = try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
    #expect(hexString(interop.fingerprint(.crc64Avro)) == "e82c0a93a6a0b5a4")
    #expect(hexString(interop.fingerprint(.md5)) == "994fea1a1be7ff8603cbe40c3bc7e4ca")
    #expect(hexString(interop.fingerprint(.sha256)) == "cccfd6e3f917cf53b0f90c206342e6703b0d905071f724a1c1f85b731c74058d")
    // The single-object header of generated/interop-record0.single-object.bin carries it.
    let message = try TestData.bytes("generated/interop-record0.single-object.bin")
    #expect(Array(message.prefix(10)) == [0xc3, 0x01] + interop.fingerprint(.crc64Avro))
}
