import Foundation
import Testing
@testable import Avro

/// Records whose writer fields are each read as written, skipped or defaulted are read in
/// place, without transcoding: the same values as the transcoder
/// gives, however the type asks for its fields.
@Suite struct InPlaceResolutionTests {
    typealias R = ResolutionCheck

    static let inner = #"{"type":"record","name":"In","fields":[{"name":"x","type":"long"},{"name":"s","type":"string"}]}"#
    /// Writer: a renamed field, a field the reader drops, an int the reader widens, a nested
    /// record read as written, a field the reader drops at the end.
    static let writer = R.record("Rec", #"{"name":"name","type":"string"}"#, #"{"name":"dropped","type":{"type":"array","items":"string"}}"#,
                                 #"{"name":"age","type":"int"}"#, #"{"name":"inner","type":\#(inner)}"#, #"{"name":"gone","type":"double"}"#)
    /// Reader: defaults before, between and after the writer's fields, one of them a record.
    static let reader = R.record("Rec", #"{"name":"first","type":"string","default":"one"}"#,
                                 #"{"name":"fullName","type":"string","aliases":["name"]}"#,
                                 #"{"name":"age","type":"long"}"#,
                                 #"{"name":"point","type":{"type":"record","name":"P","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]},"default":{"x":3,"y":4}}"#,
                                 #"{"name":"inner","type":\#(inner)}"#,
                                 #"{"name":"note","type":["null","string"],"default":null}"#,
                                 #"{"name":"last","type":"long","default":-9}"#)

    struct Point: Codable, Equatable { var x: Int32, y: Int32 }
    struct Inner: Codable, Equatable { var x: Int64, s: String }
    struct Rec: Codable, Equatable {
        var first: String, fullName: String, age: Int64, point: Point, inner: Inner, note: String?, last: Int64
    }

    /// The same fields asked for in reverse order.
    struct Reversed: Decodable, Equatable {
        var values: [String]
        enum CodingKeys: String, CodingKey { case first, fullName, age, point, inner, note, last }
        init(values: [String]) { self.values = values }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            values = [
                String(try container.decode(Int64.self, forKey: .last)),
                String(describing: try container.decodeIfPresent(String.self, forKey: .note)),
                try container.decode(Inner.self, forKey: .inner).s,
                String(try container.decode(Point.self, forKey: .point).y),
                String(try container.decode(Int64.self, forKey: .age)),
                try container.decode(String.self, forKey: .fullName),
                try container.decode(String.self, forKey: .first),
            ]
        }
    }

    /// A type that reads nothing of its value.
    struct Nothing: Decodable { init(from decoder: any Decoder) throws {} }

    static func value(_ index: Int) -> AvroValue {
        .record([("name", .string("n\(index)")), ("dropped", .array(["p", "q"])), ("age", .int(Int32(index) * 1000)),
                 ("inner", .record([("x", .long(Int64(index) << 40)), ("s", .string("σ\(index)"))])), ("gone", .double(2.5))])
    }

    static func expected(_ index: Int) -> Rec {
        Rec(first: "one", fullName: "n\(index)", age: Int64(index) * 1000, point: Point(x: 3, y: 4),
            inner: Inner(x: Int64(index) << 40, s: "σ\(index)"), note: nil, last: -9)
    }

    /// Three values one after another, and a decoder prepared for the writer schema.
    static func stream() throws -> (bytes: [UInt8], decoder: AvroDecoder) {
        let writerSchema = try AvroSchema(parsing: writer)
        let bytes = try (0..<3).flatMap { try value($0).encoded(as: writerSchema) }
        return (bytes, try AvroDecoder(schema: AvroSchema(parsing: reader)).resolving(writerSchema: writerSchema))
    }

    /// Every value of the stream, decoded as `T`.
    static func decodeAll<T: Decodable>(_ type: T.Type) throws -> [T] {
        let (bytes, decoder) = try stream()
        return try bytes.withUnsafeBytes { buffer in
            var input = AvroBinaryReader(buffer)
            var values: [T] = []
            while !input.isAtEnd && values.count < 3 { values.append(try decoder.decode(T.self, from: &input)) }
            #expect(input.isAtEnd)
            return values
        }
    }

    @Test func thePlanReadsTheRecordInPlace() throws {
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(AvroSchema(parsing: Self.writer)),
                                  reader: try CompiledSchema.cached(AvroSchema(parsing: Self.reader)))
        let record = try #require(plan.inPlaceRoot)
        #expect(record.readerPositions == [1, -1, 2, 4, -1])
        #expect(record.defaultOffsets.map { $0 < 0 } == [true, false, false, true, false, true, true])
        #expect(plan.isIdentity == false)
    }

    @Test func fieldsInOrderWithDefaultsBetweenThem() throws {
        #expect(try Self.decodeAll(Rec.self) == (0..<3).map(Self.expected))
        // The transcoder reads the same values.
        let writerSchema = try AvroSchema(parsing: Self.writer), readerSchema = try AvroSchema(parsing: Self.reader)
        let transcoded = try AvroValue(decoding: Self.value(1).encoded(as: writerSchema), writerSchema: writerSchema, readerSchema: readerSchema)
        #expect(try AvroDecoder(schema: readerSchema).decode(Rec.self, from: transcoded.encoded(as: readerSchema)) == Self.expected(1))
    }

    @Test func fieldsOutOfOrder() throws {
        #expect(try Self.decodeAll(Reversed.self) == (0..<3).map { Reversed(values: ["-9", "nil", "σ\($0)", "4", String($0 * 1000), "n\($0)", "one"]) })
    }

    @Test func aTypeThatReadsNothingStillMovesPastTheValue() throws {
        let (bytes, decoder) = try Self.stream()
        try bytes.withUnsafeBytes { buffer in
            var input = AvroBinaryReader(buffer)
            _ = try decoder.decode(Nothing.self, from: &input)
            #expect(try decoder.decode(Rec.self, from: &input) == Self.expected(1))
        }
    }

    @Test func anAvroValueRootIsTranscoded() throws {
        let (bytes, decoder) = try Self.stream()
        try bytes.withUnsafeBytes { buffer in
            var input = AvroBinaryReader(buffer)
            let value = try decoder.decode(AvroValue.self, from: &input)
            #expect(value["fullName"] == "n0")
            #expect(value["point"]?["y"] == .int(4))
            #expect(try decoder.decode(Rec.self, from: &input) == Self.expected(1))
        }
    }

    @Test func writerFieldsInAnotherOrder() throws {
        let writer = R.record("Rec", #"{"name":"inner","type":\#(Self.inner)}"#, #"{"name":"age","type":"int"}"#, #"{"name":"name","type":"string"}"#)
        let writerSchema = try AvroSchema(parsing: writer)
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(writerSchema), reader: try CompiledSchema.cached(AvroSchema(parsing: Self.reader)))
        #expect(plan.inPlaceRoot != nil)
        let value: AvroValue = .record([("inner", .record([("x", .long(5)), ("s", "s")])), ("age", .int(7)), ("name", "N")])
        #expect(try R.decode(Rec.self, value, writer: writer, reader: Self.reader)
            == Rec(first: "one", fullName: "N", age: 7, point: Point(x: 3, y: 4), inner: Inner(x: 5, s: "s"), note: nil, last: -9))
    }

    @Test func anErrorInAFieldReadInPlaceNamesTheField() throws {
        struct WrongAge: Decodable { var first: String, fullName: String, age: Bool }
        let error = expectDecodingError(.typeMismatch, at: ["age"]) {
            _ = try R.decode(WrongAge.self, Self.value(0), writer: Self.writer, reader: Self.reader)
        }
        #expect(error?.message.contains("expected a Bool, but the schema has long") == true)
        // Truncated input: the pass over the writer's fields finds it.
        let bytes = try Self.value(0).encoded(as: AvroSchema(parsing: Self.writer))
        expectDecodingError(.endOfData) {
            _ = try AvroDecoder(schema: AvroSchema(parsing: Self.reader)).decode(Rec.self, from: bytes.dropLast(3), writerSchema: AvroSchema(parsing: Self.writer))
        }
    }

    /// Only renamed fields and promotions of the same encoding: the writer's bytes are the
    /// reader's, and no resolution is needed at all.
    @Test func aRecordReadAsWrittenNeedsNoResolution() throws {
        let writer = R.record("Rec", #"{"name":"name","type":"string"}"#, #"{"name":"age","type":"int"}"#)
        let reader = R.record("Rec", #"{"name":"fullName","type":"string","aliases":["name"]}"#, #"{"name":"age","type":"long"}"#)
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(AvroSchema(parsing: writer)), reader: try CompiledSchema.cached(AvroSchema(parsing: reader)))
        #expect(plan.isIdentity)
        struct Renamed: Decodable, Equatable { var fullName: String, age: Int64 }
        #expect(try R.decode(Renamed.self, .record([("name", "Ada"), ("age", .int(-36))]), writer: writer, reader: reader) == Renamed(fullName: "Ada", age: -36))
    }

    /// Malformed writer bytes never crash a decode read in place: every truncation throws with
    /// an offset inside the input, and every single bit flip decodes or throws, whether the
    /// fields are asked for in order or not.
    @Test func malformedInputReadInPlaceThrows() throws {
        let writerSchema = try AvroSchema(parsing: Self.writer)
        let bytes = try Self.value(7).encoded(as: writerSchema)
        let decoder = try AvroDecoder(schema: AvroSchema(parsing: Self.reader)).resolving(writerSchema: writerSchema)
        R.expectMalformedInputThrows(bytes, [("in order", { _ = try decoder.decode(Rec.self, from: $0) }),
                                             ("reversed", { _ = try decoder.decode(Reversed.self, from: $0) })])
    }
}
