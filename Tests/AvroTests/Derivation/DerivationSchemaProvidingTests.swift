import Foundation
import Testing
@testable import Avro

/// Types that give their own schema (``AvroSchemaProviding``): the way out for types whose
/// `init(from:)` validates values.
@Suite struct DerivationSchemaProvidingTests {
    /// Rejects derivation's placeholder (0) and gives no schema.
    struct RawTemperature: Codable {
        var kelvin: Double

        init(from decoder: any Decoder) throws {
            kelvin = try decoder.singleValueContainer().decode(Double.self)
            guard kelvin > 0 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not above absolute zero")) }
        }
    }

    struct RawReading: Codable { var temperature: RawTemperature }

    /// Gives its schema but no placeholder, and rejects the simplest value of its schema.
    struct StrictTemperature: Codable, Equatable, AvroSchemaProviding {
        var kelvin: Double
        static var avroSchema: AvroSchema { .double }

        init(kelvin: Double) { self.kelvin = kelvin }

        init(from decoder: any Decoder) throws {
            kelvin = try decoder.singleValueContainer().decode(Double.self)
            guard kelvin > 0 else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not above absolute zero")) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(kelvin)
        }
    }

    struct StrictReading: Codable { var temperature: StrictTemperature }

    struct OptionalStrictReading: Codable, Equatable {
        var temperature: StrictTemperature?
        var history: [StrictTemperature]
    }

    /// A derived record whose name, `geo.Point`, is the one `Gallery.Point` gives.
    struct OtherPoint: Codable, AvroCustomizing {
        var lat: Double
        static var avroName: String? { "Point" }
        static var avroNamespace: String? { "geo" }
    }

    struct Clash: Codable {
        var a: Gallery.Point
        var b: OtherPoint
    }

    @Test func withoutAvroSchemaProvidingTheRejectedPlaceholderIsExplained() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: RawTemperature.self) }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("RawTemperature's init(from:) rejected the placeholder values"), "\(message)")
        #expect(message.contains("conform RawTemperature to AvroSchemaProviding"), "\(message)")
        #expect(message.contains("not above absolute zero"), "\(message)")

        let fieldError = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: RawReading.self) }
        #expect(fieldError?.path == "RawReading.temperature")
        #expect(fieldError?.message.contains("conform RawTemperature to AvroSchemaProviding") == true)
    }

    @Test func withAvroSchemaProvidingAndAPlaceholderItWorks() throws {
        #expect(try AvroSchema(deriving: Gallery.Temperature.self) == .double)
        let reading = Gallery.Reading(place: "Lab", temperature: Gallery.Temperature(kelvin: 4.2), low: nil, history: [])
        let bytes = try AvroEncoder().encodeBytes(reading)
        #expect(hexString(bytes) == "064c6162cdcccccccccc1040" + "00" + "00")
        #expect(try AvroDecoder().decode(Gallery.Reading.self, from: bytes) == reading)
        // The real decoder still runs the type's checks.
        let frozen = hexBytes("064c6162 0000000000000000 00 00")
        #expect(throws: DecodingError.self) { try AvroDecoder().decode(Gallery.Reading.self, from: frozen) }
    }

    @Test func aTypeWithoutAPlaceholderDerivesAloneButNotAsAField() throws {
        #expect(try AvroSchema(deriving: StrictTemperature.self) == .double)
        #expect(try AvroDecoder().decode(StrictTemperature.self, from: AvroEncoder().encodeBytes(StrictTemperature(kelvin: 3))) == StrictTemperature(kelvin: 3))

        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: StrictReading.self) }
        #expect(error?.path == "StrictReading.temperature")
        let message = error?.message ?? ""
        #expect(message.contains("StrictTemperature's init(from:) rejected the simplest value of its own schema"), "\(message)")
        #expect(message.contains("StrictTemperature.avroPlaceholder"), "\(message)")

        // Optionals and arrays need no value of it.
        let schema = try AvroSchema(deriving: OptionalStrictReading.self)
        #expect(schema.jsonString() == #"{"type":"record","name":"OptionalStrictReading","fields":[{"name":"temperature","type":["null","double"],"default":null},{"name":"history","type":{"type":"array","items":"double"}}]}"#)
    }

    @Test func aGivenNameThatADerivedTypeAlsoTakesIsAnError() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Clash.self) }
        let message = error?.message ?? ""
        #expect(message.contains("Point") && message.contains("OtherPoint") && message.contains("'geo.Point'"), "\(message)")
        #expect(error?.path == "Clash.b")
    }
}
