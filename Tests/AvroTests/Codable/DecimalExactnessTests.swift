import Foundation
import Testing
@testable import Avro

/// A `Decimal` is read exactly or not at all: more digits than the schema's precision, more
/// significant digits than a `Decimal` holds, a magnitude out of its range, or text that is
/// not a whole decimal number, are errors, never a rounded or truncated value. Huge unscaled
/// values and scales are refused without a long computation.
struct DecimalExactnessTests {
    static let bytesSchema = #"{"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 10}"#
    static let bigSchema = #"{"type": "bytes", "logicalType": "big-decimal"}"#

    /// The unscaled value `text` (an integer a `Decimal` holds exactly) as two's-complement bytes.
    static func unscaled(_ text: String) throws -> [UInt8] {
        let value = try #require(Decimal(string: text))
        return try DecimalBytes.encode(value, scale: 0, precision: nil, size: nil)
    }

    static func decimal(_ bytes: [UInt8], _ schema: String) throws -> Decimal {
        let encoded = try AvroValue.bytes(bytes).encoded(as: AvroSchema(parsing: #"{"type": "bytes"}"#))
        return try AvroDecoder(schema: AvroSchema(parsing: schema)).decode(Decimal.self, from: encoded)
    }

    /// The big-decimal encoding: the unscaled bytes, then the scale as an int.
    static func big(_ unscaled: [UInt8], scale: Int32) throws -> [UInt8] {
        var inner = AvroBinaryWriter()
        inner.writeBytes(unscaled)
        inner.writeInt(scale)
        return inner.bytes
    }

    @Test func valuesWithinPrecisionAreExact() throws {
        let digits = "12345678901234567890123456789012345678"   // 38 digits
        #expect(try Self.decimal(Self.unscaled(digits), Self.bytesSchema) == Decimal(string: "1234567890123456789012345678.9012345678"))
        #expect(try Self.decimal(Self.unscaled("-" + digits), Self.bytesSchema) == Decimal(string: "-1234567890123456789012345678.9012345678"))
        #expect(try Self.decimal(Self.unscaled("0"), Self.bytesSchema) == 0)
    }

    @Test func moreDigitsThanThePrecisionAreRefused() throws {
        // 2^143 - 1, 44 digits: a Decimal cannot even hold them; before, they were read rounded.
        let unscaled: [UInt8] = [0x7F] + Array(repeating: 0xFF, count: 17)
        let error = expectDecodingError(.valueOutOfRange) { _ = try Self.decimal(unscaled, Self.bytesSchema) }
        #expect(error?.message == "the decimal has 44 digits, more than the precision 38 of its schema")
    }

    @Test func bigDecimalsAreExactOrRefused() throws {
        // One significant digit and 45 zeros is exact; 2^151 - 1, 46 significant digits, is not.
        let power = try Self.big(Self.unscaled("1" + String(repeating: "0", count: 45)), scale: 2)
        #expect(try Self.decimal(power, Self.bigSchema) == Decimal(sign: .plus, exponent: 43, significand: 1))
        let long = try Self.big([0x7F] + Array(repeating: 0xFF, count: 18), scale: 2)
        let error = expectDecodingError(.valueOutOfRange) { _ = try Self.decimal(long, Self.bigSchema) }
        #expect(error?.message == "the decimal has 46 significant digits, more than the 38 a Foundation Decimal holds exactly")
        // A scale of two billion: refused at once, not a loop over two billion zeros.
        let tiny = try Self.big([1], scale: 2_000_000_000)
        let error2 = expectDecodingError(.valueOutOfRange) { _ = try Self.decimal(tiny, Self.bigSchema) }
        #expect(error2?.message.contains("out of a Foundation Decimal's range") == true)
        // An unscaled value of 100,000 bytes: refused before any arithmetic.
        let huge = try Self.big([0x7F] + Array(repeating: 0xFF, count: 99_999), scale: 0)
        let error3 = expectDecodingError(.valueOutOfRange) { _ = try Self.decimal(huge, Self.bigSchema) }
        #expect(error3?.message == "the decimal's unscaled value has 100000 bytes, more than the 1024 a Foundation Decimal is read from")
    }

    @Test func decimalTextIsWholeAndExact() throws {
        func read(_ text: String) throws -> Decimal {
            try AvroDecoder(schema: AvroSchema(parsing: #""string""#)).decode(Decimal.self, from: AvroValue.string(text).encoded(as: AvroSchema(parsing: #""string""#)))
        }
        #expect(try read("-12.50") == Decimal(string: "-12.5"))
        #expect(try read("1.5E3") == 1500)
        #expect(try read("+0.001e-2") == Decimal(string: "0.00001"))
        for bad in ["12abc", "", "-", "1.2.3", "e5", "1e", ". "] {
            expectDecodingError(.typeMismatch) { _ = try read(bad) }
        }
        expectDecodingError(.valueOutOfRange) { _ = try read(String(repeating: "9", count: 40)) }
    }
}
