import Foundation
import Testing
@testable import Avro

/// Types that cannot be derived: the error names the type, the field and the fix.
@Suite struct DerivationErrorTests {
    struct BadDefault: Codable, AvroCustomizing {
        var name: String
        var count: Int
        static var avroFields: [String: AvroFieldOptions] { ["count": .init(defaultValue: "many")] }
    }

    enum Outer1 { struct Inner: Codable { var a: Int } }
    enum Outer2 { struct Inner: Codable { var b: String } }
    struct TwoInners: Codable {
        var first: Outer1.Inner
        var second: Outer2.Inner
    }

    struct UntypedPayload: Codable {
        var id: Int
        var payload: AvroValue
    }

    /// Synthesized `CodingKeys` of an enum with associated values are not `CaseIterable`.
    enum Event: Codable {
        case click(x: Int, y: Int)
        case key(String)
    }

    struct Log: Codable { var event: Event }

    /// A Swift enum with `String` raw values that is neither `CaseIterable` nor `AvroEnum`.
    enum Mood: String, Codable { case happy, sad }

    struct WrongOption: Codable, AvroCustomizing {
        var count: Int
        static var avroFields: [String: AvroFieldOptions] { ["count": .init(logicalType: .uuid)] }
    }

    /// A recursive enum whose only other case rejects derivation's placeholder, so no value
    /// of it can be made for the recursive case.
    indirect enum Countdown: Decodable {
        case tick(Countdown)
        case done(Int)
        enum CodingKeys: CodingKey, CaseIterable { case tick, done }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            switch container.allKeys.first {
            case .tick?: self = .tick(try container.decode(Countdown.self, forKey: .tick))
            case .done?:
                let count = try container.decode(Int.self, forKey: .done)
                guard count > 0 else { throw DecodingError.dataCorruptedError(forKey: .done, in: container, debugDescription: "not positive") }
                self = .done(count)
            case nil: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no case"))
            }
        }
    }

    struct OnlyEncodable: Encodable { var x: Int }

    @Test func anInvalidDefaultNamesTheFieldAndTheFix() throws {
        let error = expectAvroError(.invalidDefault) { _ = try AvroSchema(deriving: BadDefault.self) }
        #expect(error?.path == "BadDefault.count")
        #expect(error?.message.contains(#""many""#) == true, "\(String(describing: error))")
        #expect(error?.message.contains("long") == true, "\(String(describing: error))")
        #expect(error?.message.contains("AvroFieldOptions(defaultValue:)") == true, "\(String(describing: error))")
    }

    @Test func twoTypesWithOneNameNameBothAndTheFix() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: TwoInners.self) }
        let message = error?.message ?? ""
        #expect(message.contains("Outer1.Inner") && message.contains("Outer2.Inner"), "\(message)")
        #expect(message.contains("'Inner'") && message.contains("AvroCustomizing.avroName"), "\(message)")
        #expect(error?.path == "TwoInners.second")
    }

    @Test func anAvroValueFieldNeedsItsSchema() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: UntypedPayload.self) }
        #expect(error?.path == "UntypedPayload.payload")
        #expect(error?.message.contains("AvroFieldOptions(schema:)") == true, "\(String(describing: error))")
    }

    @Test func anEnumWithAssociatedValuesNeedsCaseIterableKeys() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Log.self) }
        #expect(error?.path == "Log.event")
        let message = error?.message ?? ""
        #expect(message.contains("Event's init(from:)"), "\(message)")
        #expect(message.contains("enum CodingKeys: CodingKey, CaseIterable {") && message.contains("AvroSchemaProviding"), "\(message)")
    }

    @Test func aStringEnumThatIsNotCaseIterableSaysHowToFixIt() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Mood.self) }
        let message = error?.message ?? ""
        #expect(message.contains("Mood's init(from:)") && message.contains("CaseIterable") && message.contains("AvroEnum"), "\(message)")
    }

    @Test func fieldOptionsForAnotherTypeAreRejected() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: WrongOption.self) }
        #expect(error?.path == "WrongOption.count")
        #expect(error?.message.contains("logical type uuid") == true && error?.message.contains("long") == true, "\(String(describing: error))")
    }

    @Test func aRecursiveEnumWithoutAUsableBaseCaseIsExplained() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Countdown.self) }
        #expect(error?.message == "the case 'tick' of Countdown needs a value of Countdown before any other case has given one; conform Countdown to AvroSchemaProviding")
    }

    @Test func anEncodableOnlyTypeNeedsASchema() throws {
        // The Codable entry points throw EncodingError with the AvroError inside.
        var thrown: (any Error)?
        do { _ = try AvroEncoder().encodeBytes(OnlyEncodable(x: 1)) } catch { thrown = error }
        guard case EncodingError.invalidValue(_, let context)? = thrown else {
            Issue.record("expected EncodingError.invalidValue, got \(String(describing: thrown))")
            return
        }
        let avroError = context.underlyingError as? AvroError
        #expect(avroError?.code == .unsupported)
        let message = avroError?.message ?? ""
        #expect(message.contains("OnlyEncodable is only Encodable") && message.contains("pass a schema to the encoder"), "\(message)")
        #expect(try AvroEncoder(schema: .record(.init(name: AvroName(name: "E"), fields: [.init(name: "x", type: .long)])))
            .encodeBytes(OnlyEncodable(x: 1)) == [0x02])
    }

    @Test func aUInt64AboveInt64MaxDoesNotFitTheDerivedLong() throws {
        struct Counter: Codable { var hits: UInt64 }
        let error = expectEncodingError(.valueOutOfRange, at: ["hits"]) { _ = try AvroEncoder().encodeBytes(Counter(hits: .max)) }
        #expect(error?.message.contains("18446744073709551615") == true, "\(String(describing: error))")
        #expect(try AvroEncoder().encodeBytes(Counter(hits: UInt64(Int64.max))) == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }
}
