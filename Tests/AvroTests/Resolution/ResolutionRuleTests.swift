import Foundation
import Testing
@testable import Avro

/// Every rule of schema resolution, in both directions:
/// compatible pairs read the right values (through ``AvroValue`` and the Codable decoder),
/// incompatible pairs are refused by the checker and when the data is read.
@Suite struct ResolutionRuleTests {
    typealias R = ResolutionCheck

    static func quoted(_ type: String) -> String { type.hasPrefix("{") || type.hasPrefix("[") ? type : "\"\(type)\"" }

    // MARK: Promotions

    struct Promotion: Sendable, CustomTestStringConvertible {
        let writer: String, reader: String, written: AvroValue, read: AvroValue
        var testDescription: String { "\(writer) → \(reader): \(written)" }
    }

    static let promotions: [Promotion] = [
        .init(writer: "int", reader: "long", written: .int(.min), read: .long(-2_147_483_648)),
        .init(writer: "int", reader: "float", written: .int(16_777_217), read: .float(16_777_216)), // rounded to even, as Java's (float)
        .init(writer: "int", reader: "float", written: .int(-7), read: .float(-7)),
        .init(writer: "int", reader: "double", written: .int(.max), read: .double(2_147_483_647)),
        .init(writer: "long", reader: "float", written: .long(.max), read: .float(0x1p63)),
        .init(writer: "long", reader: "double", written: .long(9_007_199_254_740_993), read: .double(9_007_199_254_740_992)), // 2^53+1
        .init(writer: "long", reader: "double", written: .long(-9_007_199_254_740_995), read: .double(-9_007_199_254_740_996)),
        .init(writer: "float", reader: "double", written: .float(0.1), read: .double(0.10000000149011612)),
        .init(writer: "float", reader: "double", written: .float(-.infinity), read: .double(-.infinity)),
        .init(writer: "string", reader: "bytes", written: "Grüße 世界 🎉", read: .bytes(Array("Grüße 世界 🎉".utf8))),
        .init(writer: "string", reader: "bytes", written: "ascii", read: .bytes(Array("ascii".utf8))),
        .init(writer: "bytes", reader: "string", written: .bytes(Array("Grüße 世界 🎉".utf8)), read: "Grüße 世界 🎉"),
        .init(writer: "bytes", reader: "string", written: .bytes([]), read: ""),
    ]

    @Test(arguments: promotions) func promotionReadsTheValueJavaReads(_ promotion: Promotion) throws {
        let writer = Self.quoted(promotion.writer), reader = Self.quoted(promotion.reader)
        #expect(try R.read(promotion.written, writer: writer, reader: reader) == promotion.read)
        #expect(try R.problems(reader: reader, writer: writer) == [])
    }

    struct Promoted: Decodable, Equatable {
        let i2l: Int64, i2f: Float, i2d: Double, l2f: Float, l2d: Double, f2d: Double, s2b: [UInt8], b2s: String
    }

    @Test func codableReadsEveryPromotion() throws {
        let writer = R.record("P", #"{"name":"i2l","type":"int"}"#, #"{"name":"i2f","type":"int"}"#, #"{"name":"i2d","type":"int"}"#,
                              #"{"name":"l2f","type":"long"}"#, #"{"name":"l2d","type":"long"}"#, #"{"name":"f2d","type":"float"}"#,
                              #"{"name":"s2b","type":"string"}"#, #"{"name":"b2s","type":"bytes"}"#)
        let reader = R.record("P", #"{"name":"i2l","type":"long"}"#, #"{"name":"i2f","type":"float"}"#, #"{"name":"i2d","type":"double"}"#,
                              #"{"name":"l2f","type":"float"}"#, #"{"name":"l2d","type":"double"}"#, #"{"name":"f2d","type":"double"}"#,
                              #"{"name":"s2b","type":"bytes"}"#, #"{"name":"b2s","type":"string"}"#)
        let written: AvroValue = .record([("i2l", .int(-1)), ("i2f", .int(16_777_217)), ("i2d", .int(3)), ("l2f", .long(1 << 40)),
                                          ("l2d", .long(9_007_199_254_740_993)), ("f2d", .float(0.1)), ("s2b", "é"), ("b2s", .bytes([0xE2, 0x82, 0xAC]))])
        let value = try R.decode(Promoted.self, written, writer: writer, reader: reader)
        #expect(value == Promoted(i2l: -1, i2f: 16_777_216, i2d: 3, l2f: 0x1p40, l2d: 9_007_199_254_740_992, f2d: 0.10000000149011612,
                                  s2b: [0xC3, 0xA9], b2s: "€"))
    }

    @Test func invalidUTF8BytesCannotBeReadAsString() throws { // we require valid UTF-8
        let error = expectAvroError(.invalidUTF8) { _ = try R.read(.bytes([0x61, 0xFF, 0xFE]), writer: #""bytes""#, reader: #""string""#) }
        #expect(error?.offset == 0)
        struct S: Decodable { let s: String }
        expectDecodingError(.invalidUTF8) {
            _ = try R.decode(S.self, .record([("s", .bytes([0xC3]))]), writer: R.record("S", #"{"name":"s","type":"bytes"}"#),
                             reader: R.record("S", #"{"name":"s","type":"string"}"#))
        }
    }

    static let samples: [String: AvroValue] = [
        "null": .null, "boolean": true, "int": .int(1), "long": .long(1), "float": .float(1), "double": .double(1),
        "bytes": .bytes([0x31]), "string": "1",
    ]

    /// Every pair of distinct primitives that is not a promotion: the reverse of each
    /// promotion, and the rest.
    static let nonPromotions: [(String, String)] = [
        ("long", "int"), ("float", "int"), ("double", "int"), ("float", "long"), ("double", "long"), ("double", "float"),
        ("string", "int"), ("int", "string"), ("bytes", "int"), ("int", "bytes"), ("long", "string"), ("double", "string"),
        ("boolean", "int"), ("int", "boolean"), ("null", "int"), ("int", "null"), ("string", "boolean"), ("null", "string"),
    ]

    @Test(arguments: nonPromotions) func reverseDirectionFailsStaticallyAndOnRead(_ writer: String, _ reader: String) throws {
        let message = "the writer's \(writer) cannot be read as the reader's \(reader)"
        #expect(try R.problems(reader: Self.quoted(reader), writer: Self.quoted(writer)) == [message])
        let value = try #require(Self.samples[writer])
        let error = expectAvroError(.incompatibleSchemas) { _ = try R.read(value, writer: Self.quoted(writer), reader: Self.quoted(reader)) }
        #expect(error?.message == message)
    }

    @Test func codableReportsAnImpossiblePromotion() throws {
        struct Narrow: Decodable { let n: Int32 }
        let error = expectDecodingError(.incompatibleSchemas) {
            _ = try R.decode(Narrow.self, .record([("n", .long(5))]), writer: R.record("N", #"{"name":"n","type":"long"}"#),
                             reader: R.record("N", #"{"name":"n","type":"int"}"#))
        }
        #expect(error?.message == "n: the writer's long cannot be read as the reader's int")
    }

    // MARK: Records

    @Test func emptyAndOneFieldRecordsReadEachOther() throws {
        let empty = R.record("R"), one = R.record("R", #"{"name":"a","type":"int","default":7}"#)
        #expect(try R.read(.record([]), writer: empty, reader: one) == .record([("a", .int(7))]))
        #expect(try R.read(.record([("a", .int(3))]), writer: one, reader: empty) == .record([]))
        #expect(try R.problems(reader: one, writer: empty) == [])
        #expect(try R.problems(reader: empty, writer: one) == [])
    }

    @Test func readerFieldWithoutDefaultFails() throws {
        let empty = R.record("R"), one = R.record("R", #"{"name":"a","type":"int"}"#)
        let message = "a: the reader's field 'a' of R is not in the writer's schema and has no default"
        #expect(try R.problems(reader: one, writer: empty) == [message])
        #expect(expectAvroError(.incompatibleSchemas) { _ = try R.read(.record([]), writer: empty, reader: one) }?.message == message)
        struct A: Decodable { let a: Int32 }
        expectDecodingError(.incompatibleSchemas) { _ = try R.decode(A.self, .record([]), writer: empty, reader: one) }
    }

    static let v1 = R.record("Rec", #"{"name":"id","type":"int"}"#, #"{"name":"name","type":"string"}"#,
                             #"{"name":"tags","type":{"type":"array","items":"string"}}"#,
                             #"{"name":"hash","type":{"type":"fixed","name":"F3","size":3}}"#,
                             #"{"name":"extra","type":{"type":"map","values":["null",{"type":"record","name":"In","fields":[{"name":"x","type":"long"}]}]}}"#,
                             #"{"name":"score","type":"float"}"#, #"{"name":"last","type":"string"}"#)
    static let v2 = R.record("Rec", #"{"name":"score","type":"double"}"#, #"{"name":"fullName","type":"string","aliases":["name"]}"#,
                             #"{"name":"id","type":"long"}"#, #"{"name":"added","type":"string","default":"none"}"#,
                             #"{"name":"last","type":"string"}"#)
    static let v1Value: AvroValue = .record([("id", .int(42)), ("name", "Ada"), ("tags", ["x", "y"]), ("hash", .fixed([1, 2, 3])),
                                             ("extra", .map([("k", .record([("x", .long(-1))])), ("n", .null)])), ("score", .float(1.5)), ("last", "end")])

    struct RecV2: Decodable, Equatable {
        let score: Double, fullName: String, id: Int64, added: String, last: String
    }

    /// Fields reordered, renamed through an alias, promoted, added with a default, and removed
    /// (an array, a fixed and a map of unions of records, all skipped).
    @Test func fieldsArePairedByNameOrAliasInAnyOrder() throws {
        let expected: AvroValue = .record([("score", .double(1.5)), ("fullName", "Ada"), ("id", .long(42)), ("added", "none"), ("last", "end")])
        #expect(try R.read(Self.v1Value, writer: Self.v1, reader: Self.v2) == expected)
        #expect(try R.decode(RecV2.self, Self.v1Value, writer: Self.v1, reader: Self.v2)
            == RecV2(score: 1.5, fullName: "Ada", id: 42, added: "none", last: "end"))
        #expect(try R.problems(reader: Self.v2, writer: Self.v1) == [])
    }

    /// Writer fields in the reader's order: runs of fields read as written are copied whole,
    /// with skipped fields, a reader-union branch, a promotion and defaults (in a gap and at
    /// the end) between them; a nested record read as written is one copy.
    @Test func fieldsInTheReadersOrderAreCopiedInRuns() throws {
        let inner = #"{"type":"record","name":"In","fields":[{"name":"x","type":"long"},{"name":"s","type":"string"}]}"#
        let writer = R.record("Rec", #"{"name":"a","type":"int"}"#, #"{"name":"dropped","type":{"type":"array","items":"string"}}"#,
                              #"{"name":"b","type":"string"}"#, #"{"name":"in","type":\#(inner)}"#, #"{"name":"c","type":"int"}"#,
                              #"{"name":"d","type":"string"}"#, #"{"name":"gone","type":"double"}"#)
        let reader = R.record("Rec", #"{"name":"a","type":"long"}"#, #"{"name":"gap","type":"int","default":-3}"#,
                              #"{"name":"b","type":["null","string"]}"#, #"{"name":"in","type":\#(inner)}"#, #"{"name":"c","type":"double"}"#,
                              #"{"name":"d","type":"string"}"#, #"{"name":"tail","type":"string","default":"t"}"#)
        let written: AvroValue = .record([("a", .int(-70)), ("dropped", ["p", "q"]), ("b", "bee"), ("in", .record([("x", .long(1 << 40)), ("s", "σ")])),
                                          ("c", .int(9)), ("d", "dee"), ("gone", .double(2.5))])
        let expected: AvroValue = .record([("a", .long(-70)), ("gap", .int(-3)), ("b", .union(branch: 1, value: "bee")), ("in", .record([("x", .long(1 << 40)), ("s", "σ")])),
                                           ("c", .double(9)), ("d", "dee"), ("tail", "t")])
        #expect(try R.read(written, writer: writer, reader: reader) == expected)
        // The transcoded bytes are exactly the reader's encoding of the expected value.
        let writerSchema = try AvroSchema(parsing: writer), readerSchema = try AvroSchema(parsing: reader)
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(writerSchema), reader: try CompiledSchema.cached(readerSchema))
        let input = try written.encoded(as: writerSchema)
        var output = AvroBinaryWriter()
        try input.withUnsafeBytes { buffer in
            var bytes = AvroBinaryReader(buffer)
            try plan.transcode(from: &bytes, to: &output)
            #expect(bytes.isAtEnd)
        }
        #expect(output.bytes == (try expected.encoded(as: readerSchema)))
        guard case .record(let steps) = plan.actions[plan.root] else { Issue.record("not an in-order record: \(plan.actions[plan.root])"); return }
        // a, dropped (skipped), gap's default, b's branch, b, in (one copy), c, d, gone (skipped), tail's default
        #expect(steps.count == 10)
    }

    struct Derived: Codable, Equatable {
        var id: Int64
        var name: String
    }

    @Test func codableReadsIntoTheSchemaDerivedFromTheType() throws {
        let writer = try AvroSchema(parsing: R.record("Derived", #"{"name":"name","type":"string"}"#, #"{"name":"extra","type":"double"}"#, #"{"name":"id","type":"int"}"#))
        let bytes = try AvroValue.record([("name", "n"), ("extra", .double(2)), ("id", .int(-9))]).encoded(as: writer)
        #expect(try AvroDecoder().decode(Derived.self, from: bytes, writerSchema: writer) == Derived(id: -9, name: "n"))
    }

    @Test func streamsOfValuesAreResolvedOneAfterAnother() throws {
        let writer = try AvroSchema(parsing: Self.v1), reader = try AvroSchema(parsing: Self.v2)
        var bytes = try Self.v1Value.encoded(as: writer)
        bytes += bytes
        try bytes.withUnsafeBytes { buffer in
            var input = AvroBinaryReader(buffer)
            let first = try AvroValue.decode(from: &input, writerSchema: writer, readerSchema: reader)
            let second = try AvroDecoder(schema: reader).decode(RecV2.self, from: &input, writerSchema: writer)
            #expect(first["fullName"] == "Ada" && first["added"] == "none")
            #expect(second == RecV2(score: 1.5, fullName: "Ada", id: 42, added: "none", last: "end"))
            #expect(input.isAtEnd)
        }
        expectAvroError(.trailingData) { _ = try AvroValue(decoding: bytes, writerSchema: writer, readerSchema: reader) }
    }

    @Test func aFieldOfTheReadersOwnNameWinsOverAnAlias() throws {
        let writer = R.record("R", #"{"name":"name","type":"string"}"#, #"{"name":"fullName","type":"string"}"#)
        let reader = R.record("R", #"{"name":"fullName","type":"string","aliases":["name"]}"#)
        #expect(try R.read(.record([("name", "old"), ("fullName", "new")]), writer: writer, reader: reader) == .record([("fullName", "new")]))
    }

    static let pointField = #"{"name":"x","type":"int"}"#

    @Test(arguments: [
        ("ns.Old", #"{"type":"record","name":"New","namespace":"ns","aliases":["Old"],"fields":[{"name":"x","type":"int"}]}"#),
        ("a.Old", #"{"type":"record","name":"b.New","aliases":["a.Old"],"fields":[{"name":"x","type":"int"}]}"#),
        ("a.b.Point", #"{"type":"record","name":"Point","fields":[{"name":"x","type":"int"}]}"#),
        ("Point", #"{"type":"record","name":"Point","namespace":"c","fields":[{"name":"x","type":"int"}]}"#),
    ]) func recordNamesMatchUnqualifiedOrThroughAnAlias(_ writerName: String, _ reader: String) throws {
        let writer = R.record(writerName, Self.pointField)
        #expect(try R.problems(reader: reader, writer: writer) == [])
        #expect(try R.read(.record([("x", .int(1))]), writer: writer, reader: reader) == .record([("x", .int(1))]))
    }

    /// Nested records match by name or alias only; the roots resolve whatever their names.
    @Test(arguments: [
        ("A", R.record("B", #"{"name":"x","type":"int"}"#), "A", "B"),
        ("a.Old", #"{"type":"record","name":"b.New","aliases":["Old"],"fields":[{"name":"x","type":"int"}]}"#, "a.Old", "b.New"),
    ]) func nestedRecordsWithOtherNamesFail(_ writerName: String, _ reader: String, _ shownWriter: String, _ shownReader: String) throws {
        let writer = R.record("Root", #"{"name":"p","type":\#(R.record(writerName, Self.pointField))}"#)
        let nestedReader = R.record("Root", #"{"name":"p","type":\#(reader)}"#)
        let message = "p: the writer's \(shownWriter) and the reader's \(shownReader) have different names (add the writer's name to the reader's aliases)"
        #expect(try R.problems(reader: nestedReader, writer: writer) == [message])
        #expect(expectAvroError(.incompatibleSchemas) { _ = try R.read(.record([("p", .record([("x", .int(1))]))]), writer: writer, reader: nestedReader) }?.message == message)
        // As roots, the same pair resolves.
        #expect(try R.problems(reader: reader, writer: R.record(writerName, Self.pointField)) == [])
        #expect(try R.read(.record([("x", .int(1))]), writer: R.record(writerName, Self.pointField), reader: reader) == .record([("x", .int(1))]))
    }

    @Test func docOrderAliasesAndPropertiesDoNotMatter() throws {
        let writer = #"{"type":"record","name":"R","doc":"w","aliases":["Q"],"fields":[{"name":"a","type":"int","order":"descending","doc":"d","x-prop":1}]}"#
        let reader = #"{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"ignore","aliases":["z"]}]}"#
        #expect(try R.problems(reader: reader, writer: writer) == [])
        #expect(try R.read(.record([("a", .int(-3))]), writer: writer, reader: reader) == .record([("a", .int(-3))]))
    }

    // MARK: Enums

    static func letters(_ symbols: String, default fallback: String? = nil, name: String = "E") -> String {
        #"{"type":"enum","name":"\#(name)","symbols":[\#(symbols)]\#(fallback.map { #","default":"\#($0)""# } ?? "")}"#
    }

    enum Letter: String, Decodable { case A, B, C }

    @Test func readerWithMoreSymbolsReadsByName() throws {
        let writer = Self.letters(#""A","B""#), reader = Self.letters(#""C","B","A""#)
        #expect(try R.read(.enumeration("B"), writer: writer, reader: reader) == .enumeration("B"))
        #expect(try R.read(.enumeration("A"), writer: writer, reader: reader) == .enumeration("A"))
        #expect(try R.problems(reader: reader, writer: writer) == [])
        #expect(try R.decode([Letter].self, [.enumeration("A"), .enumeration("B")], writer: #"{"type":"array","items":\#(writer)}"#,
                             reader: #"{"type":"array","items":\#(reader)}"#) == [.A, .B])
    }

    @Test func writerSymbolUnknownToTheReaderFailsOnlyWhenWritten() throws {
        let writer = Self.letters(#""A","B","C""#), reader = Self.letters(#""A","B""#)
        let message = "the writer's enum symbol 'C' is not a symbol of the reader's E, which has no default"
        #expect(try R.problems(reader: reader, writer: writer) == [message])
        #expect(try R.read(.enumeration("B"), writer: writer, reader: reader) == .enumeration("B"))
        let error = expectAvroError(.incompatibleSchemas) { _ = try R.read(.enumeration("C"), writer: writer, reader: reader) }
        #expect(error?.message == message)
        #expect(error?.offset == 0)
    }

    @Test func unknownSymbolReadsAsTheReadersEnumDefault() throws {
        let writer = Self.letters(#""A","B","C""#), reader = Self.letters(#""A","B","UNKNOWN""#, default: "UNKNOWN")
        #expect(try R.problems(reader: reader, writer: writer) == [])
        #expect(try R.read(.enumeration("C"), writer: writer, reader: reader) == .enumeration("UNKNOWN"))
        #expect(try R.read(.enumeration("A"), writer: writer, reader: reader) == .enumeration("A"))
    }

    @Test func enumDefaultAndFieldDefaultTogether() throws {
        let enumType = Self.letters(#""A","B","UNKNOWN""#, default: "UNKNOWN")
        let reader = R.record("R", #"{"name":"e","type":\#(enumType),"default":"B"}"#)
        #expect(try R.read(.record([]), writer: R.record("R"), reader: reader) == .record([("e", .enumeration("B"))]))
        let writer = R.record("R", #"{"name":"e","type":\#(Self.letters(#""A","B","C""#))}"#)
        #expect(try R.read(.record([("e", .enumeration("C"))]), writer: writer, reader: reader) == .record([("e", .enumeration("UNKNOWN"))]))
        #expect(try R.problems(reader: reader, writer: writer) == [])
    }

    @Test func enumNamesMatchOrFail() throws {
        let aliased = #"{"type":"enum","name":"New","aliases":["E"],"symbols":["A"]}"#
        #expect(try R.read(.enumeration("A"), writer: Self.letters(#""A""#), reader: aliased) == .enumeration("A"))
        #expect(try R.problems(reader: Self.letters(#""A""#, name: "G"), writer: Self.letters(#""A""#))
            == ["the writer's E and the reader's G have different names (add the writer's name to the reader's aliases)"])
    }

    // MARK: Fixed

    @Test func fixedNeedsTheSameSizeAndName() throws {
        let four = #"{"type":"fixed","name":"F","size":4}"#
        #expect(try R.read(.fixed([1, 2, 3, 4]), writer: four, reader: #"{"type":"fixed","name":"x.F","size":4}"#) == .fixed([1, 2, 3, 4]))
        let eight = #"{"type":"fixed","name":"F","size":8}"#
        #expect(try R.problems(reader: eight, writer: four) == ["the writer's fixed F has 4 bytes, the reader's 8"])
        expectAvroError(.incompatibleSchemas) { _ = try R.read(.fixed([1, 2, 3, 4]), writer: four, reader: eight) }
        let renamed = #"{"type":"fixed","name":"G","size":4}"#
        #expect(try R.problems(reader: renamed, writer: four)
            == ["the writer's F and the reader's G have different names (add the writer's name to the reader's aliases)"])
        expectAvroError(.incompatibleSchemas) { _ = try R.read(.fixed([1, 2, 3, 4]), writer: four, reader: renamed) }
    }

    // MARK: Type mismatches

    static let mismatches: [(String, String, AvroValue, String)] = [
        (#"{"type":"array","items":"int"}"#, #"{"type":"map","values":"int"}"#, [.int(1)], "the writer's array cannot be read as the reader's map"),
        (#"{"type":"map","values":"int"}"#, #"{"type":"array","items":"int"}"#, .map([("a", .int(1))]), "the writer's map cannot be read as the reader's array"),
        (#"{"type":"enum","name":"E","symbols":["A"]}"#, #""int""#, .enumeration("A"), "the writer's E cannot be read as the reader's int"),
        (#""int""#, #"{"type":"enum","name":"E","symbols":["A"]}"#, .int(0), "the writer's int cannot be read as the reader's E"),
        (R.record("R", #"{"name":"a","type":"int"}"#), #""int""#, .record([("a", .int(1))]), "the writer's R cannot be read as the reader's int"),
        (#"{"type":"fixed","name":"F","size":1}"#, #""string""#, .fixed([0x41]), "the writer's F cannot be read as the reader's string"),
        (#""string""#, #"{"type":"fixed","name":"F","size":1}"#, "A", "the writer's string cannot be read as the reader's F"),
        (#"{"type":"enum","name":"E","symbols":["A"]}"#, #"{"type":"fixed","name":"E","size":1}"#, .enumeration("A"), "the writer's E cannot be read as the reader's E"),
    ]

    @Test(arguments: mismatches) func differentKindsDoNotMatch(_ writer: String, _ reader: String, _ value: AvroValue, _ message: String) throws {
        #expect(try R.problems(reader: reader, writer: writer) == [message])
        #expect(expectAvroError(.incompatibleSchemas) { _ = try R.read(value, writer: writer, reader: reader) }?.message == message)
    }

    // MARK: Arrays and maps

    @Test func arrayAndMapItemsArePromoted() throws {
        #expect(try R.read([.int(1), .int(-2)], writer: #"{"type":"array","items":"int"}"#, reader: #"{"type":"array","items":"long"}"#)
            == [.long(1), .long(-2)])
        #expect(try R.read(.map([("a", .int(3)), ("b", .int(4))]), writer: #"{"type":"map","values":"int"}"#, reader: #"{"type":"map","values":"double"}"#)
            == .map([("a", .double(3)), ("b", .double(4))]))
        #expect(try R.decode([String: Double].self, .map([("f", .float(0.5))]), writer: #"{"type":"map","values":"float"}"#,
                             reader: #"{"type":"map","values":"double"}"#) == ["f": 0.5])
        #expect(try R.problems(reader: #"{"type":"array","items":"int"}"#, writer: #"{"type":"array","items":"long"}"#)
            == ["[]: the writer's long cannot be read as the reader's int"])
    }

    @Test func arrayBlocksWithByteSizesAreResolved() throws { // a negative count followed by a byte size
        let block = hexBytes("03 04 02 04  02 06  00") // −2 items in 2 bytes (1, 2), then 1 item (3), then the end
        #expect(try R.read(bytes: block, writer: #"{"type":"array","items":"int"}"#, reader: #"{"type":"array","items":"long"}"#)
            == [.long(1), .long(2), .long(3)])
    }

    @Test func nestedRecordsInArraysGainTheirDefaults() throws {
        let writer = #"{"type":"array","items":\#(R.record("P", #"{"name":"x","type":"int"}"#))}"#
        let reader = #"{"type":"array","items":\#(R.record("P", #"{"name":"y","type":"string","default":"-"}"#, #"{"name":"x","type":"long"}"#))}"#
        struct P: Decodable, Equatable { let y: String, x: Int64 }
        let written: AvroValue = [.record([("x", .int(1))]), .record([("x", .int(2))])]
        #expect(try R.decode([P].self, written, writer: writer, reader: reader) == [P(y: "-", x: 1), P(y: "-", x: 2)])
        #expect(try R.read(written, writer: writer, reader: reader)
            == [.record([("y", "-"), ("x", .long(1))]), .record([("y", "-"), ("x", .long(2))])])
    }

    // MARK: Recursive types

    final class Node: Decodable {
        let value: Int64, label: String, next: Node?
    }

    @Test func recursiveListGainsAFieldWithADefault() throws {
        let v1 = #"{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"]}]}"#
        let v2 = #"{"type":"record","name":"Node","fields":[{"name":"value","type":"long"},{"name":"label","type":"string","default":"?"},{"name":"next","type":["null","Node"]}]}"#
        let list: AvroValue = .record([("value", .int(1)), ("next", .union(branch: 1, value: .record([("value", .int(2)), ("next", .union(branch: 0, value: .null))])))])
        #expect(try R.read(list, writer: v1, reader: v2) == .record([("value", .long(1)), ("label", "?"), ("next", .union(branch: 1, value:
            .record([("value", .long(2)), ("label", "?"), ("next", .union(branch: 0, value: .null))])))]))
        let node = try R.decode(Node.self, list, writer: v1, reader: v2)
        #expect(node.value == 1 && node.label == "?" && node.next?.value == 2 && node.next?.label == "?" && node.next?.next == nil)
        #expect(try R.problems(reader: v2, writer: v1) == [])
        // Back the other way, the widened value no longer fits, wherever the node is.
        #expect(try R.problems(reader: v1, writer: v2) == ["value: the writer's long cannot be read as the reader's int"])
    }

    // MARK: Defaults

    static let everyDefault = R.record("D",
        #"{"name":"n","type":"null","default":null}"#, #"{"name":"b","type":"boolean","default":true}"#,
        #"{"name":"i","type":"int","default":-5}"#, #"{"name":"l","type":"long","default":9007199254740993}"#,
        #"{"name":"f","type":"float","default":1.5}"#, #"{"name":"d","type":"double","default":-0.25}"#,
        #"{"name":"by","type":"bytes","default":"\u00ff\u0000A"}"#, #"{"name":"s","type":"string","default":"h\u00e9"}"#,
        #"{"name":"fx","type":{"type":"fixed","name":"F2","size":2},"default":"\u0000\u00ff"}"#,
        #"{"name":"e","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS"]},"default":"HEARTS"}"#,
        #"{"name":"a","type":{"type":"array","items":"long"},"default":[1,2]}"#,
        #"{"name":"m","type":{"type":"map","values":"int"},"default":{"k":1}}"#,
        #"{"name":"u1","type":["null","int"],"default":null}"#, #"{"name":"u2","type":["int","null"],"default":3}"#,
        #"{"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"long"},{"name":"y","type":"string"}]},"default":{"x":1,"y":"w"}}"#,
        #"{"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":4,"scale":2},"default":"\u0001\u0000"}"#,
        #"{"name":"day","type":{"type":"int","logicalType":"date"},"default":19000}"#)

    struct Defaults: Decodable, Equatable {
        struct In: Decodable, Equatable { let x: Int64, y: String }
        let b: Bool, i: Int32, l: Int64, f: Float, d: Double, by: [UInt8], s: String, fx: [UInt8], e: String
        let a: [Int64], m: [String: Int32], u1: Int32?, u2: Int32?, r: In
    }

    @Test func defaultsOfEveryTypeFillMissingFields() throws {
        let writer = R.record("D", #"{"name":"w","type":"string"}"#)
        let value = try R.read(.record([("w", "skipped")]), writer: writer, reader: Self.everyDefault)
        #expect(value == .record([
            ("n", .null), ("b", true), ("i", .int(-5)), ("l", .long(9_007_199_254_740_993)), ("f", .float(1.5)), ("d", .double(-0.25)),
            ("by", .bytes([0xFF, 0x00, 0x41])), ("s", "hé"), ("fx", .fixed([0x00, 0xFF])), ("e", .enumeration("HEARTS")),
            ("a", [.long(1), .long(2)]), ("m", .map([("k", .int(1))])), ("u1", .union(branch: 0, value: .null)),
            ("u2", .union(branch: 0, value: .int(3))), ("r", .record([("x", .long(1)), ("y", "w")])), ("dec", .bytes([1, 0])), ("day", .int(19000)),
        ]))
        let decoded = try R.decode(Defaults.self, .record([("w", "skipped")]), writer: writer, reader: Self.everyDefault)
        #expect(decoded == Defaults(b: true, i: -5, l: 9_007_199_254_740_993, f: 1.5, d: -0.25, by: [0xFF, 0x00, 0x41], s: "hé", fx: [0x00, 0xFF],
                                    e: "HEARTS", a: [1, 2], m: ["k": 1], u1: nil, u2: 3, r: .init(x: 1, y: "w")))
    }

    // MARK: Logical types

    static func decimal(_ precision: Int, _ scale: Int) -> String {
        #"{"type":"bytes","logicalType":"decimal","precision":\#(precision),"scale":\#(scale)}"#
    }

    @Test func decimalsMatchOnlyWithTheSamePrecisionAndScale() throws {
        #expect(try R.read(.bytes([0x7B]), writer: Self.decimal(4, 2), reader: Self.decimal(4, 2)) == .bytes([0x7B]))
        #expect(try R.read(.bytes([0x7B]), writer: Self.decimal(4, 2), reader: #""bytes""#) == .bytes([0x7B]))
        for (precision, scale) in [(5, 2), (4, 3)] {
            let message = "the writer's decimal(4,2) and the reader's decimal(\(precision),\(scale)) differ in precision or scale"
            #expect(try R.problems(reader: Self.decimal(precision, scale), writer: Self.decimal(4, 2)) == [message])
            let error = expectAvroError(.incompatibleSchemas) { _ = try R.read(.bytes([0x7B]), writer: Self.decimal(4, 2), reader: Self.decimal(precision, scale)) }
            #expect(error?.message == message)
        }
        let fixed = { (scale: Int) in R.record("M", #"{"name":"price","type":{"type":"fixed","name":"Amount","size":4,"logicalType":"decimal","precision":9,"scale":\#(scale)}}"#) }
        #expect(try R.problems(reader: fixed(3), writer: fixed(2)) == ["price: the writer's decimal(9,2) and the reader's decimal(9,3) differ in precision or scale"])
    }
}
