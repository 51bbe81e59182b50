import Foundation
import Testing
@testable import Avro

/// Schema resolution with unions on either side.
@Suite struct ResolutionUnionTests {
    typealias R = ResolutionCheck

    @Test func emptyWriterUnionIsCompatibleWithAnything() throws {
        for reader in [#""int""#, R.record("R", #"{"name":"a","type":"int"}"#), #"["null","string"]"#, "[]"] {
            #expect(try R.problems(reader: reader, writer: "[]") == [])
        }
        // It has no value, so any data is an out-of-range branch.
        expectAvroError(.invalidUnionBranch) { _ = try R.read(bytes: [0x00], writer: "[]", reader: #""int""#) }
        #expect(try R.problems(reader: "[]", writer: #""int""#) == ["the writer's int matches none of the reader's union branches []"])
    }

    @Test func bothUnionsMatchBranchesByType() throws {
        let writer = #"["int","string"]"#, reader = #"["string","int"]"#
        #expect(try R.read(.union(branch: 0, value: .int(5)), writer: writer, reader: reader) == .union(branch: 1, value: .int(5)))
        #expect(try R.read(.union(branch: 1, value: "s"), writer: writer, reader: reader) == .union(branch: 0, value: "s"))
        #expect(try R.problems(reader: reader, writer: writer) == [])
    }

    @Test func writerBranchMissingFromTheReaderFailsOnlyWhenWritten() throws {
        let writer = R.record("R", #"{"name":"u","type":["null","int","string"]}"#)
        let reader = R.record("R", #"{"name":"u","type":["null","long"]}"#)
        let message = "u<string>: the writer's string matches none of the reader's union branches [null, long]"
        #expect(try R.problems(reader: reader, writer: writer) == [message])
        #expect(try R.read(.record([("u", .union(branch: 1, value: .int(7)))]), writer: writer, reader: reader)
            == .record([("u", .union(branch: 1, value: .long(7)))]))
        struct U: Decodable, Equatable { let u: Int64? }
        #expect(try R.decode(U.self, .record([("u", .union(branch: 0, value: .null))]), writer: writer, reader: reader) == U(u: nil))
        let error = expectAvroError(.incompatibleSchemas) {
            _ = try R.read(.record([("u", .union(branch: 2, value: "x"))]), writer: writer, reader: reader)
        }
        #expect(error?.message == message)
        expectDecodingError(.incompatibleSchemas) { _ = try R.decode(U.self, .record([("u", .union(branch: 2, value: "x"))]), writer: writer, reader: reader) }
    }

    @Test func writerUnionReadByANonUnion() throws {
        let writer = #"["null","int","long","float"]"#
        #expect(try R.read(.union(branch: 1, value: .int(2)), writer: writer, reader: #""double""#) == .double(2))
        #expect(try R.read(.union(branch: 2, value: .long(1 << 60)), writer: writer, reader: #""double""#) == .double(0x1p60))
        #expect(try R.read(.union(branch: 3, value: .float(0.5)), writer: writer, reader: #""double""#) == .double(0.5))
        #expect(try R.problems(reader: #""double""#, writer: writer) == ["<null>: the writer's null cannot be read as the reader's double"])
        let error = expectAvroError(.incompatibleSchemas) { _ = try R.read(.union(branch: 0, value: .null), writer: writer, reader: #""double""#) }
        #expect(error?.message == "<null>: the writer's null cannot be read as the reader's double")
        #expect(try R.problems(reader: #""long""#, writer: writer) == [
            "<null>: the writer's null cannot be read as the reader's long",
            "<float>: the writer's float cannot be read as the reader's long",
        ])
    }

    struct Choice: Sendable, CustomTestStringConvertible {
        let writer: String, reader: String, written: AvroValue, read: AvroValue
        var testDescription: String { "\(writer) → \(reader)" }
    }

    /// Java's three passes: the same type first, then a record of the same kind,
    /// then the first promotion, whatever the order of the branches.
    static let choices: [Choice] = [
        .init(writer: #""int""#, reader: #"["long","int"]"#, written: .int(3), read: .union(branch: 1, value: .int(3))),
        .init(writer: #""int""#, reader: #"["null","string","double","long"]"#, written: .int(3), read: .union(branch: 2, value: .double(3))),
        .init(writer: #""long""#, reader: #"["null","float","double"]"#, written: .long(3), read: .union(branch: 1, value: .float(3))),
        .init(writer: #""float""#, reader: #"["double","float"]"#, written: .float(3), read: .union(branch: 1, value: .float(3))),
        .init(writer: #""string""#, reader: #"["null","bytes"]"#, written: "é", read: .union(branch: 1, value: .bytes([0xC3, 0xA9]))),
        .init(writer: #""bytes""#, reader: #"["bytes","string"]"#, written: .bytes([1]), read: .union(branch: 0, value: .bytes([1]))),
        .init(writer: #"{"type":"array","items":"int"}"#, reader: #"["null",{"type":"array","items":"long"}]"#,
              written: [.int(1)], read: .union(branch: 1, value: [.long(1)])),
        .init(writer: #"{"type":"record","name":"A","fields":[{"name":"x","type":"int"}]}"#,
              reader: #"[{"type":"record","name":"B","fields":[{"name":"x","type":"int"}]},{"type":"record","name":"A","fields":[{"name":"x","type":"long"}]}]"#,
              written: .record([("x", .int(1))]), read: .union(branch: 1, value: .record([("x", .long(1))]))),
        .init(writer: #"{"type":"enum","name":"E","symbols":["A"]}"#, reader: #"["string",{"type":"enum","name":"F","aliases":["E"],"symbols":["A"]}]"#,
              written: .enumeration("A"), read: .union(branch: 1, value: .enumeration("A"))),
    ]

    @Test(arguments: choices) func readerUnionTakesTheFirstMatchingBranch(_ choice: Choice) throws {
        #expect(try R.read(choice.written, writer: choice.writer, reader: choice.reader) == choice.read)
        #expect(try R.problems(reader: choice.reader, writer: choice.writer) == [])
    }

    @Test func readerUnionWithoutAMatchingBranchFails() throws {
        let message = "the writer's long matches none of the reader's union branches [int, null]"
        #expect(try R.problems(reader: #"["int","null"]"#, writer: #""long""#) == [message])
        #expect(expectAvroError(.incompatibleSchemas) { _ = try R.read(.long(1), writer: #""long""#, reader: #"["int","null"]"#) }?.message == message)
        #expect(try R.problems(reader: #"["null","long","float"]"#, writer: #""double""#)
            == ["the writer's double matches none of the reader's union branches [null, long, float]"])
    }

    @Test func numbersUnderAWriterUnionReadByAReaderUnion() throws {
        let writer = #"["int","long","float","double"]"#, reader = #"["long","float"]"#
        #expect(try R.read(.union(branch: 0, value: .int(1)), writer: writer, reader: reader) == .union(branch: 0, value: .long(1)))
        #expect(try R.read(.union(branch: 1, value: .long(2)), writer: writer, reader: reader) == .union(branch: 0, value: .long(2)))
        #expect(try R.read(.union(branch: 2, value: .float(3)), writer: writer, reader: reader) == .union(branch: 1, value: .float(3)))
        #expect(try R.problems(reader: reader, writer: writer) == ["<double>: the writer's double matches none of the reader's union branches [long, float]"])
        expectAvroError(.incompatibleSchemas) { _ = try R.read(.union(branch: 3, value: .double(4)), writer: writer, reader: reader) }
        #expect(try R.problems(reader: #"["float"]"#, writer: #"["int","long","float"]"#) == [])
        #expect(try R.read(.union(branch: 1, value: .long(5)), writer: #"["int","long","float"]"#, reader: #"["float"]"#) == .union(branch: 0, value: .float(5)))
    }

    static let recordA = #"{"type":"record","name":"A","fields":[{"name":"x","type":"int"}]}"#
    static let recordB = #"{"type":"record","name":"B","fields":[{"name":"x","type":"int"}]}"#

    @Test func unionsOfRecordsThatDifferOnlyByName() throws {
        let writer = "[\(Self.recordA),\(Self.recordB)]", reader = "[\(Self.recordB),\(Self.recordA)]"
        #expect(try R.read(.union(branch: 0, value: .record([("x", .int(1))])), writer: writer, reader: reader)
            == .union(branch: 1, value: .record([("x", .int(1))])))
        #expect(try R.read(.union(branch: 1, value: .record([("x", .int(2))])), writer: writer, reader: reader)
            == .union(branch: 0, value: .record([("x", .int(2))])))
        #expect(try R.problems(reader: reader, writer: writer) == [])
        // A record whose name is in no branch is not read by structure (Java's runtime would).
        let message = "<B>: the writer's B and the reader's A have different names (add the writer's name to the reader's aliases)"
        #expect(try R.problems(reader: "[\(Self.recordA)]", writer: writer) == [message])
        expectAvroError(.incompatibleSchemas) { _ = try R.read(.union(branch: 1, value: .record([("x", .int(2))])), writer: writer, reader: "[\(Self.recordA)]") }
    }
}
