import Foundation
import Testing
@testable import Avro

/// ``AvroSchemaCompatibility``: every reason a reader cannot read a writer's data, with the
/// path where it happens, and the registry modes over versions.
@Suite struct CompatibilityTests {
    typealias R = ResolutionCheck

    static let writer = R.record("Person", #"{"name":"name","type":"string"}"#,
        #"{"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"zip","type":"string"},{"name":"city","type":"string"}]}}"#,
        #"{"name":"tags","type":{"type":"array","items":"string"}}"#, #"{"name":"scores","type":{"type":"map","values":"int"}}"#,
        #"{"name":"contact","type":["null","string","int"]}"#)
    static let reader = R.record("Person", #"{"name":"tags","type":{"type":"array","items":"int"}}"#,
        #"{"name":"address","type":{"type":"record","name":"Address","fields":[{"name":"city","type":"string"},{"name":"zip","type":"int"},{"name":"country","type":"string"}]}}"#,
        #"{"name":"scores","type":{"type":"map","values":"float"}}"#, #"{"name":"contact","type":["null","string"]}"#,
        #"{"name":"name","type":"string"}"#)

    @Test func everyReasonIsListedWithItsPath() throws {
        let problems = AvroSchemaCompatibility.check(reader: try AvroSchema(parsing: Self.reader), writer: try AvroSchema(parsing: Self.writer))
        #expect(problems.map(\.path) == ["address.zip", "address.country", "tags[]", "contact<int>"])
        #expect(problems.map(\.message) == [
            "the writer's string cannot be read as the reader's int",
            "the reader's field 'country' of Address is not in the writer's schema and has no default",
            "the writer's string cannot be read as the reader's int",
            "the writer's int matches none of the reader's union branches [null, string]",
        ])
        #expect(problems[0].description == "address.zip: the writer's string cannot be read as the reader's int")
        #expect(!AvroSchemaCompatibility.isCompatible(reader: try AvroSchema(parsing: Self.reader), writer: try AvroSchema(parsing: Self.writer)))
        #expect(AvroSchemaCompatibility.isCompatible(reader: try AvroSchema(parsing: Self.writer), writer: try AvroSchema(parsing: Self.writer)))
    }

    @Test func pathsInsideMapsOfUnionsOfRecords() throws {
        let writer = #"{"type":"map","values":["null",\#(R.record("P", #"{"name":"x","type":"double"}"#))]}"#
        let reader = #"{"type":"map","values":["null",\#(R.record("P", #"{"name":"x","type":"float"}"#))]}"#
        #expect(try R.problems(reader: reader, writer: writer) == ["[]<P>.x: the writer's double cannot be read as the reader's float"])
    }

    @Test func aSchemaThatCannotBeCompiledIsReportedNotThrown() { // a reference to an undefined name
        let problems = AvroSchemaCompatibility.check(reader: .reference("Missing"), writer: .int)
        #expect(problems == [.init(path: "", message: "the schema refers to 'Missing', which it does not define")])
    }

    // MARK: Modes over versions

    static func schemas(_ texts: String...) throws -> [AvroSchema] { try texts.map { try AvroSchema(parsing: $0) } }
    static let int = #"{"name":"a","type":"int"}"#

    @Test func addingAFieldWithADefaultIsFullyCompatible() throws {
        let versions = try Self.schemas(R.record("R", Self.int), R.record("R", Self.int, #"{"name":"b","type":"string","default":""}"#))
        for mode in AvroSchemaCompatibility.Mode.allCases {
            #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: mode) == [], "\(mode)")
        }
        #expect(AvroSchemaCompatibility.check(versions[1], against: [], mode: .fullTransitive) == [])
    }

    @Test func addingARequiredFieldBreaksBackward() throws {
        let versions = try Self.schemas(R.record("R", Self.int), R.record("R", Self.int, #"{"name":"b","type":"string"}"#))
        let expected = ["b: reading data of version 1 with the new schema: the reader's field 'b' of R is not in the writer's schema and has no default"]
        #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: .backward).map(\.description) == expected)
        #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: .forward) == [])
        #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: .full).map(\.description) == expected)
    }

    @Test func droppingARequiredFieldBreaksForward() throws {
        let versions = try Self.schemas(R.record("R", Self.int), R.record("R"))
        let expected = ["a: reading new data with version 1: the reader's field 'a' of R is not in the writer's schema and has no default"]
        #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: .backward) == [])
        #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: .forward).map(\.description) == expected)
        #expect(AvroSchemaCompatibility.check(versions[1], against: [versions[0]], mode: .full).map(\.description) == expected)
    }

    /// Three versions where each step is compatible with the previous one, but the third is
    /// not with the first: only the transitive modes see it.
    @Test func transitiveModesCheckEveryEarlierVersion() throws {
        let text = { (name: String, fallback: String?) in #"{"name":"\#(name)","type":"string"\#(fallback.map { #","default":"\#($0)""# } ?? "")}"# }
        let v1 = R.record("R", Self.int, text("d", nil))
        let v2 = R.record("R", Self.int, text("d", ""), text("e", ""))
        let v3 = R.record("R", Self.int, text("e", nil))
        let previous = try Self.schemas(v1, v2), new = try AvroSchema(parsing: v3)
        let backward = "e: reading data of version 1 with the new schema: the reader's field 'e' of R is not in the writer's schema and has no default"
        let forward = "d: reading new data with version 1: the reader's field 'd' of R is not in the writer's schema and has no default"
        for mode in [AvroSchemaCompatibility.Mode.backward, .forward, .full] {
            #expect(AvroSchemaCompatibility.check(new, against: previous, mode: mode) == [], "\(mode)")
        }
        #expect(AvroSchemaCompatibility.check(new, against: previous, mode: .backwardTransitive).map(\.description) == [backward])
        #expect(AvroSchemaCompatibility.check(new, against: previous, mode: .forwardTransitive).map(\.description) == [forward])
        #expect(AvroSchemaCompatibility.check(new, against: previous, mode: .fullTransitive).map(\.description) == [backward, forward])
    }

    // MARK: Java's compiler-test evolution pair

    static let javaPair = "lang-java/compiler-test-resources/full_record_"
    static let namespace = "org.apache.avro.specific.test."

    struct FullRecordV1: Decodable, Equatable {
        let b: Bool, i32: Int32, i64: Int64, f32: Float, f64: Double, s: String?, h: String?
    }

    /// The root records are named FullRecordV2 and FullRecordV1: roots resolve whatever their
    /// names, as Java's resolver reads them.
    @Test(.enabled(if: TestData.isAvailable)) func javaPairResolvesWhateverTheRootNames() throws {
        let writer = try AvroSchema(parsing: TestData.text(Self.javaPair + "v2.avsc"))
        let reader = try AvroSchema(parsing: TestData.text(Self.javaPair + "v1.avsc"))
        // What remains is the writer's nullable f32, which the reader's float cannot take
        //.
        #expect(AvroSchemaCompatibility.check(reader: reader, writer: writer).map(\.description) == [
            "f32<null>: the writer's null cannot be read as the reader's float",
        ])
        let written: AvroValue = .record([("b", true), ("i64", .int(-7)), ("i32", .int(8)), ("f64", .long(9_007_199_254_740_993)),
                                          ("f32", .union(branch: 0, value: .float(1.5))), ("newfield", "skipped"), ("h", .bytes(Array("héllo".utf8))),
                                          ("myMap", .map([("k", "v")]))])
        let bytes = try written.encoded(as: writer)
        #expect(try AvroValue(decoding: bytes, writerSchema: writer, readerSchema: reader) == .record([
            ("b", true), ("i32", .int(8)), ("i64", .long(-7)), ("f32", .float(1.5)), ("f64", .double(9_007_199_254_740_992)),
            ("s", .union(branch: 0, value: .null)), ("h", .union(branch: 1, value: "héllo")),
        ]))
        #expect(try AvroDecoder(schema: reader).decode(FullRecordV1.self, from: bytes, writerSchema: writer)
            == FullRecordV1(b: true, i32: 8, i64: -7, f32: 1.5, f64: 9_007_199_254_740_992, s: nil, h: "héllo"))
        var withNull = written
        if case .record(var fields) = withNull { fields[4].value = .union(branch: 1, value: .null); withNull = .record(fields) }
        let nullBytes = try withNull.encoded(as: writer)
        expectAvroError(.incompatibleSchemas) { _ = try AvroValue(decoding: nullBytes, writerSchema: writer, readerSchema: reader) }
    }

    /// Problems with a writer union branch or enum symbol happen only for data that uses them.
    @Test func problemsSayWhetherTheyFailOnlyWhenUsed() throws {
        let writer = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED","CYAN"]}},{"name":"n","type":["null","long"]}]}"#)
        let reader = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"c","type":{"type":"enum","name":"Color","symbols":["RED"]}},{"name":"n","type":"long"},{"name":"x","type":"int"}]}"#)
        let problems = AvroSchemaCompatibility.check(reader: reader, writer: writer)
        #expect(problems.map(\.path) == ["c", "n<null>", "x"])
        #expect(problems.map(\.failsOnlyWhenUsed) == [true, true, false])
    }
}
