/// Bytes of a container file that an ``AvroFileReader`` skipped because they were corrupt
/// (see ``AvroFileReaderOptions/skipsCorruptBlocks``).
public struct AvroSkippedRange: Hashable, Sendable, CustomStringConvertible {
    /// The offsets of the skipped bytes in the file. The values of the blocks in this range
    /// were not returned, except those read from the block before its corruption was found.
    public let bytes: Range<Int>
    /// The index of the first skipped block, counting from 0 the blocks met so far.
    public let blockIndex: Int
    /// Why the bytes were skipped.
    public let reason: AvroError

    /// The range and the reason in one line.
    public var description: String {
        "skipped bytes \(bytes.lowerBound)..<\(bytes.upperBound) from block \(blockIndex): \(reason)"
    }
}
