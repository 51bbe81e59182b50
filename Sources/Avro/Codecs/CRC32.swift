import CZlib

/// The CRC-32 of the IEEE 802.3 polynomial (zlib's `crc32`), as the `snappy` codec stores it.
enum CRC32 {
    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = crc32(0, nil, 0)
        var rest = bytes[...]
        while !rest.isEmpty {
            // zlib takes at most UInt32.max bytes per call.
            let chunk = rest.prefix(Int(UInt32.max))
            crc = crc32(crc, UnsafeBufferPointer(rebasing: chunk).baseAddress, UInt32(chunk.count))
            rest = rest.dropFirst(chunk.count)
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// The CRC-32 of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }
}
