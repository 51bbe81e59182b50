/// The `snappy` codec: blocks are raw Snappy blocks followed by the 4-byte big-endian CRC-32
/// (the IEEE polynomial, as zlib computes it) of the uncompressed data.
///
/// The Snappy *block* format is used, not the framed stream format. Decompression checks the
/// CRC-32.
public struct AvroSnappyCodec: AvroCodec {
    /// `"snappy"`.
    public var name: String { "snappy" }

    /// Creates the `snappy` codec.
    public init() {}

    /// Compresses one block into a Snappy block and its CRC-32.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when `data` has 4 GiB or more.
    public func compress(_ data: [UInt8]) throws -> [UInt8] {
        var block = try data.withUnsafeBufferPointer { try Snappy.compress($0) }
        let crc = CRC32.checksum(data)
        block.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: crc >> (24 - 8 * $0)) })
        return block
    }

    /// Decompresses one Snappy block and checks its CRC-32.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when the block declares more than
    ///   `limit` bytes, `.codec` when it is malformed or its CRC-32 does not match.
    public func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        guard data.count >= 4 else {
            throw AvroError(
                .codec, "snappy block must end with a 4-byte CRC-32, found only \(data.count) bytes", offset: 0)
        }
        return try data.withUnsafeBufferPointer { bytes in
            let payload = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - 4)])
            let output = try Snappy.decompress(payload, limit: limit)
            let stored = bytes[(bytes.count - 4)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let actual = CRC32.checksum(output)
            guard stored == actual else {
                throw AvroError(
                    .codec, "snappy CRC-32 mismatch: the block says \(hex(stored)), the data has \(hex(actual))",
                    offset: bytes.count - 4)
            }
            return output
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
