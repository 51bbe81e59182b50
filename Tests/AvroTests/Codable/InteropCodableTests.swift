import Foundation
import Testing
@testable import Avro

/// Swift types for the cross-language interop schema (`share-test-schemas/interop.avsc`)
/// decode the records written by the Python implementation (`generated/interop-record*.bin`)
/// to the values the test data's README lists, and encode them back to the same bytes.
/// Skipped when the shared data is absent.
@Suite(.enabled(if: TestData.isAvailable)) struct InteropCodableTests {
    /// `org.apache.avro.Interop`, generic over the Swift type of its map field.
    struct Interop<MapField: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        var intField: Int32
        var longField: Int64
        var stringField: String
        var boolField: Bool
        var floatField: Float
        var doubleField: Double
        var bytesField: Data
        var nullField: Never?
        var arrayField: [Double]
        var mapField: MapField
        var unionField: Union
        var enumField: Kind
        var fixedField: Data
        var recordField: Node
    }

    struct Foo: Codable, Equatable { var label: String }

    /// The union `[boolean, double, array<bytes>]`, a case per branch.
    enum Union: Codable, Equatable {
        case boolean(Bool)
        case double(Double)
        case array([Data])
    }

    enum Kind: String, Codable { case A, B, C }

    /// The recursive record `Node`.
    struct Node: Codable, Equatable {
        var label: String
        var children: [Node] = []
    }

    /// A map that keeps its entries in order, so that it is written back in the order read
    /// (a Swift `Dictionary` writes its entries in hash order).
    struct OrderedMap<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        struct Entry: Equatable, Sendable {
            var key: String
            var value: Value
        }
        var entries: [Entry]

        init(_ entries: [(String, Value)]) { self.entries = entries.map { Entry(key: $0.0, value: $0.1) } }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AvroCodingKey.self)
            entries = try container.allKeys.map { Entry(key: $0.stringValue, value: try container.decode(Value.self, forKey: $0)) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AvroCodingKey.self)
            for entry in entries { try container.encode(entry.value, forKey: AvroCodingKey(stringValue: entry.key)) }
        }
    }

    typealias OrderedInterop = Interop<OrderedMap<Foo>>

    static func interop(_ int: Int32, _ long: Int64, _ string: String, _ bool: Bool, _ float: Float, _ double: Double,
                        _ bytes: [UInt8], _ array: [Double], _ map: [(String, String)], _ union: Union, _ kind: Kind,
                        _ md5: [UInt8], _ tree: Node) -> OrderedInterop {
        Interop(intField: int, longField: long, stringField: string, boolField: bool, floatField: float, doubleField: double,
                bytesField: Data(bytes), nullField: nil, arrayField: array, mapField: OrderedMap(map.map { ($0.0, Foo(label: $0.1)) }),
                unionField: union, enumField: kind, fixedField: Data(md5), recordField: tree)
    }

    /// r0, "typical", as the README lists it, except the union: the Python writer chose the
    /// double 1.0 (branch 1) for the README's `true`.
    static let record0 = interop(
        1, 1 << 40, "hello, avro", true, 1.5, 3.25, [0x00, 0x01, 0xfe, 0xff], [1.0, -2.5, 1e10], [("a", "alpha"), ("b", "beta")],
        .double(1), .A, Array(0...15),
        Node(label: "root", children: [Node(label: "child1"), Node(label: "child2", children: [Node(label: "grandchild")])]))

    /// r1, "minimums".
    static let record1 = interop(
        .min, .min, "", false, -0.0, .leastNonzeroMagnitude, [], [], [], .double(2.718281828459045), .C,
        [UInt8](repeating: 0xff, count: 16), Node(label: ""))

    /// r2, "maximums".
    static let record2 = interop(
        .max, .max, "Grüße, 世界 🎉 nul:\u{0000}.", true, .greatestFiniteMagnitude, .greatestFiniteMagnitude, Array(0...255),
        (0..<300).map(Double.init), [("ключ", "значение")], .array([Data(), Data([0x00]), Data("abc".utf8)]), .B,
        hexBytes("d41d8cd98f00b204e9800998ecf8427e"),
        Node(label: "l0", children: [Node(label: "l1", children: [Node(label: "l2", children: [Node(label: "l3", children: [Node(label: "l4")])])])]))

    static func schema() throws -> AvroSchema {
        try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
    }

    @Test(arguments: [(0, InteropCodableTests.record0), (1, InteropCodableTests.record1), (2, InteropCodableTests.record2)])
    func interopRecordDecodesAndReencodesByteForByte(index: Int, expected: OrderedInterop) throws {
        let schema = try Self.schema()
        let bytes = try TestData.bytes("generated/interop-record\(index).bin")
        let decoded = try AvroDecoder(schema: schema).decode(OrderedInterop.self, from: bytes)
        #expect(decoded == expected)
        #expect(decoded.floatField.bitPattern == expected.floatField.bitPattern)   // -0.0 in r1
        #expect(try AvroEncoder(schema: schema).encodeBytes(decoded) == bytes)
        #expect(try AvroEncoder(schema: schema).encode(expected) == Data(bytes))
        #expect(try AvroDecoder(schema: schema).decode(OrderedInterop.self, from: Data(bytes)) == expected)
    }

    /// The same records into a `Dictionary` map field.
    @Test func interopRecordsDecodeIntoADictionaryMap() throws {
        let schema = try Self.schema()
        let decoder = AvroDecoder(schema: schema)
        let r0 = try decoder.decode(Interop<[String: Foo]>.self, from: TestData.bytes("generated/interop-record0.bin"))
        #expect(r0.mapField == ["a": Foo(label: "alpha"), "b": Foo(label: "beta")])
        #expect(r0.recordField == Self.record0.recordField)
        let r2bytes = try TestData.bytes("generated/interop-record2.bin")
        let r2 = try decoder.decode(Interop<[String: Foo]>.self, from: r2bytes)
        #expect(r2.mapField == ["ключ": Foo(label: "значение")])
        #expect(try AvroEncoder(schema: schema).encodeBytes(r2) == r2bytes)
    }

    /// The three records one after another, read with one reader, as from a file's block.
    @Test func interopRecordsDecodeOneAfterAnotherFromOneReader() throws {
        let schema = try Self.schema()
        var all: [UInt8] = []
        for index in 0...2 { all += try TestData.bytes("generated/interop-record\(index).bin") }
        let decoder = AvroDecoder(schema: schema)
        let records = try all.withUnsafeBytes { buffer in
            var reader = AvroBinaryReader(buffer)
            let records = try (0...2).map { _ in try decoder.decode(OrderedInterop.self, from: &reader) }
            #expect(reader.isAtEnd)
            return records
        }
        #expect(records == [Self.record0, Self.record1, Self.record2])
        let encoder = AvroEncoder(schema: schema)
        var buffer: [UInt8] = []
        for record in records { try encoder.encode(record, into: &buffer) }
        #expect(buffer == all)
    }

    /// A type that asks for a few fields only: the rest, the recursive tree included, is skipped.
    struct InteropSummary: Decodable, Equatable {
        var enumField: Kind
        var intField: Int32
        var stringField: String
    }

    @Test func aTypeWithFewerFieldsSkipsTheRest() throws {
        let summary = try AvroDecoder(schema: Self.schema()).decode(InteropSummary.self, from: TestData.bytes("generated/interop-record2.bin"))
        #expect(summary == InteropSummary(enumField: .B, intField: .max, stringField: "Grüße, 世界 🎉 nul:\u{0000}."))
    }
}
