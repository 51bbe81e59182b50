import Foundation
import Testing
@testable import Avro

/// Arrays and string-keyed dictionaries are read and written in one loop
/// (`DirectDecoding`/`DirectEncoding`) rather than through Swift's containers: the bytes,
/// values, errors and coding paths must be the ones the containers give.
@Suite struct DirectCollectionTests {
    private static let schema = """
        {"type":"record","name":"Holder","fields":[
          {"name":"items","type":{"type":"array","items":{"type":"record","name":"Probe","fields":[{"name":"n","type":"int"}]}}},
          {"name":"byName","type":{"type":"map","values":"Probe"}}]}
        """

    /// Notes the coding path its decoder and encoder report.
    private struct Probe: Codable, Equatable {
        var n: Int32
        static let seen = Locked<[String]>([])

        enum CodingKeys: String, CodingKey { case n }

        init(n: Int32) { self.n = n }

        init(from decoder: any Decoder) throws {
            Self.seen.withLock { $0.append(decoder.codingPath.map(\.stringValue).joined(separator: "/")) }
            n = try decoder.container(keyedBy: CodingKeys.self).decode(Int32.self, forKey: .n)
        }

        func encode(to encoder: any Encoder) throws {
            Self.seen.withLock { $0.append("encode " + encoder.codingPath.map(\.stringValue).joined(separator: "/")) }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(n, forKey: .n)
        }
    }

    private struct Holder: Codable, Equatable {
        var items: [Probe]
        var byName: [String: Probe]
    }

    @Test func codingPathsInsideItemsNameTheirIndexAndKey() throws {
        let value = Holder(items: [Probe(n: 1), Probe(n: -2)], byName: ["k": Probe(n: 3)])
        let schema = try AvroSchema(parsing: Self.schema)
        Probe.seen.withLock { $0.removeAll() }
        let bytes = try AvroEncoder(schema: schema).encodeBytes(value)
        // items: count 2, 1, -2, end; byName: count 1, "k", 3, end.
        #expect(bytes == [0x04, 0x02, 0x03, 0x00, 0x02, 0x02, 0x6b, 0x06, 0x00])
        #expect(try AvroDecoder(schema: schema).decode(Holder.self, from: bytes) == value)
        #expect(Probe.seen.withLock { $0 } == ["encode items/Index 0", "encode items/Index 1", "encode byName/k",
                                              "items/Index 0", "items/Index 1", "byName/k"])
    }

    @Test func arraysInSeveralBlocksAndMapsWithRepeatedKeys() throws { // items 57, 58, 59
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"int"}},{"name":"m","type":{"type":"map","values":"long"}}]}"#)
        struct R: Decodable, Equatable {
            var a: [Int32]
            var m: [String: Int64]
        }
        // a: a block of 2, a block of -1 (with its byte size 1), end. m: "x" -> 1, "x" -> 2, end.
        let bytes: [UInt8] = [0x04, 0x02, 0x04, 0x01, 0x02, 0x06, 0x00, 0x04, 0x02, 0x78, 0x02, 0x02, 0x78, 0x04, 0x00]
        #expect(try AvroDecoder(schema: schema).decode(R.self, from: bytes) == R(a: [1, 2, 3], m: ["x": 2]))
    }

    @Test func errorsInsideItemsNameTheirIndexAndKey() throws {
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"long"}},{"name":"m","type":{"type":"map","values":"long"}}]}"#)
        struct Narrow: Decodable {
            var a: [Int8]
            var m: [String: Int8]
        }
        // a: [1, 300]; m: {}
        expectDecodingError(.valueOutOfRange, at: ["a", "Index 1"]) {
            _ = try AvroDecoder(schema: schema).decode(Narrow.self, from: [0x04, 0x02, 0xd8, 0x04, 0x00, 0x00])
        }
        // a: []; m: {"big": 300}
        expectDecodingError(.valueOutOfRange, at: ["m", "big"]) {
            _ = try AvroDecoder(schema: schema).decode(Narrow.self, from: [0x00, 0x02, 0x06, 0x62, 0x69, 0x67, 0xd8, 0x04, 0x00])
        }
        struct Wide: Encodable {
            var a: [UInt64]
            var m: [String: UInt64]
        }
        expectEncodingError(.valueOutOfRange, at: ["a", "Index 1"]) {
            _ = try AvroEncoder(schema: schema).encodeBytes(Wide(a: [1, .max], m: [:]))
        }
        expectEncodingError(.valueOutOfRange, at: ["m", "big"]) {
            _ = try AvroEncoder(schema: schema).encodeBytes(Wide(a: [], m: ["big": .max]))
        }
    }
}
