import Foundation

/// Conversions between Foundation's `Decimal` and the unscaled big-endian two's-complement
/// integers of the Avro `decimal` and `big-decimal` logical types.
/// Exact: a value that needs rounding to fit the scale, or more digits than the precision,
/// is an error.
enum DecimalBytes {
    /// The digits and sign of `value` scaled by 10^scale, or an error when that is not whole.
    static func unscaledDigits(_ value: Decimal, scale: Int) throws(AvroError) -> (negative: Bool, digits: [UInt8]) {
        guard value.isFinite else { throw AvroError(.valueOutOfRange, "the Decimal \(value) is not a number") }
        let text = value.description
        let negative = text.hasPrefix("-")
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        var seenPoint = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): continue
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenPoint { fraction.append(byte - 48) } else { integer.append(byte - 48) }
            default: throw AvroError(.valueOutOfRange, "the Decimal \(value) has no plain decimal form")
            }
        }
        while fraction.last == 0 { fraction.removeLast() }
        guard fraction.count <= scale else {
            throw AvroError(.valueOutOfRange, "the Decimal \(value) has \(fraction.count) digits after the point, more than the scale \(scale); round it first")
        }
        var digits = integer + fraction + Array(repeating: 0, count: scale - fraction.count)
        while digits.first == 0 { digits.removeFirst() }
        return (negative && !digits.isEmpty, digits)
    }

    /// The minimal big-endian two's-complement bytes of `value` × 10^scale, checked against
    /// `precision`; sign-extended to `size` bytes when given (fixed).
    static func encode(_ value: Decimal, scale: Int, precision: Int?, size: Int?) throws(AvroError) -> [UInt8] {
        let (negative, digits) = try unscaledDigits(value, scale: scale)
        if let precision, digits.count > precision {
            throw AvroError(.valueOutOfRange, "the Decimal \(value) needs \(digits.count) digits at scale \(scale), more than the precision \(precision)")
        }
        var magnitude: [UInt8] = []   // big-endian bytes of the unsigned value
        for digit in digits {
            var carry = UInt16(digit)
            for index in magnitude.indices.reversed() {
                let product = UInt16(magnitude[index]) * 10 + carry
                magnitude[index] = UInt8(truncatingIfNeeded: product)
                carry = product >> 8
            }
            if carry > 0 { magnitude.insert(UInt8(carry), at: 0) }
        }
        var bytes = [0] + magnitude   // room for the sign bit
        if negative {
            var carry: UInt16 = 1
            for index in bytes.indices.reversed() {
                let sum = UInt16(~bytes[index]) + carry
                bytes[index] = UInt8(truncatingIfNeeded: sum)
                carry = sum >> 8
            }
        }
        // Minimal two's complement: drop a leading byte that only repeats the sign.
        while bytes.count > 1 && ((bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xFF && bytes[1] >= 0x80)) {
            bytes.removeFirst()
        }
        guard let size else { return bytes }
        guard bytes.count <= size else {
            throw AvroError(.valueOutOfRange, "the Decimal \(value) needs \(bytes.count) bytes, more than the fixed size \(size)")
        }
        return Array(repeating: negative ? 0xFF : 0, count: size - bytes.count) + bytes
    }

    /// The most bytes of an unscaled value converted to a `Decimal`: beyond them (2,466 decimal
    /// digits) no value is exact in a `Decimal` except with an absurd scale, and the
    /// conversion's cost grows with the square of the length.
    static let maxUnscaledBytes = 1024
    /// The significant digits a `Decimal` holds exactly (its significand has 128 bits).
    static let maxSignificantDigits = 38

    /// The Decimal whose unscaled value is the big-endian two's-complement `bytes`, scaled
    /// by 10^-scale. Exact: a value with more digits than `precision` (when given), or more
    /// significant digits than a `Decimal` holds, is an error rather than a rounded value.
    static func decode(_ bytes: some Collection<UInt8>, scale: Int, precision: Int?) throws(AvroError) -> Decimal {
        var magnitude = Array(bytes)
        let negative = (magnitude.first ?? 0) >= 0x80
        if negative {   // two's complement negation
            var carry: UInt16 = 1
            for index in magnitude.indices.reversed() {
                let sum = UInt16(~magnitude[index]) + carry
                magnitude[index] = UInt8(truncatingIfNeeded: sum)
                carry = sum >> 8
            }
        }
        let leadingZeros = magnitude.prefix { $0 == 0 }.count
        guard magnitude.count - leadingZeros <= maxUnscaledBytes else {
            throw AvroError(.valueOutOfRange, "the decimal's unscaled value has \(magnitude.count - leadingZeros) bytes, more than the \(maxUnscaledBytes) a Foundation Decimal is read from")
        }
        magnitude.removeFirst(leadingZeros)
        var digits: [UInt8] = []   // little-endian decimal digits
        while magnitude.contains(where: { $0 != 0 }) {
            var remainder: UInt16 = 0
            for index in magnitude.indices {
                let current = remainder << 8 | UInt16(magnitude[index])
                magnitude[index] = UInt8(current / 10)
                remainder = current % 10
            }
            digits.append(UInt8(remainder))
        }
        if let precision, digits.count > precision {
            throw AvroError(.valueOutOfRange, "the decimal has \(digits.count) digits, more than the precision \(precision) of its schema")
        }
        return try exact(negative: negative, digits: digits.reversed(), exponent: -scale)
    }

    /// The Decimal of the text of a decimal number (`-12.50`, `1E+3`), exactly; anything else
    /// in the text, or more significant digits than a `Decimal` holds, is an error.
    static func decode(text: String) throws(AvroError) -> Decimal {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        while let byte = bytes.first, byte == UInt8(ascii: ".") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { break }
                seenPoint = true
            } else {
                digits.append(byte - UInt8(ascii: "0"))
                if seenPoint { fractionDigits += 1 }
            }
        }
        var exponent = 0
        if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            guard let value = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)), abs(value) < 10_000 else {
                throw AvroError(.typeMismatch, "'\(text.prefix(40))' is not a decimal number")
            }
            exponent = value
            bytes = bytes.prefix(0)
        }
        guard !digits.isEmpty, bytes.isEmpty else { throw AvroError(.typeMismatch, "'\(text.prefix(40))' is not a decimal number") }
        return try exact(negative: negative, digits: digits, exponent: exponent - fractionDigits)
    }

    /// The Decimal (-1)^negative × `digits` × 10^exponent, where `digits` are big-endian
    /// decimal digits; an error when a `Decimal` cannot hold it exactly.
    private static func exact(negative: Bool, digits: some Collection<UInt8>, exponent: Int) throws(AvroError) -> Decimal {
        var significant = Array(digits.drop { $0 == 0 })
        var exponent = exponent
        while significant.last == 0 {
            significant.removeLast()
            exponent += 1
        }
        guard !significant.isEmpty else { return 0 }
        guard significant.count <= maxSignificantDigits else {
            throw AvroError(.valueOutOfRange, "the decimal has \(significant.count) significant digits, more than the \(maxSignificantDigits) a Foundation Decimal holds exactly")
        }
        // A Decimal's exponent is a signed byte; a value whose exponent is out of it may
        // still fit with zeros moved into the significand.
        while exponent > Int(Int8.max), significant.count < maxSignificantDigits {
            significant.append(0)
            exponent -= 1
        }
        guard (Int(Int8.min)...Int(Int8.max)).contains(exponent) else {
            throw AvroError(.valueOutOfRange, "the decimal's magnitude, 10^\(exponent + significant.count - 1), is out of a Foundation Decimal's range")
        }
        var significand = Decimal(0)
        for digit in significant { significand = significand * 10 + Decimal(Int(digit)) }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: significand)
    }
}
