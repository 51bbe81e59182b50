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

    /// The Decimal whose unscaled value is the big-endian two's-complement `bytes`.
    static func decode(_ bytes: some Collection<UInt8>, scale: Int) throws(AvroError) -> Decimal {
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
        guard digits.count <= 40 + scale else {
            throw AvroError(.valueOutOfRange, "the decimal has \(digits.count) digits, more than a Foundation Decimal holds")
        }
        while digits.count <= scale { digits.append(0) }
        var text = negative ? "-" : ""
        for (position, digit) in digits.enumerated().reversed() {
            text.append(Character(Unicode.Scalar(digit + 48)))
            if position == scale && scale > 0 { text.append(".") }
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw AvroError(.valueOutOfRange, "the decimal \(text) cannot be represented as a Foundation Decimal")
        }
        return value
    }
}
