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

    @Test func arraysInSeveralBlocksAndMapsWithRepeatedKeys() throws {
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

    /// Arrays and maps of the scalars read by specialised code (`String`, `Int64`, `Int`,
    /// `Int32`, `Double`, `Bool`): the values written come back, across two blocks with a
    /// repeated key, and an error inside one names the index or key.
    private struct Collections<T: Codable & Equatable>: Codable, Equatable {
        var a: [T]
        var m: [String: T]
    }

    @Test func arraysAndMapsOfEachSpecialisedScalar() throws {
        func check<T: Codable & Equatable>(_ avroType: String, _ items: [T], _ entries: [String: T]) throws {
            let schema = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"\#(avroType)"}},{"name":"m","type":{"type":"map","values":"\#(avroType)"}}]}"#)
            let bytes = try AvroEncoder(schema: schema).encodeBytes(Collections(a: items, m: entries))
            #expect(try AvroDecoder(schema: schema).decode(Collections<T>.self, from: bytes) == Collections(a: items, m: entries), "\(avroType)")
            // The same data in two blocks each, the map's first key repeated: the last value wins.
            let encodedItems = try items.map { try AvroEncoder(schema: try AvroSchema(parsing: #""\#(avroType)""#)).encodeBytes($0) }
            var writer = AvroBinaryWriter()
            writer.writeLong(1)
            writer.writeEncoded(encodedItems[0])
            writer.writeLong(Int64(items.count - 1))
            for item in encodedItems.dropFirst() { writer.writeEncoded(item) }
            writer.writeLong(0)
            writer.writeLong(2)
            writer.writeString("k")
            writer.writeEncoded(encodedItems[0])
            writer.writeString("k")
            writer.writeEncoded(encodedItems[1])
            writer.writeLong(0)
            #expect(try AvroDecoder(schema: schema).decode(Collections<T>.self, from: writer.bytes) == Collections(a: items, m: ["k": items[1]]), "\(avroType) in blocks")
        }
        try check("string", ["a", "é", ""], ["x": "y"])
        try check("long", [Int64.min, 0, .max], ["x": -1])
        try check("long", [Int.min, 0, .max], ["x": 7])
        try check("int", [Int32.min, 0, .max], ["x": -7])
        try check("double", [-0.5, .infinity, 1e300], ["x": 2.5])
        try check("boolean", [true, false, true], ["x": false])

        let schema = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"long"}},{"name":"m","type":{"type":"map","values":"long"}}]}"#)
        struct Narrow: Decodable { var a: [Int32], m: [String: Int32] }
        expectDecodingError(.valueOutOfRange, at: ["a", "Index 1"]) { // a: [1, 2^40]
            _ = try AvroDecoder(schema: schema).decode(Narrow.self, from: [0x04, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00, 0x00])
        }
        expectDecodingError(.valueOutOfRange, at: ["m", "big"]) { // m: {"big": 2^40}
            _ = try AvroDecoder(schema: schema).decode(Narrow.self, from: [0x00, 0x02, 0x06, 0x62, 0x69, 0x67, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00])
        }
    }
}
