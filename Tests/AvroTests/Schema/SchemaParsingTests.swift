import Foundation
import Testing
@testable import Avro

// Parsing schemas: every rule of the specification's schema declarations and logical types.

private func parse(_ text: String, unicode: Bool = false) throws -> AvroSchema {
    try AvroSchema(parsing: text, options: .init(allowsUnicodeNames: unicode))
}

/// A record `R` with one field `f` of type `type` (JSON) and, when given, default `value`.
private func record(field type: String, default value: String? = nil) -> String {
    #"{"type":"record","name":"R","fields":[{"name":"f","type":\#(type)\#(value.map { #","default":\#($0)"# } ?? "")}]}"#
}

/// The only field of `schema`, a record.
private func onlyField(_ schema: AvroSchema) throws -> AvroSchema.Field {
    guard case .record(let record) = schema.kind, record.fields.count == 1 else {
        throw AvroError(.typeMismatch, "expected a record with one field, found \(schema)")
    }
    return record.fields[0]
}

/// A schema text that must be rejected with `code` at `path`.
struct InvalidSchema: Sendable, CustomTestStringConvertible {
    var rule: String
    var json: String
    var code: AvroError.Code
    var path: String?
    init(_ rule: String, _ json: String, _ code: AvroError.Code = .invalidSchema, at path: String?) {
        self.rule = rule
        self.json = json
        self.code = code
        self.path = path
    }
    var testDescription: String { "\(rule): \(json)" }
}

private let invalidSchemas: [InvalidSchema] = [
    // JSON forms and malformed JSON.
    .init("a number", "42", at: nil),
    .init("a boolean", "true", at: nil),
    .init("null", "null", at: nil),
    .init("an object without type", #"{"name":"x"}"#, at: nil),
    .init("a non-string type", #"{"type":7}"#, at: "type"),
    .init("an unknown type", #"{"type":"panther"}"#, at: "type"),
    .init("an unknown type name", #""panther""#, at: nil),
    .init("True is not a type", #""True""#, at: nil),
    .init("object form of a named reference", #"[{"type":"fixed","name":"Hash","size":16},{"type":"Hash"}]"#, at: "[1].type"),
    .init("text after the schema", #"{"type":"string"}; DROP TABLE users"#, .invalidJSON, at: nil),
    .init("malformed JSON", #"{"type":"record","name":"R","fields":["#, .invalidJSON, at: nil),
    .init("malformed JSON: single quotes", "{'type':'int'}", .invalidJSON, at: nil),
    // primitive names.
    .init("fixed named int", #"{"type":"fixed","name":"int","size":1}"#, at: "name"),
    .init("record named string in the null namespace", #"{"type":"record","name":"string","namespace":"","fields":[]}"#, at: "name"),
    // records and fields.
    .init("record without name", #"{"type":"record","fields":[]}"#, at: nil),
    .init("record with a non-string name", #"{"type":"record","name":["Tom"],"fields":[]}"#, at: "name"),
    .init("record without fields", #"{"type":"record","name":"R"}"#, at: nil),
    .init("fields as a string", #"{"type":"record","name":"R","fields":"a b"}"#, at: "fields"),
    .init("aliases not an array", #"{"type":"record","name":"R","aliases":"S","fields":[]}"#, at: "aliases"),
    .init("a non-string alias", #"{"type":"record","name":"R","aliases":[1],"fields":[]}"#, at: "aliases[0]"),
    .init("a non-string doc", #"{"type":"record","name":"R","doc":5,"fields":[]}"#, at: "doc"),
    .init("field not an object", #"{"type":"record","name":"R","fields":["int"]}"#, at: "fields[0]"),
    .init("field without name", #"{"type":"record","name":"R","fields":[{"type":"int"}]}"#, at: "fields[0]"),
    .init("field with a non-string name", #"{"type":"record","name":"R","fields":[{"name":1,"type":"int"}]}"#, at: "fields[0].name"),
    .init("field without type", #"{"type":"record","name":"R","fields":[{"name":"a"},{"name":"b","type":"int"}]}"#, at: "fields[0]"),
    .init("field with a bad type", record(field: #"{"type":"array"}"#), at: "fields[0].type"),
    .init("unknown order", record(field: #""int","order":"up""#), at: "fields[0].order"),
    .init("order not a string", record(field: #""int","order":1"#), at: "fields[0].order"),
    .init("duplicate field", #"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]}"#, at: "fields[1].name"),
    .init("field name with a space", #"{"type":"record","name":"R","fields":[{"name":"a b","type":"int"}]}"#, at: "fields[0].name"),
    .init("field name starting with a digit", #"{"type":"record","name":"R","fields":[{"name":"1a","type":"int"}]}"#, at: "fields[0].name"),
    .init("empty field name", #"{"type":"record","name":"R","fields":[{"name":"","type":"int"}]}"#, at: "fields[0].name"),
    // enums.
    .init("enum without symbols", #"{"type":"enum","name":"E"}"#, at: nil),
    .init("symbols as a string", #"{"type":"enum","name":"E","symbols":"A B"}"#, at: "symbols"),
    .init("a non-string symbol", #"{"type":"enum","name":"E","symbols":["A",null]}"#, at: "symbols[1]"),
    .init("duplicate symbol", #"{"type":"enum","name":"E","symbols":["A","B","A"]}"#, at: "symbols[2]"),
    .init("symbol with a space", #"{"type":"enum","name":"E","symbols":["A","B C"]}"#, at: "symbols[1]"),
    .init("symbol with a dash", #"{"type":"enum","name":"E","symbols":["a-b"]}"#, at: "symbols[0]"),
    .init("enum without name", #"{"type":"enum","symbols":["A"]}"#, at: nil),
    .init("default not a symbol", #"{"type":"enum","name":"E","symbols":["A"],"default":"B"}"#, at: "default"),
    .init("default not a string", #"{"type":"enum","name":"E","symbols":["A"],"default":0}"#, at: "default"),
    // arrays and maps.
    .init("array without items", #"{"type":"array"}"#, at: nil),
    .init("map without values", #"{"type":"map","items":"int"}"#, at: nil),
    .init("bad items", #"{"type":"array","items":"Nope"}"#, at: "items"),
    .init("bad values", #"{"type":"map","values":{"type":"map"}}"#, at: "values"),
    // unions.
    .init("duplicate int", #"["int","int"]"#, at: "[1]"),
    .init("duplicate null", #"["null","string","null"]"#, at: "[2]"),
    .init("int twice, once as an object", #"["int",{"type":"int","logicalType":"date"}]"#, at: "[1]"),
    .init("two arrays", #"[{"type":"array","items":"int"},{"type":"array","items":"long"}]"#, at: "[1]"),
    .init("two maps", #"[{"type":"map","values":"int"},{"type":"map","values":"long"}]"#, at: "[1]"),
    .init("a named type twice", #"[{"type":"fixed","name":"F","size":1},"F"]"#, at: "[1]"),
    .init("nested union", #"["null",["int","string"]]"#, at: "[1]"),
    .init("nested union in a field", record(field: #"["null",[]]"#), at: "fields[0].type[1]"),
    // fixed.
    .init("fixed without size", #"{"type":"fixed","name":"F"}"#, at: nil),
    .init("negative size", #"{"type":"fixed","name":"F","size":-1}"#, at: "size"),
    .init("fractional size", #"{"type":"fixed","name":"F","size":1.5}"#, at: "size"),
    .init("size as a string", #"{"type":"fixed","name":"F","size":"16"}"#, at: "size"),
    .init("fixed without name", #"{"type":"fixed","size":16}"#, at: nil),
    // names and namespaces.
    .init("name starting with a digit", #"{"type":"enum","name":"2d2","symbols":["c3po"]}"#, at: "name"),
    .init("name with a space", #"{"type":"fixed","name":"dr. spaceman","size":1}"#, at: "name"),
    .init("empty name", #"{"type":"fixed","name":"","size":1}"#, at: "name"),
    .init("Unicode name (strict by default)", #"{"type":"fixed","name":"caf\u00e9","size":1}"#, at: "name"),
    .init("empty element in a dotted name", #"{"type":"fixed","name":"a..b","size":1}"#, at: "name"),
    .init("dotted name ending with a dot", #"{"type":"fixed","name":"a.b.","size":1}"#, at: "name"),
    .init("dotted name starting with a dot", #"{"type":"fixed","name":".b","size":1}"#, at: "name"),
    .init("empty element in a namespace", #"{"type":"fixed","name":"b","namespace":"a..c","size":1}"#, at: "namespace"),
    .init("namespace starting with a dot", #"{"type":"fixed","name":"b","namespace":".a","size":1}"#, at: "namespace"),
    .init("namespace element starting with a digit", #"{"type":"fixed","name":"b","namespace":"a.1c","size":1}"#, at: "namespace"),
    .init("non-string namespace", #"{"type":"fixed","name":"b","namespace":1,"size":1}"#, at: "namespace"),
    .init("forward reference", #"{"type":"record","name":"R","fields":[{"name":"a","type":"E"},{"name":"b","type":{"type":"enum","name":"E","symbols":["X"]}}]}"#, at: "fields[0].type"),
    .init("reference to another namespace's name", #"{"type":"record","name":"R","namespace":"x","fields":[{"name":"a","type":{"type":"fixed","name":"F","namespace":"y","size":1}},{"name":"b","type":"F"}]}"#, at: "fields[1].type"),
    .init("a name defined twice", #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":{"type":"fixed","name":"F","size":2}}]}"#, at: "fields[1].type.name"),
    .init("the same definition twice", #"[{"type":"fixed","name":"F","size":1},{"type":"record","name":"S","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":1}}]}]"#, at: "[1].fields[0].type.name"),
    .init("a record redefining itself", #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"R","fields":[]}}]}"#, at: "fields[0].type.name"),
    .init("a field type redefining an enclosing record in its namespace", #"{"type":"record","name":"a.R","fields":[{"name":"a","type":{"type":"enum","name":"R","symbols":["X"]}}]}"#, at: "fields[0].type.name"),
]

@Test(arguments: invalidSchemas)
func invalidSchemaIsRejected(_ invalid: InvalidSchema) {
    let error = expectAvroError(invalid.code) { _ = try parse(invalid.json) }
    #expect(error?.path == invalid.path, "\(String(describing: error))")
    #expect(error?.message.isEmpty == false)
}

@Test func malformedJSONReportsItsOffset() {
    let error = expectAvroError(.invalidJSON) { _ = try parse(#"{"type": "int",}"#) }
    #expect(error?.offset == 15)
    expectAvroError(.invalidJSON) { _ = try AvroSchema(parsing: Data([0x22, 0xff, 0x22])) }
}

@Test func nestingDeeperThanTheLimitIsRejected() throws {
    let nested = { (depth: Int) in
        String(repeating: #"{"type":"array","items":"#, count: depth) + #""int""# + String(repeating: "}", count: depth)
    }
    #expect(try AvroSchema(parsing: Data(nested(20).utf8), options: .init(maxDepth: 20)).canonicalForm == nested(20))
    expectAvroError(.limitExceeded) { _ = try AvroSchema(parsing: nested(21), options: .init(maxDepth: 20)) }
}

// MARK: - forms and primitives

@Test(arguments: ["null", "boolean", "int", "long", "float", "double", "bytes", "string"])
func primitiveAsStringAndObject(name: String) throws {
    // "int" and {"type":"int"} are the same schema; a bare string is a whole file (3b).
    let bare = try parse("\"\(name)\"")
    let object = try parse(#"{"type":"\#(name)"}"#)
    #expect(bare == object)
    #expect(bare.typeName == name)
    #expect(bare.jsonString() == "\"\(name)\"")
    #expect(object.properties.isEmpty && object.logicalType == nil)
}

@Test func unionIsAnArray() throws {
    // the three JSON forms.
    let schema = try parse(#"  ["string", "null", {"type": "long"}]  "#)
    #expect(schema == .union([.string, .null, .long]))
}

@Test func propertiesOfEveryJSONTypeAreKeptAndPrinted() throws {
    // extra attributes, in order, on every kind of schema object and on fields.
    let props = #""s":"x","i":-7,"d":1.5,"t":true,"f":false,"n":null,"a":[1,"two",[]],"o":{"k":{"z":[null]}}"#
    let expected: AvroJSON.Object = ["s": "x", "i": -7, "d": 1.5, "t": true, "f": false, "n": nil,
                                     "a": [1, "two", []], "o": ["k": ["z": [nil]]]]
    let schemas = [
        #"{"type":"int",\#(props)}"#,
        #"{"type":"record","name":"R","fields":[],\#(props)}"#,
        #"{"type":"enum","name":"E","symbols":["A"],\#(props)}"#,
        #"{"type":"fixed","name":"F","size":1,\#(props)}"#,
        #"{"type":"array","items":"int",\#(props)}"#,
        #"{"type":"map","values":"int",\#(props)}"#,
        #"{"type":"string","logicalType":"uuid",\#(props)}"#,
    ]
    for text in schemas {
        let schema = try parse(text)
        #expect(schema.properties == expected, "\(text)")
        #expect(try parse(schema.jsonString()) == schema, "\(text)")
    }
    #expect(try parse(schemas[0]).jsonString() == schemas[0])
    #expect(try parse(schemas[6]).jsonString() == schemas[6])
    let field = try onlyField(parse(record(field: #""int",\#(props)"#)))
    #expect(field.properties == expected)
    #expect(try parse(#"{"type":"string","ignored":"value"}"#).jsonString() == #"{"type":"string","ignored":"value"}"#)
}

@Test func primitiveNamesAsNamesInANamespace() throws {
    // ns.int may be defined; a bare "int" is always the primitive, even inside ns.
    let text = """
        {"type":"record","name":"long","namespace":"ns","fields":[
          {"name":"a","type":{"type":"fixed","name":"int","size":4}},
          {"name":"b","type":"int"},
          {"name":"c","type":"ns.int"},
          {"name":"next","type":["null","ns.long"]}]}
        """
    let schema = try parse(text)
    guard case .record(let record) = schema.kind else { Issue.record("not a record"); return }
    #expect(record.name == AvroName(name: "long", namespace: "ns"))
    #expect(record.fields[0].type.name == AvroName(name: "int", namespace: "ns"))
    #expect(record.fields[1].type == .int)
    #expect(record.fields[2].type == .reference("ns.int"))
    #expect(record.fields[3].type == .union([.null, .reference("ns.long")]))
    #expect(try parse(#"{"type":"fixed","name":"ns.int","size":1}"#).name?.fullname == "ns.int")
    for pretty in [false, true] { #expect(try parse(schema.jsonString(pretty: pretty)) == schema) }
}

// MARK: - records

@Test func recordsErrorsAndEmptyRecords() throws {
    let text = """
        {"type":"record","name":"R","doc":"a record","aliases":["Old"],"fields":[
          {"name":"a","type":"int","doc":"the a","aliases":["x","not a name!"]},
          {"name":"b","type":"string","order":"descending"},
          {"name":"c","type":"long","order":"ignore"},
          {"name":"d","type":"long","order":"ascending"},
          {"name":"e","type":{"type":"error","name":"Oops","fields":[]}}]}
        """
    let schema = try parse(text)
    guard case .record(let record) = schema.kind else { Issue.record("not a record"); return }
    #expect(record.doc == "a record" && !record.isError)
    #expect(record.aliases == [AvroName(name: "Old")])
    #expect(record.fields.map(\.name) == ["a", "b", "c", "d", "e"])
    #expect(record.fields.map(\.order) == [.ascending, .descending, .ignore, .ascending, .ascending])
    #expect(record.fields[0].doc == "the a")
    #expect(record.fields[0].aliases == ["x", "not a name!"]) // any alias string
    #expect(record.fields[4].type.typeName == "error")
    #expect(record.fields[4].type == .record(.init(name: AvroName(name: "Oops"), fields: [], isError: true)))
    #expect(try parse(schema.jsonString()) == schema)
    #expect(try parse(#"{"type":"error","name":"E","fields":[]}"#).typeName == "error")
}

@Test func typeKeywordsAreLegalNames() throws {
    let schema = try parse("""
        {"type":"record","name":"record","fields":[
          {"name":"record","type":{"type":"enum","name":"enum","symbols":["record","enum","int"]}},
          {"name":"array","type":{"type":"fixed","name":"map","size":1}},
          {"name":"union","type":["null","record"]}]}
        """)
    #expect(schema.name == AvroName(name: "record"))
    #expect(try onlyFieldNamed("union", in: schema).type == .union([.null, .reference("record")]))
}

private func onlyFieldNamed(_ name: String, in schema: AvroSchema) throws -> AvroSchema.Field {
    guard case .record(let record) = schema.kind, let field = record.field(named: name) else {
        throw AvroError(.missingField, "no field \(name)")
    }
    return field
}

@Test func recursiveTypes() throws {
    // a linked list, and mutual recursion (Lisp cons cells).
    let list = try parse(#"{"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}"#)
    #expect(try onlyFieldNamed("next", in: list).type == .union([.null, .reference("LongList")]))
    let lisp = try parse("""
        {"type":"record","name":"Lisp","fields":[{"name":"value","type":["null","string",
          {"type":"record","name":"Cons","fields":[{"name":"car","type":"Lisp"},{"name":"cdr","type":"Lisp"}]}]}]}
        """)
    #expect(lisp.namedDefinitions.keys.sorted() == [AvroName(name: "Cons"), AvroName(name: "Lisp")])
    #expect(try parse(lisp.jsonString()) == lisp)
}

// MARK: - field defaults

/// A field type and a valid default for it, with the value it stands for.
struct ValidDefault: Sendable, CustomTestStringConvertible {
    var type: String
    var json: String
    var value: AvroValue
    var testDescription: String { "\(type) = \(json)" }
}

private let validDefaults: [ValidDefault] = [
    .init(type: #""null""#, json: "null", value: .null),
    .init(type: #""boolean""#, json: "true", value: .boolean(true)),
    .init(type: #""int""#, json: "2147483647", value: .int(.max)),
    .init(type: #""int""#, json: "-2147483648", value: .int(.min)),
    .init(type: #""long""#, json: "9223372036854775807", value: .long(.max)),
    .init(type: #""float""#, json: "1", value: .float(1)),
    .init(type: #""float""#, json: "1.5", value: .float(1.5)),
    .init(type: #""double""#, json: "-3", value: .double(-3)),
    .init(type: #""double""#, json: "2.5e-3", value: .double(0.0025)),
    .init(type: #""bytes""#, json: #""\u0000a\u00ff""#, value: .bytes([0x00, 0x61, 0xff])),
    .init(type: #""string""#, json: #""h\u00e9""#, value: .string("hé")),
    .init(type: #"{"type":"fixed","name":"F","size":2}"#, json: #""\u00ff\u0001""#, value: .fixed([0xff, 0x01])),
    .init(type: #"{"type":"fixed","name":"F","size":0}"#, json: #""""#, value: .fixed([])),
    .init(type: #"{"type":"enum","name":"E","symbols":["A","B"]}"#, json: #""B""#, value: .enumeration("B")),
    .init(type: #"{"type":"array","items":"int"}"#, json: "[1,2]", value: .array([.int(1), .int(2)])),
    .init(type: #"{"type":"map","values":"long"}"#, json: #"{"a":1}"#, value: .map([("a", .long(1))])),
    .init(type: #"["null","string"]"#, json: "null", value: .union(branch: 0, value: .null)),
    // a default matching a later branch (1.12), taken as the first branch it matches.
    .init(type: #"["null","string"]"#, json: #""x""#, value: .union(branch: 1, value: .string("x"))),
    .init(type: #"["int","long","double"]"#, json: "5000000000", value: .union(branch: 1, value: .long(5_000_000_000))),
    .init(type: #"["int","double"]"#, json: "1.5", value: .union(branch: 1, value: .double(1.5))),
    // a union default is plain JSON, so an object matches a map branch.
    .init(type: #"["null",{"type":"map","values":"string"}]"#, json: #"{"string":"x"}"#,
          value: .union(branch: 1, value: .map([("string", .string("x"))]))),
    // a record default that leaves out a field with its own default.
    .init(type: #"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"z"}]}"#,
          json: #"{"a":1}"#, value: .record([("a", .int(1)), ("b", .string("z"))])),
    // logical types take the underlying type's JSON form.
    .init(type: #"{"type":"int","logicalType":"date"}"#, json: "1234", value: .int(1234)),
    .init(type: #"{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}"#, json: #""\u0001""#, value: .bytes([1])),
    .init(type: #"[{"type":"int","logicalType":"date"},"null"]"#, json: "1234", value: .union(branch: 0, value: .int(1234))),
]

@Test(arguments: validDefaults)
func validDefaultIsAccepted(_ valid: ValidDefault) throws {
    let schema = try parse(record(field: valid.type, default: valid.json))
    let field = try onlyField(schema)
    #expect(field.defaultValue == (try AvroJSON(parsing: valid.json)))
    let value = try AvroValue(defaultJSON: #require(field.defaultValue), schema: field.type, definitions: schema.namedDefinitions)
    #expect(value == valid.value)
    #expect(try parse(schema.jsonString()) == schema)
}

/// A field type and a default that does not fit it, with the path of the error.
private let invalidDefaults: [InvalidSchema] = [
    .init("0 for null", record(field: #""null""#, default: "0"), .invalidDefault, at: "fields[0].default"),
    .init("a string for boolean", record(field: #""boolean""#, default: #""true""#), .invalidDefault, at: "fields[0].default"),
    .init("int above 32 bits", record(field: #""int""#, default: "2147483648"), .invalidDefault, at: "fields[0].default"),
    .init("int below 32 bits", record(field: #""int""#, default: "-2147483649"), .invalidDefault, at: "fields[0].default"),
    .init("1.5 for int", record(field: #""int""#, default: "1.5"), .invalidDefault, at: "fields[0].default"),
    .init("1.5 for long", record(field: #""long""#, default: "1.5"), .invalidDefault, at: "fields[0].default"),
    .init("long above 64 bits", record(field: #""long""#, default: "9223372036854775808"), .invalidDefault, at: "fields[0].default"),
    .init("a string for double", record(field: #""double""#, default: #""1""#), .invalidDefault, at: "fields[0].default"),
    .init("a number for string", record(field: #""string""#, default: "1"), .invalidDefault, at: "fields[0].default"),
    .init("U+0100 in bytes", record(field: #""bytes""#, default: #""a\u0100""#), .invalidDefault, at: "fields[0].default"),
    .init("U+0100 in fixed", record(field: #"{"type":"fixed","name":"F","size":1}"#, default: #""\u0100""#), .invalidDefault, at: "fields[0].default"),
    .init("fixed too long", record(field: #"{"type":"fixed","name":"F","size":2}"#, default: #""abc""#), .invalidDefault, at: "fields[0].default"),
    .init("fixed too short", record(field: #"{"type":"fixed","name":"F","size":2}"#, default: #""a""#), .invalidDefault, at: "fields[0].default"),
    .init("unknown enum symbol", record(field: #"{"type":"enum","name":"E","symbols":["A"]}"#, default: #""Z""#), .invalidDefault, at: "fields[0].default"),
    .init("bad array element", record(field: #"{"type":"array","items":"int"}"#, default: #"[1,"x"]"#), .invalidDefault, at: "fields[0].default[1]"),
    .init("bad map value", record(field: #"{"type":"map","values":"int"}"#, default: #"{"a":1,"b":"x"}"#), .invalidDefault, at: #"fields[0].default["b"]"#),
    .init("object for array", record(field: #"{"type":"array","items":"int"}"#, default: "{}"), .invalidDefault, at: "fields[0].default"),
    .init("matches no branch", record(field: #"["null","int"]"#, default: #""x""#), .invalidDefault, at: "fields[0].default"),
    .init("union-wrapped form", record(field: #"["null","string"]"#, default: #"{"string":"x"}"#), .invalidDefault, at: "fields[0].default"),
    .init("record default lacks a field without default",
          record(field: #"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"}]}"#, default: #"{"a":1}"#),
          .invalidDefault, at: "fields[0].default"),
    .init("record default with a field of the wrong type",
          record(field: #"{"type":"record","name":"P","fields":[{"name":"a","type":"int"}]}"#, default: #"{"a":"x"}"#),
          .invalidDefault, at: "fields[0].default.a"),
    .init("record default with an unknown field",
          record(field: #"{"type":"record","name":"P","fields":[]}"#, default: #"{"a":1}"#), .invalidDefault, at: "fields[0].default"),
    .init("nested record field default",
          record(field: #"{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":"x"}]}"#),
          .invalidDefault, at: "fields[0].type.fields[1].default"),
]

@Test(arguments: invalidDefaults)
func invalidDefaultIsRejected(_ invalid: InvalidSchema) {
    let error = expectAvroError(invalid.code) { _ = try parse(invalid.json) }
    #expect(error?.path == invalid.path, "\(String(describing: error))")
}

@Test func defaultsAreNotCheckedWhenValidationIsOff() throws {
    let schema = try AvroSchema(parsing: record(field: #""int""#, default: #""x""#), options: .init(validatesDefaults: false))
    #expect(try onlyField(schema).defaultValue == "x")
}

@Test func recursiveRecordDefault() throws {
    // a default of a recursive type is checked without recursing forever.
    let text = """
        {"type":"record","name":"Holder","fields":[{"name":"list","default":{"value":1,"next":{"value":2,"next":null}},
          "type":{"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}}]}
        """
    let schema = try parse(text)
    let field = try onlyField(schema)
    let value = try AvroValue(defaultJSON: #require(field.defaultValue), schema: field.type, definitions: schema.namedDefinitions)
    #expect(value["next"]?.unwrapped["value"] == .long(2))
}

// MARK: - Enums, arrays, maps, unions, fixed

@Test func enumsWithSymbolsAndDefault() throws {
    let schema = try parse(#"{"type":"enum","name":"Suit","doc":"cards","symbols":["SPADES","_h","d9"],"default":"d9"}"#)
    #expect(schema == .enumeration(.init(name: AvroName(name: "Suit"), symbols: ["SPADES", "_h", "d9"], defaultSymbol: "d9", doc: "cards")))
    #expect(try parse(schema.jsonString()) == schema)
    // the same symbols and field names may be reused in another type.
    let pair = try parse("""
        [{"type":"enum","name":"A","symbols":["X","Y"]},{"type":"enum","name":"B","symbols":["X","Y"]},
         {"type":"record","name":"C","fields":[{"name":"X","type":"int"}]},{"type":"record","name":"D","fields":[{"name":"X","type":"int"}]}]
        """)
    #expect(pair.namedDefinitions.count == 4)
}

@Test func arraysAndMaps() throws {
    #expect(try parse(#"{"type":"array","items":{"type":"enum","name":"E","symbols":["A"]}}"#)
        == .array(.enumeration(.init(name: AvroName(name: "E"), symbols: ["A"]))))
    #expect(try parse(#"{"type":"map","values":{"type":"array","items":"bytes"}}"#) == .map(.array(.bytes)))
}

@Test func unionsOfNamedTypesAndTheEmptyUnion() throws {
    // several named types of one kind with different names; 23d: the empty union.
    let union = try parse(#"[{"type":"record","name":"A","fields":[]},{"type":"record","name":"x.A","fields":[]},{"type":"fixed","name":"F","size":1},{"type":"fixed","name":"G","size":1},"null"]"#)
    guard case .union(let branches) = union.kind else { Issue.record("not a union"); return }
    #expect(branches.compactMap(\.name?.fullname) == ["A", "x.A", "F", "G"])
    let empty = try parse("[]")
    #expect(empty == .union([]))
    #expect(empty.canonicalForm == "[]")
    #expect(try parse(#"["string","null","long"]"#) == .union([.string, .null, .long]))
}

@Test func fixedSizes() throws {
    // size 0 is accepted.
    #expect(try parse(#"{"type":"fixed","name":"Empty","size":0}"#) == .fixed(.init(name: AvroName(name: "Empty"), size: 0)))
    #expect(try parse(#"{"type":"fixed","name":"MD5","namespace":"org","size":16,"aliases":["Hash"]}"#)
        == .fixed(.init(name: AvroName(name: "MD5", namespace: "org"), size: 16, aliases: [AvroName(name: "Hash", namespace: "org")])))
}

// MARK: - names, namespaces, aliases

@Test func specNamespaceExample() throws {
    // the spec's worked example, written here with our own docs.
    let text = """
        {"type":"record","name":"Example","doc":"no namespace anywhere: the null namespace","fields":[
          {"name":"inheritNull","type":{"type":"enum","name":"Simple","doc":"inherits the null namespace","symbols":["a","b"]}},
          {"name":"explicitNamespace","type":{"type":"fixed","name":"Simple","namespace":"explicit","doc":"another type","size":12}},
          {"name":"fullName","type":{"type":"record","name":"a.full.Name","namespace":"ignored","doc":"dotted: namespace ignored","fields":[
            {"name":"inheritNamespace","type":{"type":"enum","name":"Understanding","doc":"inherits a.full","symbols":["d","e"]}}]}}]}
        """
    let schema = try parse(text)
    #expect(schema.namedDefinitions.keys.map(\.fullname).sorted()
        == ["Example", "Simple", "a.full.Name", "a.full.Understanding", "explicit.Simple"])
    #expect(try onlyFieldNamed("fullName", in: schema).type.name == AvroName(name: "Name", namespace: "a.full"))
    #expect(try parse(schema.jsonString()) == schema)
    #expect(!schema.jsonString().contains(#""namespace":"ignored""#))
}

@Test func nullNamespaceInheritanceAndReferences() throws {
    // "" is the null namespace, nested definitions inherit namespaces.
    let text = """
        {"type":"record","name":"R","namespace":"x","fields":[
          {"name":"a","type":{"type":"fixed","name":"Z","namespace":"","size":1}},
          {"name":"b","type":{"type":"record","name":"In","fields":[{"name":"c","type":{"type":"enum","name":"E","symbols":["A"]}}]}},
          {"name":"d","type":"x.E"},
          {"name":"e","type":"E"},
          {"name":"f","type":"In"}]}
        """
    let schema = try parse(text)
    #expect(try onlyFieldNamed("a", in: schema).type.name?.fullname == "Z")
    #expect(schema.namedDefinitions.keys.map(\.fullname).sorted() == ["Z", "x.E", "x.In", "x.R"])
    #expect(try onlyFieldNamed("d", in: schema).type == .reference("x.E"))
    #expect(try onlyFieldNamed("e", in: schema).type == .reference("x.E"))
    #expect(try onlyFieldNamed("f", in: schema).type == .reference("x.In"))
    #expect(try parse(schema.jsonString()) == schema)
    #expect(try parse(#"{"type":"fixed","name":"F","namespace":null,"size":1}"#).name == AvroName(name: "F"))
}

@Test func unqualifiedReferenceFallsBackToTheNullNamespace() throws {
    // Java looks a name up in the null namespace when the qualified name is unknown.
    let schema = try parse("""
        [{"type":"fixed","name":"Z","size":1},
         {"type":"record","name":"R","namespace":"x","fields":[{"name":"z","type":"Z"}]}]
        """)
    guard case .union(let branches) = schema.kind else { Issue.record("not a union"); return }
    #expect(try onlyField(branches[1]).type == .reference("Z"))
    #expect(try parse(schema.jsonString()) == schema)
}

@Test func aliasesAreRelativeToTheNamespace() throws {
    // for a.b, the aliases c and x.y mean a.c and x.y.
    let schema = try parse(#"{"type":"record","name":"b","namespace":"a","aliases":["c","x.y"],"fields":[]}"#)
    guard case .record(let record) = schema.kind else { Issue.record("not a record"); return }
    #expect(record.aliases.map(\.fullname) == ["a.c", "x.y"])
    let enumeration = try parse(#"{"type":"enum","name":"p.E","aliases":["F"],"symbols":["A"]}"#)
    guard case .enumeration(let enumType) = enumeration.kind else { Issue.record("not an enum"); return }
    #expect(enumType.aliases == [AvroName(name: "F", namespace: "p")])
    #expect(try parse(schema.jsonString()) == schema)
    #expect(try parse(enumeration.jsonString()) == enumeration)
    // An alias in the null namespace, for a type in another, keeps its leading dot.
    let nullAlias = try parse(#"{"type":"fixed","name":"F","namespace":"a","aliases":[".c","c"],"size":1}"#)
    #expect(nullAlias.jsonString() == #"{"type":"fixed","name":"F","namespace":"a","size":1,"aliases":[".c","c"]}"#)
    guard case .fixed(let fixed) = nullAlias.kind else { Issue.record("not a fixed"); return }
    #expect(fixed.aliases == [AvroName(name: "c"), AvroName(name: "c", namespace: "a")])
}

@Test func unicodeNamesNeedTheOption() throws {
    // strict ASCII by default; Java's Unicode letters and digits with the option.
    let text = #"{"type":"record","name":"Sch\u00e9ma","namespace":"\u00e9t\u00e9","fields":[{"name":"\u540d\u524d","type":{"type":"enum","name":"\u00c9","symbols":["\u00e0","b\u0663"]}}]}"#
    let error = expectAvroError(.invalidSchema) { _ = try parse(text) }
    #expect(error?.path == "name")
    let schema = try parse(text, unicode: true)
    #expect(schema.name?.fullname == "été.Schéma")
    #expect(try onlyField(schema).name == "名前")
    #expect(try parse(schema.jsonString(), unicode: true) == schema)
    let fieldError = expectAvroError(.invalidSchema) { _ = try parse(record(field: #""int""#).replacingOccurrences(of: #""f""#, with: #""\u00e9""#)) }
    #expect(fieldError?.path == "fields[0].name")
    let symbolError = expectAvroError(.invalidSchema) { _ = try parse(#"{"type":"enum","name":"E","symbols":["1\u00e9"]}"#, unicode: true) }
    #expect(symbolError?.path == "symbols[0]")
}

@Test(.enabled(if: TestData.isAvailable))
func knownTypesFromOtherFiles() throws {
    // ApplicationEvent uses model.DocumentInfo defined in another file.
    let directory = "lang-java/avro-test-resources/multipleFile/"
    let eventText = try TestData.text(directory + "ApplicationEvent.avsc")
    let missing = expectAvroError(.invalidSchema) { _ = try AvroSchema(parsing: eventText) }
    #expect(missing?.path == "fields[2].type[1].items")
    let documentInfo = try AvroSchema(parsing: TestData.text(directory + "DocumentInfo.avsc"))
    let response = try AvroSchema(parsing: TestData.text(directory + "MyResponse.avsc"))
    let event = try AvroSchema(parsing: eventText, knownTypes: [documentInfo, response])
    // The known type is written out in full at its first use, so the result stands alone.
    #expect(try onlyFieldNamed("documents", in: event).type == .union([.null, .array(documentInfo)]))
    #expect(try onlyFieldNamed("response", in: event).type == response)
    let alone = try AvroSchema(parsing: event.jsonString())
    #expect(alone == event)
    #expect(event.canonicalForm.contains(#"{"name":"model.DocumentInfo","type":"record","fields":[{"name":"documentId""#))
    // A second use of a known type is a reference.
    let twice = try AvroSchema(parsing: #"["null","model.DocumentInfo",{"type":"array","items":"model.DocumentInfo"}]"#,
                               knownTypes: [documentInfo])
    #expect(twice == .union([.null, documentInfo, .array(.reference("model.DocumentInfo"))]))
}

@Test func knownTypeNestedInAnotherIsDefinedOnce() throws {
    // A type defined inside a known type, used before it: the container then refers to it.
    let known = try parse(#"{"type":"record","name":"R","namespace":"k","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}}]}"#)
    let schema = try AvroSchema(parsing: #"["k.E","k.R"]"#, knownTypes: [known])
    let enumeration = AvroSchema.enumeration(.init(name: AvroName(name: "E", namespace: "k"), symbols: ["A"]))
    let container = AvroSchema.record(.init(name: AvroName(name: "R", namespace: "k"),
                                            fields: [.init(name: "e", type: .reference("k.E"))]))
    #expect(schema == .union([enumeration, container]))
}

// MARK: - B: logical types

private let validLogicalTypes: [(String, AvroLogicalType)] = [
    (#"{"type":"bytes","logicalType":"decimal","precision":5,"scale":4}"#, .decimal(precision: 5, scale: 4)),
    (#"{"type":"bytes","logicalType":"decimal","precision":5}"#, .decimal(precision: 5, scale: 0)),
    (#"{"type":"bytes","logicalType":"decimal","precision":3,"scale":3}"#, .decimal(precision: 3, scale: 3)),
    (#"{"type":"fixed","name":"D","size":8,"logicalType":"decimal","precision":18,"scale":4}"#, .decimal(precision: 18, scale: 4)),
    (#"{"type":"fixed","name":"D","size":12,"logicalType":"decimal","precision":28}"#, .decimal(precision: 28, scale: 0)),
    (#"{"type":"bytes","logicalType":"big-decimal"}"#, .bigDecimal),
    (#"{"type":"string","logicalType":"uuid"}"#, .uuid),
    (#"{"type":"fixed","name":"U","size":16,"logicalType":"uuid"}"#, .uuid),
    (#"{"type":"int","logicalType":"date"}"#, .date),
    (#"{"type":"int","logicalType":"time-millis"}"#, .timeMillis),
    (#"{"type":"long","logicalType":"time-micros"}"#, .timeMicros),
    (#"{"type":"long","logicalType":"timestamp-millis"}"#, .timestampMillis),
    (#"{"type":"long","logicalType":"timestamp-micros"}"#, .timestampMicros),
    (#"{"type":"long","logicalType":"timestamp-nanos"}"#, .timestampNanos),
    (#"{"type":"long","logicalType":"local-timestamp-millis"}"#, .localTimestampMillis),
    (#"{"type":"long","logicalType":"local-timestamp-micros"}"#, .localTimestampMicros),
    (#"{"type":"long","logicalType":"local-timestamp-nanos"}"#, .localTimestampNanos),
    (#"{"type":"fixed","name":"Dur","size":12,"logicalType":"duration"}"#, .duration),
]

@Test(arguments: validLogicalTypes)
func validLogicalType(text: String, expected: AvroLogicalType) throws {
    let schema = try parse(text)
    #expect(schema.logicalType == expected)
    #expect(expected.name == schema.json["logicalType"]?.stringValue)
    #expect(schema.properties.isEmpty)
    #expect(try parse(schema.jsonString()) == schema)
    // also inside a ["null", …] union.
    #expect(try parse(#"["null",\#(text)]"#) == .union([.null, schema]))
}

private let invalidLogicalTypes: [String] = [
    // (a) the wrong underlying type
    #"{"type":"long","logicalType":"date"}"#,
    #"{"type":"int","logicalType":"time-micros"}"#,
    #"{"type":"long","logicalType":"time-millis"}"#,
    #"{"type":"int","logicalType":"timestamp-millis"}"#,
    #"{"type":"float","logicalType":"decimal","precision":5}"#,
    #"{"type":"string","logicalType":"decimal","precision":5}"#,
    #"{"type":"bytes","logicalType":"uuid"}"#,
    #"{"type":"fixed","name":"U","size":15,"logicalType":"uuid"}"#,
    #"{"type":"fixed","name":"Dur","size":11,"logicalType":"duration"}"#,
    #"{"type":"bytes","logicalType":"duration"}"#,
    #"{"type":"fixed","name":"B","size":8,"logicalType":"big-decimal"}"#,
    #"{"type":"record","name":"R","fields":[],"logicalType":"date"}"#,
    // (b) misspelled or unknown names
    #"{"type":"int","logicalType":"time-milis"}"#,
    #"{"type":"int","logicalType":"date1"}"#,
    #"{"type":"int","logicalType":"Date"}"#,
    #"{"type":"bytes","logicalType":"fixed-size-string","minLength":1}"#,
    #"{"type":"int","logicalType":7}"#,
    // (c) decimal precision missing, 0, negative, non-integer
    #"{"type":"bytes","logicalType":"decimal"}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":0}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":-2}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":2.5}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":"5"}"#,
    // (d) scale negative, above precision, non-integer
    #"{"type":"bytes","logicalType":"decimal","precision":5,"scale":-1}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":5,"scale":6}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":5,"scale":1.5}"#,
    #"{"type":"bytes","logicalType":"decimal","precision":5,"scale":null}"#,
    // (e) precision larger than the fixed size allows
    #"{"type":"fixed","name":"D","size":2,"logicalType":"decimal","precision":5}"#,
    #"{"type":"fixed","name":"D","size":8,"logicalType":"decimal","precision":19}"#,
    #"{"type":"fixed","name":"D","size":0,"logicalType":"decimal","precision":1}"#,
]

@Test(arguments: invalidLogicalTypes)
func invalidLogicalTypeFallsBack(text: String) throws {
    // the underlying type is used and every attribute is kept as a property.
    let schema = try parse(text)
    let object = try #require(try AvroJSON(parsing: text).objectValue)
    #expect(schema.logicalType == nil)
    #expect(schema.properties["logicalType"] == object["logicalType"])
    #expect(schema.properties["precision"] == object["precision"])
    #expect(schema.properties["scale"] == object["scale"])
    #expect(try parse(schema.jsonString()) == schema)
}

@Test func decimalPrecisionLimitsOnFixed() throws {
    // the largest precision of fixed(n), for n = 1…16 and 129.
    let limits = [2, 4, 6, 9, 11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38]
    #expect((1...16).map { AvroLogicalType.maxDecimalPrecision(fixedSize: $0) } == limits)
    #expect(AvroLogicalType.maxDecimalPrecision(fixedSize: 129) == 310)
    for (index, limit) in limits.enumerated() {
        let fixed = #"{"type":"fixed","name":"D","size":\#(index + 1),"logicalType":"decimal","precision":"#
        #expect(try parse(fixed + "\(limit)}").logicalType == .decimal(precision: limit, scale: 0))
        #expect(try parse(fixed + "\(limit + 1)}").logicalType == nil)
    }
}

@Test func logicalTypeOnTheFieldIsIgnored() throws {
    // logicalType beside the field's type, not inside it.
    let field = try onlyField(parse(#"{"type":"record","name":"R","fields":[{"name":"d","type":"int","logicalType":"date"}]}"#))
    #expect(field.type == .int)
    #expect(field.properties == ["logicalType": "date"])
}

/// Java writes a non-finite float or double default as a string, having no JSON number for it;
/// those three strings read back as the numbers, and no other string does.
@Test func nonFiniteDefaultsAreTheStringsJavaWrites() throws {
    for (type, text) in [("double", "NaN"), ("double", "-Infinity"), ("float", "Infinity")] {
        let schema = try parse(#"{"type":"record","name":"R","fields":[{"name":"f","type":"\#(type)","default":"\#(text)"}]}"#)
        let field = try onlyField(schema)
        let value = try AvroValue(defaultJSON: #require(field.defaultValue), schema: field.type, definitions: [:])
        switch value {
        case .double(let number): #expect(text == "NaN" ? number.isNaN : number == (text == "Infinity" ? .infinity : -.infinity))
        case .float(let number): #expect(number == .infinity)
        default: Issue.record("\(value) for \(type)")
        }
    }
    expectAvroError(.invalidDefault) { _ = try parse(#"{"type":"record","name":"R","fields":[{"name":"f","type":"double","default":"nan"}]}"#) }
}
