import Foundation
import Testing
@testable import Avro

/// Arrays, sets, dictionaries, `Data` and `[UInt8]` wrapped in optionals (null first and
/// last), in arrays and maps, in enums with associated values and in generic types: each
/// derives, encodes to the bytes `AvroValue` writes for the same value, and decodes back.
@Suite struct OptionalCollectionTests {
    struct Weights: Codable, Equatable {
        var weights: [String: Double]?
        var names: [String: String]?
        var counts: [String: Int]?
        var series: [String: [Int32]]?
        var list: [Double]?
        var tags: Set<String>?
        var blob: Data?
        var raw: [UInt8]?
    }

    @Test func optionalCollectionsRoundTripWithTheDerivedSchema() throws {
        let full = Weights(weights: ["x": 0.5], names: ["a": "b"], counts: ["n": -3], series: ["s": [1, 2]], list: [1.5], tags: ["t"],
                           blob: Data([1, 2]), raw: [3])
        let empty = Weights(weights: [:], names: [:], counts: [:], series: ["e": []], list: [], tags: [], blob: Data(), raw: [])
        let none = Weights()
        for value in [full, empty, none] {
            let bytes = try AvroEncoder().encodeBytes(value)
            #expect(try AvroDecoder().decode(Weights.self, from: bytes) == value)
        }
        // The bytes are the union's: branch 1, then the map.
        let schema = try AvroSchema(deriving: Weights.self)
        let value = try AvroValue(decoding: AvroEncoder().encodeBytes(full), as: schema)
        guard case .record(let fields) = value else { Issue.record("not a record: \(value)"); return }
        #expect(fields[0].1 == .union(branch: 1, value: .map([(key: "x", value: .double(0.5))])))
    }

    /// The same types under a schema whose null branch comes last, and decodeIfPresent.
    @Test func nullLastAndDecodeIfPresent() throws {
        struct Manual: Codable, Equatable {
            var weights: [String: Double]?
            var list: [Int]?
            init(weights: [String: Double]?, list: [Int]?) { (self.weights, self.list) = (weights, list) }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                weights = try container.decodeIfPresent([String: Double].self, forKey: .weights)
                list = try container.decodeIfPresent([Int].self, forKey: .list)
            }
        }
        let schema = """
            {"type":"record","name":"Manual","fields":[
              {"name":"weights","type":[{"type":"map","values":"double"},"null"]},
              {"name":"list","type":[{"type":"array","items":"long"},"null"]}]}
            """
        for value in [Manual(weights: ["x": 0.5, "y": -1], list: [7, 8]), Manual(weights: nil, list: nil)] {
            let bytes = try CodableCheck.encode(value, schema)
            let weights: AvroValue = value.weights.map { .union(branch: 0, value: .map($0.sorted { $0.key < $1.key }.map { (key: $0.key, value: AvroValue.double($0.value)) })) }
                ?? .union(branch: 1, value: .null)
            let list: AvroValue = value.list.map { .union(branch: 0, value: .array($0.map { AvroValue.long(Int64($0)) })) } ?? .union(branch: 1, value: .null)
            let reference = try CodableCheck.reference(.record([("weights", weights), ("list", list)]), schema)
            #expect(try AvroDecoder(schema: AvroSchema(parsing: schema)).decode(Manual.self, from: reference) == value)
            #expect(try CodableCheck.decode(Manual.self, bytes, schema) == value)
        }
    }

    /// Optional collections nested in arrays and maps, in enum cases and generic wrappers.
    enum Payload: Codable, Equatable {
        case scores([String: Double]?)
        case items([Int32]?)
        enum CodingKeys: String, CodingKey, CaseIterable { case scores, items }
    }

    struct Page<Item: Codable & Equatable>: Codable, Equatable {
        var items: [Item]?
        var extra: [String: Item]?
    }

    struct Nested: Codable, Equatable {
        var grid: [[Double]?]
        var byName: [String: [String: Int]?]
        var payloads: [Payload]
        var page: Page<[String: Double]?>
        var pages: [String: Page<Int>]?
    }

    @Test func optionalCollectionsNestedEverywhere() throws {
        let value = Nested(grid: [[1, 2], nil, []], byName: ["a": ["x": 1], "b": nil], payloads: [.scores(["p": 0.25]), .scores(nil), .items([5]), .items(nil)],
                           page: Page(items: [["k": 1], nil], extra: ["e": nil, "f": ["z": 2]]), pages: ["p": Page(items: [1], extra: nil)])
        let bytes = try AvroEncoder().encodeBytes(value)
        #expect(try AvroDecoder().decode(Nested.self, from: bytes) == value)
        // AvroValue reads the same bytes with the derived schema, and writes them back unchanged.
        let schema = try AvroSchema(deriving: Nested.self)
        #expect(try AvroValue(decoding: bytes, as: schema).encoded(as: schema) == bytes)
    }

    /// A general union holding a map or an array: the branch written is the one read.
    @Test func collectionsInAGeneralUnion() throws {
        let schema = """
            {"type":"record","name":"R","fields":[
              {"name":"m","type":["string",{"type":"map","values":"long"},"null"]},
              {"name":"a","type":["long",{"type":"array","items":"string"}]}]}
            """
        struct R: Codable, Equatable { var m: [String: Int]; var a: [String] }
        let bytes = try CodableCheck.reference(.record([("m", .union(branch: 1, value: .map([(key: "k", value: .long(3))]))), ("a", .union(branch: 1, value: .array(["x"])))]), schema)
        #expect(try CodableCheck.decode(R.self, bytes, schema) == R(m: ["k": 3], a: ["x"]))
        #expect(try CodableCheck.encode(R(m: ["k": 3], a: ["x"]), schema) == bytes)
        // A string where a dictionary is asked for is a type mismatch, not a crash.
        let wrong = try CodableCheck.reference(.record([("m", .union(branch: 0, value: "s")), ("a", .union(branch: 1, value: .array([])))]), schema)
        expectDecodingError(.typeMismatch) { _ = try CodableCheck.decode(R.self, wrong, schema) }
    }
}
