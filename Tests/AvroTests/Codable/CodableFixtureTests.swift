// The fixtures under Tests/AvroTests/Fixtures/codable were written by fastavro, the reference
// implementation, from the schemas and JSON-described values in the script:
//
//     pip install fastavro==1.13.1
//     python3 Tests/AvroTests/Fixtures/codable/make_codable_fixtures.py
//
// Each case is <case>.avsc and one <case>.<index>.bin per value, in the script's order.
import Foundation
import Testing
@testable import Avro

/// Hand-written Codable values encode to exactly the bytes fastavro wrote for the same
/// schema and value, and decode back to the same value.
@Suite struct CodableFixtureTests {
    static func schema(_ name: String) throws -> AvroSchema {
        try AvroSchema(parsing: String(contentsOf: TestData.fixture("codable/\(name).avsc"), encoding: .utf8))
    }

    static func bytes(_ name: String, _ index: Int) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestData.fixture("codable/\(name).\(index).bin")))
    }

    /// Checks every value of case `name`: the case has exactly `values.count` fixtures, each
    /// value encodes to its fixture's bytes, and each fixture decodes to its value.
    func check<T: Codable & Equatable>(_ name: String, _ values: [T], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try Self.schema(name)
        let encoder = AvroEncoder(schema: schema)
        let decoder = AvroDecoder(schema: schema)
        for (index, value) in values.enumerated() {
            let expected = try Self.bytes(name, index)
            #expect(try hexString(encoder.encodeBytes(value)) == hexString(expected), "\(name).\(index)", sourceLocation: sourceLocation)
            #expect(try decoder.decode(T.self, from: expected) == value, "\(name).\(index)", sourceLocation: sourceLocation)
        }
        let extra = TestData.fixture("codable/\(name).\(values.count).bin")
        #expect(!FileManager.default.fileExists(atPath: extra.path), "\(name) has more fixtures than values", sourceLocation: sourceLocation)
    }

    // MARK: - Primitives

    @Test func null() throws {
        try check("null", [Int?.none])
    }

    @Test func boolean() throws {
        try check("boolean", [true, false])
    }

    @Test func int() throws {
        let values: [Int32] = [0, -1, 1, 63, -64, 64, 8191, -8192, .max, .min]
        try check("int", values)
        try check("int", values.map(Int.init))
        try check("int", values.map(Int64.init))
    }

    @Test func long() throws {
        let values: [Int64] = [0, -1, 1 << 32, 9_007_199_254_740_993, .max, .min]
        try check("long", values)
        try check("long", values.map(Int.init))
    }

    @Test func unsignedIntegersThatFit() throws {
        let long = AvroEncoder(schema: try Self.schema("long"))
        #expect(try long.encodeBytes(UInt64(1) << 32) == Self.bytes("long", 2))
        #expect(try long.encodeBytes(UInt(Int64.max)) == Self.bytes("long", 4))
        #expect(try AvroDecoder(schema: Self.schema("long")).decode(UInt64.self, from: Self.bytes("long", 4)) == UInt64(Int64.max))
        #expect(try AvroEncoder(schema: Self.schema("int")).encodeBytes(UInt16(8191)) == Self.bytes("int", 6))
    }

    /// Floats are compared by bit pattern: NaN is not equal to itself.
    @Test func floatAndDouble() throws {
        let floats: [Float] = [0, -0.0, 1.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, .nan]
        let doubles: [Double] = [0, -0.0, 0.1, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity, .nan]
        let floatSchema = try Self.schema("float")
        let doubleSchema = try Self.schema("double")
        for (index, value) in floats.enumerated() {
            let expected = try Self.bytes("float", index)
            #expect(try AvroEncoder(schema: floatSchema).encodeBytes(value) == expected)
            #expect(try AvroDecoder(schema: floatSchema).decode(Float.self, from: expected).bitPattern == value.bitPattern)
        }
        for (index, value) in doubles.enumerated() {
            let expected = try Self.bytes("double", index)
            #expect(try AvroEncoder(schema: doubleSchema).encodeBytes(value) == expected)
            #expect(try AvroDecoder(schema: doubleSchema).decode(Double.self, from: expected).bitPattern == value.bitPattern)
        }
    }

    @Test func bytesAsDataAndArray() throws {
        try check("bytes", [Data(), Data([0x00, 0xff, 0x80])])
        try check("bytes", [[], [0x00, 0xff, 0x80] as [UInt8]])
    }

    @Test func string() throws {
        try check("string", ["", "hello", "Grüße, 世界 🎉 nul:\u{0}."])
    }

    // MARK: - Logical types

    static let decimals = ["3.1415", "-3.1415", "0", "0.0001", "-9.9999"].compactMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }

    @Test func decimalOnBytesAndFixed() throws {
        try #require(Self.decimals.count == 5)
        try check("decimal-bytes", Self.decimals)
        try check("decimal-fixed", Self.decimals)
    }

    @Test func date() throws {
        let days: [Double] = [10_957, 0, -1, -354_285, 2_932_896]
        try check("date", days.map { Date(timeIntervalSince1970: $0 * 86_400) })
    }

    @Test func timeOfDayAsIntegers() throws {
        try check("time-millis", [Int32(86_399_999), 0])
        try check("time-micros", [Int64(86_399_999_999), 1])
    }

    @Test func timestampMillis() throws {
        let seconds: [Double] = [-30_610_223_999.999, 253_402_300_799.999, 0, -0.001, 1_709_210_096.789]
        try check("timestamp-millis", seconds.map(Date.init(timeIntervalSince1970:)))
        try check("local-timestamp-millis", [seconds[0], seconds[1]].map(Date.init(timeIntervalSince1970:)))
    }

    @Test func timestampMicros() throws {
        let seconds: [Double] = [-30_610_223_999.75, 253_402_300_799.5, -0.000001, 1_709_210_096.789012]
        try check("timestamp-micros", seconds.map(Date.init(timeIntervalSince1970:)))
        try check("local-timestamp-micros", [seconds[0], seconds[3]].map(Date.init(timeIntervalSince1970:)))
    }

    @Test func timestampNanos() throws {   // the int64 range is 1677-09-21 … 2262-04-11
        let seconds: [Double] = [-9_223_286_400, 9_223_286_400, -0.5, 1_709_210_096.25]
        try check("timestamp-nanos", seconds.map(Date.init(timeIntervalSince1970:)))
        try check("local-timestamp-nanos", [Date(timeIntervalSince1970: seconds[3])])
    }

    static let uuid = UUID(uuid: (0xb9, 0xf7, 0xa0, 0xf4, 0x7b, 0x9e, 0x4a, 0x4e, 0x9d, 0x6c, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab))

    @Test func uuidOnStringAndFixed() throws {
        try check("uuid-string", [Self.uuid])
        try check("uuid-fixed", [Self.uuid])
    }

    @Test func duration() throws {
        try check("duration", [AvroDuration(months: 1, days: 2, milliseconds: 3),
                               AvroDuration(months: .max, days: 0, milliseconds: 86_400_000)])
    }

    // MARK: - Complex types

    enum Suit: String, Codable, Equatable {
        case hearts = "HEARTS", spades = "SPADES", clubs = "CLUBS", diamonds = "DIAMONDS"
    }

    struct Point: Codable, Equatable {
        var x: Int32
        var y: Int32
    }

    @Test func enumAndFixed() throws {
        try check("enum", [Suit.hearts, .diamonds])
        try check("fixed", [Data([0xde, 0xad, 0xbe, 0xef])])
        try check("fixed", [[0xde, 0xad, 0xbe, 0xef] as [UInt8]])
    }

    @Test func arrays() throws {
        try check("array-long", [[], [1, -2, 3_000_000_000] as [Int64]])
        try check("array-record", [[Point(x: 1, y: 2), Point(x: -3, y: 4)]])
    }

    /// Maps of at most one entry: a Swift dictionary's order is not the fixture's.
    @Test func maps() throws {
        try check("map-long", [[:], ["one": 1] as [String: Int64]])
        try check("map-array", [["k": ["a", "b"]]])
    }

    struct Person: Codable, Equatable {
        struct Address: Codable, Equatable {
            var street: String
            var zip: Int32
        }
        var name: String
        var age: Int32
        var address: Address
        var tags: [String]
        var scores: [String: Double]
        var nickname: String?
        var suit: Suit
    }

    @Test func nestedRecord() throws {
        try check("nested-record", [
            Person(name: "Alice", age: 30, address: .init(street: "Main St", zip: 12_345), tags: ["a", "b"],
                   scores: ["math": 1.5], nickname: nil, suit: .spades),
            Person(name: "", age: -1, address: .init(street: "", zip: 0), tags: [], scores: [:], nickname: "Al", suit: .clubs),
        ])
    }

    @Test func optionalUnionsWithNullFirstAndLast() throws {
        try check("union-null-first", [nil, "x"] as [String?])
        try check("union-null-last", ["x", nil] as [String?])
    }

    /// A union of several branches as a Swift enum whose cases are named after the branches.
    enum Multi: Codable, Equatable {
        case long(Int64)
        case string(String)
        case point(Point)
        case array([Int32])
    }

    @Test func multiBranchUnionAsEnum() throws {
        try check("union-multi", [nil, .long(-5), .string("five"), .point(Point(x: 5, y: -5)), .array([5])] as [Multi?])
    }

    struct Optionals: Codable, Equatable {
        var a: Int64?
        var b: String?
        var c: Point?
        var d: Double
    }

    @Test func recordOfOptionals() throws {
        try check("record-of-optionals", [
            Optionals(a: nil, b: nil, c: nil, d: 1),
            Optionals(a: 7, b: "bee", c: Point(x: 1, y: 2), d: -1),
        ])
    }

    final class LongList: Codable, Equatable {
        let value: Int64
        let next: LongList?

        init(_ value: Int64, _ next: LongList? = nil) {
            self.value = value
            self.next = next
        }

        static func == (lhs: LongList, rhs: LongList) -> Bool { lhs.value == rhs.value && lhs.next == rhs.next }
    }

    @Test func recursiveLinkedList() throws {
        try check("linked-list", [LongList(1, LongList(2, LongList(3)))])
    }
}
