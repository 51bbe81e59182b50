import Foundation
import Testing
@testable import Avro

/// Dictionaries whose keys are not `String` are Avro maps keyed by each key's string form,
/// as `JSONEncoder` writes them as objects: never an empty record, never zero bytes.
@Suite struct MapKeyTests {
    enum Color: String, Codable { case red, green }
    enum Level: Int, Codable { case low = 1, high = 9 }
    enum Side: String, Codable, CodingKeyRepresentable { case left, right }
    struct Point: Codable, Hashable { var x: Int }

    struct Keys: Codable, Equatable {
        var byInt: [Int: String]
        var byInt32: [Int32: Double]
        var byUInt8: [UInt8: Bool]
        var byUUID: [UUID: Int]
        var byColor: [Color: [String]]
        var byLevel: [Level: String]
        var bySide: [Side: Int]
        var byDouble: [Double: String]
        var byBool: [Bool: Int]
        var optional: [Int: Int]?
    }

    static let uuid = UUID(uuidString: "0E5CB5A4-9B4B-4E5C-8F5F-6A1D6F7C1B2A")!
    static let sample = Keys(byInt: [1: "one", -20: "minus twenty"], byInt32: [7: 0.5], byUInt8: [255: true], byUUID: [uuid: 3],
                             byColor: [.red: ["r"], .green: []], byLevel: [.high: "h"], bySide: [.left: 1], byDouble: [0.1: "tenth", -2: "m"],
                             byBool: [true: 1, false: 0], optional: [5: 6])

    @Test func nonStringKeysDeriveMapsAndRoundTrip() throws {
        let schema = try AvroSchema(deriving: Keys.self)
        guard case .record(let record) = schema.kind else { Issue.record("not a record"); return }
        for field in record.fields.dropLast() {
            guard case .map = field.type.kind else { Issue.record("\(field.name) derives \(field.type.jsonString())"); continue }
        }
        for value in [Self.sample, Keys(byInt: [:], byInt32: [:], byUInt8: [:], byUUID: [:], byColor: [:], byLevel: [:], bySide: [:], byDouble: [:], byBool: [:])] {
            #expect(try AvroDecoder().decode(Keys.self, from: AvroEncoder().encodeBytes(value)) == value)
        }
    }

    /// The keys are written as their string forms: exactly the bytes of the string-keyed map.
    @Test func keysAreWrittenAsTheirStringForm() throws {
        struct ByInt: Codable { var m: [Int: String] }
        struct ByString: Codable { var m: [String: String] }
        struct ByUUID: Codable { var m: [UUID: Int] }
        struct ByUUIDString: Codable { var m: [String: Int] }
        struct ByLevel: Codable { var m: [Level: Int] }
        #expect(try AvroEncoder().encodeBytes(ByInt(m: [-20: "x"])) == AvroEncoder().encodeBytes(ByString(m: ["-20": "x"])))
        #expect(try AvroEncoder().encodeBytes(ByUUID(m: [Self.uuid: 1])) == AvroEncoder().encodeBytes(ByUUIDString(m: ["0E5CB5A4-9B4B-4E5C-8F5F-6A1D6F7C1B2A": 1])))
        #expect(try AvroEncoder().encodeBytes(ByLevel(m: [.high: 1])) == AvroEncoder().encodeBytes(ByUUIDString(m: ["9": 1])))
        // Read back from keys written by another writer (lower-case UUIDs too).
        let lower = try AvroEncoder().encodeBytes(ByUUIDString(m: ["0e5cb5a4-9b4b-4e5c-8f5f-6a1d6f7c1b2a": 1]))
        #expect(try AvroDecoder().decode(ByUUID.self, from: lower).m == [Self.uuid: 1])
    }

    @Test func aKeyThatDoesNotParseIsAnErrorNamingIt() throws {
        struct ByInt: Codable { var m: [Int: String] }
        struct ByString: Codable { var m: [String: String] }
        struct ByColor: Codable { var m: [Color: Int] }
        struct ByStringInt: Codable { var m: [String: Int] }
        let bytes = try AvroEncoder().encodeBytes(ByString(m: ["12x": "a"]))
        let error = expectDecodingError(.typeMismatch, at: ["m", "12x"]) { _ = try AvroDecoder().decode(ByInt.self, from: bytes) }
        #expect(error?.message.contains("'12x' is not the string form of a Int") == true)
        expectDecodingError(.typeMismatch, at: ["m", "blue"]) { _ = try AvroDecoder().decode(ByColor.self, from: AvroEncoder().encodeBytes(ByStringInt(m: ["blue": 1]))) }
        // Two keys that parse to one ("1" and "01") would lose an entry: an error.
        let twice = try AvroEncoder().encodeBytes(ByString(m: ["1": "a", "01": "b"]))
        expectDecodingError(.typeMismatch) { _ = try AvroDecoder().decode(ByInt.self, from: twice) }
    }

    @Test func keysWithNoStringFormAreRefusedNotDropped() throws {
        struct ByPoint: Codable { var m: [Point: Int] }
        let error = expectAvroError(.unsupported) { _ = try AvroSchema(deriving: ByPoint.self) }
        #expect(error?.message.contains("dictionary keys of type Point") == true)
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"ByPoint","fields":[{"name":"m","type":{"type":"map","values":"long"}}]}"#)
        expectEncodingError(.unsupported, at: ["m"]) { _ = try AvroEncoder(schema: schema).encodeBytes(ByPoint(m: [Point(x: 1): 2])) }
    }

    /// Two keys whose string forms are equal cannot both be written.
    @Test func keysWithTheSameStringFormAreAnError() throws {
        struct Twin: Codable, Hashable, CodingKeyRepresentable {
            var id: Int
            var codingKey: any CodingKey { AvroCodingKey(stringValue: "same") }
            init?<T: CodingKey>(codingKey: T) { nil }
            init(id: Int) { self.id = id }
        }
        struct ByTwin: Codable { var m: [Twin: Int] }
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"ByTwin","fields":[{"name":"m","type":{"type":"map","values":"long"}}]}"#)
        expectEncodingError(.typeMismatch, at: ["m", "same"]) { _ = try AvroEncoder(schema: schema).encodeBytes(ByTwin(m: [Twin(id: 1): 1, Twin(id: 2): 2])) }
    }
}
