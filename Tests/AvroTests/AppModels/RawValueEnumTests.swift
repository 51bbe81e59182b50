import Foundation
import Testing
@testable import Avro

/// Enums with raw values other than `String` are written as their raw value, as their
/// `Codable` conformance writes them; a case is the placeholder derivation needs.
@Suite struct RawValueEnumTests {
    enum Severity: Int, Codable, CaseIterable { case low = 1, medium = 5, high = 9 }
    enum Code: Int32, Codable, CaseIterable { case ok = 200, notFound = 404 }
    enum Bit: UInt8, Codable, CaseIterable { case off = 0, on = 1 }
    enum Ratio: Double, Codable, CaseIterable { case half = 0.5, whole = 1 }

    struct Alert: Codable, Equatable {
        var severity: Severity
        var code: Code
        var bit: Bit
        var ratio: Ratio
        var previous: Severity?
        var history: [Severity]
        var byName: [String: Code]
    }

    @Test func rawValueEnumsDeriveTheirRawType() throws {
        let schema = try AvroSchema(deriving: Alert.self)
        #expect(schema.jsonString() == #"{"type":"record","name":"Alert","fields":[{"name":"severity","type":"long"},{"name":"code","type":"int"},"#
            + #"{"name":"bit","type":"int"},{"name":"ratio","type":"double"},{"name":"previous","type":["null","long"],"default":null},"#
            + #"{"name":"history","type":{"type":"array","items":"long"}},{"name":"byName","type":{"type":"map","values":"int"}}]}"#)
        let alert = Alert(severity: .high, code: .notFound, bit: .on, ratio: .half, previous: .low, history: [.low, .medium], byName: ["a": .ok])
        let bytes = try AvroEncoder().encodeBytes(alert)
        let expected = try AvroValue.record([("severity", .long(9)), ("code", .int(404)), ("bit", .int(1)), ("ratio", .double(0.5)),
                                             ("previous", .union(branch: 1, value: .long(1))), ("history", [.long(1), .long(5)]),
                                             ("byName", .map([(key: "a", value: .int(200))]))]).encoded(as: schema)
        #expect(bytes == expected)
        #expect(try AvroDecoder().decode(Alert.self, from: bytes) == alert)
    }

    @Test func aRawValueWithNoCaseIsAnError() throws {
        struct One: Codable { var severity: Severity }
        struct Raw: Codable { var severity: Int }
        let bytes = try AvroEncoder().encodeBytes(Raw(severity: 7))
        #expect(throws: DecodingError.self) { _ = try AvroDecoder().decode(One.self, from: bytes) }
    }

    @Test func withoutCaseIterableTheErrorSaysWhatToAdd() throws {
        enum Level: Int, Codable { case low = 1, high = 9 }
        struct Holder: Codable { var level: Level }
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Holder.self) }
        #expect(error?.message.contains("conform it to CaseIterable") == true)
    }
}
