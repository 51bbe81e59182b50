import Foundation
import Testing
@testable import Avro

/// A record read in place whose reader fields are the writer's, in order, then fields from
/// defaults is read as it comes, without first finding where its fields are: fields asked for in order, some of them, out of order or a default first give the
/// values the transcoder gives, and each value ends where the next begins.
@Suite(.serialized) struct SequentialInPlaceTests {
    typealias R = ResolutionCheck

    /// Writer: a field the reader renames, an int it widens, an array.
    static let writer = R.record("Seq", #"{"name":"name","type":"string"}"#, #"{"name":"age","type":"int"}"#,
                                 #"{"name":"tags","type":{"type":"array","items":"string"}}"#)
    /// Reader: the writer's fields in its order, then two from defaults.
    static let reader = R.record("Seq", #"{"name":"fullName","type":"string","aliases":["name"]}"#, #"{"name":"age","type":"long"}"#,
                                 #"{"name":"tags","type":{"type":"array","items":"string"}}"#,
                                 #"{"name":"country","type":"string","default":"NL"}"#, #"{"name":"score","type":"double","default":1.5}"#)

    struct Seq: Decodable, Equatable {
        var fullName: String, age: Int64, tags: [String], country: String, score: Double
    }

    /// Asks for the fields in the order given by `order` (coding key names), noting each value.
    struct Asking: Decodable {
        nonisolated(unsafe) static var order: [String] = []
        var values: [String] = []
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for name in Self.order {
                let key = Key(stringValue: name)
                switch name {
                case "age": values.append(String(try container.decode(Int64.self, forKey: key)))
                case "tags": values.append(try container.decode([String].self, forKey: key).joined(separator: "+"))
                case "score": values.append(String(try container.decode(Double.self, forKey: key)))
                default: values.append(try container.decode(String.self, forKey: key))
                }
            }
        }
    }

    static func value(_ index: Int) -> AvroValue {
        .record([("name", .string("n\(index)")), ("age", .int(Int32(index) * -7)), ("tags", .array((0..<index).map { .string("t\($0)") }))])
    }

    /// Four values one after another, each decoded by `decode` from one input.
    static func decodeStream<T>(_ decode: (AvroDecoder, inout AvroBinaryReader) throws -> T) throws -> [T] {
        let writerSchema = try AvroSchema(parsing: writer)
        let bytes = try (0..<4).flatMap { try value($0).encoded(as: writerSchema) }
        let decoder = try AvroDecoder(schema: AvroSchema(parsing: reader)).resolving(writerSchema: writerSchema)
        return try bytes.withUnsafeBytes { buffer in
            var input = AvroBinaryReader(buffer)
            var values: [T] = []
            // At most the four values written: a value that ends in the wrong place shows.
            while !input.isAtEnd && values.count < 4 { values.append(try decode(decoder, &input)) }
            #expect(values.count == 4 && input.isAtEnd)
            return values
        }
    }

    /// The values `Asking` notes, for fields asked for in `order`, over the stream.
    static func asking(_ order: [String]) throws -> [[String]] {
        Asking.order = order
        return try decodeStream { try $0.decode(Asking.self, from: &$1) }.map(\.values)
    }

    static func expected(_ index: Int, _ order: [String]) -> [String] {
        let all = ["fullName": "n\(index)", "age": String(index * -7), "tags": (0..<index).map { "t\($0)" }.joined(separator: "+"),
                   "country": "NL", "score": "1.5"]
        return order.map { all[$0] ?? "?" }
    }

    @Test func thePlanReadsTheRecordAsItComes() throws {
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(AvroSchema(parsing: Self.writer)),
                                  reader: try CompiledSchema.cached(AvroSchema(parsing: Self.reader)))
        #expect(plan.inPlaceRoot?.isSequential == true)
        let other = ResolutionPlan(writer: try CompiledSchema.cached(AvroSchema(parsing: InPlaceResolutionTests.writer)),
                                   reader: try CompiledSchema.cached(AvroSchema(parsing: InPlaceResolutionTests.reader)))
        #expect(other.inPlaceRoot?.isSequential == false)
    }

    @Test func fieldsInOrder() throws {
        let values = try Self.decodeStream { try $0.decode(Seq.self, from: &$1) }
        #expect(values == (0..<4).map { Seq(fullName: "n\($0)", age: Int64($0 * -7), tags: (0..<$0).map { "t\($0)" }, country: "NL", score: 1.5) })
    }

    @Test(.serialized, arguments: [
        ["fullName"], ["fullName", "age"], [], ["country"], ["score", "fullName"],
        ["tags", "fullName", "age", "country"], ["fullName", "score", "age"], ["age", "tags", "score", "country", "fullName"],
    ])
    func fieldsAskedForInAnyOrderOrSome(order: [String]) throws {
        #expect(try Self.asking(order) == (0..<4).map { Self.expected($0, order) })
    }

    @Test func malformedInputReadAsItComesThrows() throws {
        let writerSchema = try AvroSchema(parsing: Self.writer)
        let bytes = try Self.value(3).encoded(as: writerSchema)
        let decoder = try AvroDecoder(schema: AvroSchema(parsing: Self.reader)).resolving(writerSchema: writerSchema)
        Asking.order = ["fullName", "score", "tags"]
        R.expectMalformedInputThrows(bytes, [("in order", { _ = try decoder.decode(Seq.self, from: $0) }),
                                             ("out of order", { _ = try decoder.decode(Asking.self, from: $0) })])
    }
}
