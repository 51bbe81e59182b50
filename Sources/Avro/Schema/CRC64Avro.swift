/// The 64-bit Rabin fingerprint that the Avro specification calls CRC-64-AVRO.
///
/// Avro uses it to identify a schema by the fingerprint of its Parsing Canonical Form, for
/// example in the single-object encoding header. The result is the raw 64-bit value; the
/// single-object encoding writes it little-endian.
///
/// ```swift
/// let fp = CRC64Avro.fingerprint(Array(#""int""#.utf8))
/// // fp == 0x7275_d51a_3f39_5c8f
/// ```
enum CRC64Avro {
    /// The fingerprint of empty input, which is also the polynomial the table is built from.
    static let empty: UInt64 = 0xc15d_213a_a4d7_a795

    /// The fingerprint of each one-byte value, computed once.
    private static let table: [UInt64] = (0...255).map { (index: Int) -> UInt64 in
        var fp = UInt64(index)
        for _ in 0..<8 {
            fp = (fp >> 1) ^ (empty & (0 &- (fp & 1)))
        }
        return fp
    }

    /// Returns the CRC-64-AVRO fingerprint of `bytes`.
    static func fingerprint(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var fp = empty
        for byte in bytes {
            fp = (fp >> 8) ^ table[Int(truncatingIfNeeded: (fp ^ UInt64(byte)) & 0xff)]
        }
        return fp
    }
}
