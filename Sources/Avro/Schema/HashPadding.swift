/// Calls `body` with each 64-byte block of `message` followed by the padding shared by MD5
/// and SHA-256: a `0x80` byte, zeros up to 8 bytes short of a block boundary, and the
/// message length in bits as a 64-bit integer, little-endian for MD5 and big-endian
/// (`bigEndian: true`) for SHA-256.
///
/// Whole blocks are read in place; only the last one or two blocks are copied.
internal func forEachPaddedBlock(
    of message: [UInt8], bigEndian: Bool, _ body: (UnsafeRawBufferPointer) -> Void
) {
    let blockSize = 64
    let wholeBytes = message.count - message.count % blockSize
    message.withUnsafeBytes { input in
        for start in stride(from: 0, to: wholeBytes, by: blockSize) {
            body(UnsafeRawBufferPointer(rebasing: input[start ..< start + blockSize]))
        }
    }
    var tail = Array(message[wholeBytes...])
    tail.append(0x80)
    let zeros = (blockSize - 8 - tail.count % blockSize + blockSize) % blockSize
    tail.append(contentsOf: repeatElement(0, count: zeros))
    let bitLength = UInt64(truncatingIfNeeded: message.count) &* 8
    withUnsafeBytes(of: bigEndian ? bitLength.bigEndian : bitLength.littleEndian) {
        tail.append(contentsOf: $0)
    }
    tail.withUnsafeBytes { padded in
        for start in stride(from: 0, to: padded.count, by: blockSize) {
            body(UnsafeRawBufferPointer(rebasing: padded[start ..< start + blockSize]))
        }
    }
}
