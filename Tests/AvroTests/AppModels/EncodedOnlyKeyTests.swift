import Foundation
import Testing
@testable import Avro

/// A key that `encode(to:)` writes is never dropped: derivation makes keys that `init(from:)`
/// does not read into fields, and every encoder, with a derived schema or a given one, throws
/// for a key its schema has no field for unless the type excludes it on purpose.
@Suite struct EncodedOnlyKeyTests {
    /// Synthesized `init(from:)` does not decode a `let` with an initial value; `encode(to:)` writes it.
    struct Envelope: Codable, Equatable {
        let version = 2
        var body: String
        var note: String?
    }

    /// A custom `encode(to:)` that writes a computed key after the stored ones.
    struct Line: Codable, Equatable {
        var quantity: Int32
        var unitPrice: Double
        enum CodingKeys: String, CodingKey { case quantity, unitPrice, total, checked }
        init(quantity: Int32, unitPrice: Double) { (self.quantity, self.unitPrice) = (quantity, unitPrice) }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            quantity = try container.decode(Int32.self, forKey: .quantity)
            unitPrice = try container.decode(Double.self, forKey: .unitPrice)
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(quantity, forKey: .quantity)
            try container.encode(unitPrice, forKey: .unitPrice)
            try container.encode(Double(quantity) * unitPrice, forKey: .total)
            try container.encodeIfPresent(nil as Bool?, forKey: .checked)
        }
    }

    @Test func encodedOnlyKeysBecomeFieldsInEncodeOrder() throws {
        let envelope = try AvroSchema(deriving: Envelope.self)
        #expect(envelope.jsonString() == #"{"type":"record","name":"Envelope","fields":[{"name":"version","type":"long"},{"name":"body","type":"string"},{"name":"note","type":["null","string"],"default":null}]}"#)
        let bytes = try AvroEncoder().encodeBytes(Envelope(body: "hi"))
        // version 2 (zig-zag 04), "hi", null branch.
        #expect(hexString(bytes) == "0404686900")
        #expect(try AvroDecoder().decode(Envelope.self, from: bytes) == Envelope(body: "hi"))
        let line = try AvroSchema(deriving: Line.self)
        #expect(line.jsonString() == #"{"type":"record","name":"Line","fields":[{"name":"quantity","type":"int"},{"name":"unitPrice","type":"double"},{"name":"total","type":"double"},{"name":"checked","type":["null","boolean"],"default":null}]}"#)
        let lineBytes = try AvroEncoder().encodeBytes(Line(quantity: 3, unitPrice: 0.5))
        let value = try AvroValue(decoding: lineBytes, as: line)
        #expect(value["total"] == .double(1.5))
        #expect(try AvroDecoder().decode(Line.self, from: lineBytes) == Line(quantity: 3, unitPrice: 0.5))
    }

    /// The same rule with a derived schema and a given one: a key with no field is an error.
    @Test func aKeyWithNoFieldIsAnErrorWhateverTheSchema() throws {
        struct Old: Codable { var body: String }
        struct New: Codable { var body: String; var extra: Int }
        let schema = try AvroSchema(deriving: Old.self)
        let error = expectEncodingError(.typeMismatch, at: ["extra"]) { _ = try AvroEncoder(schema: schema).encodeBytes(New(body: "b", extra: 1)) }
        #expect(error?.message.contains("avroExcludedFields") == true)
    }

    /// Excluded keys are left out on purpose, with a derived or a given schema.
    struct Cached: Codable, Equatable, AvroCustomizing {
        var id: Int
        var cache: String = ""
        static let avroExcludedFields: Set<String> = ["cache"]
        enum CodingKeys: String, CodingKey { case id, cache }
        init(id: Int, cache: String) { (self.id, self.cache) = (id, cache) }
        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .id)
        }
    }

    @Test func excludedKeysAreLeftOutWithEitherSchema() throws {
        let derived = try AvroSchema(deriving: Cached.self)
        #expect(derived.jsonString() == #"{"type":"record","name":"Cached","fields":[{"name":"id","type":"long"}]}"#)
        #expect(try AvroEncoder().encodeBytes(Cached(id: 1, cache: "x")) == [2])
        #expect(try AvroEncoder(schema: derived).encodeBytes(Cached(id: 1, cache: "x")) == [2])
    }

    /// A key written only through a nested container cannot be typed: a clear error.
    @Test func anUntypedEncodedOnlyKeyIsAnError() throws {
        struct Odd: Codable {
            var a: Int
            enum CodingKeys: String, CodingKey { case a, b }
            init(from decoder: any Decoder) throws { a = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .a) }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(a, forKey: .a)
                var nested = container.nestedUnkeyedContainer(forKey: .b)
                try nested.encode(1)
            }
        }
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Odd.self) }
        #expect(error?.path == "Odd.b")
    }
}
