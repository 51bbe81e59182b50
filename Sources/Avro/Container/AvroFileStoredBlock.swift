/// A data block of an object container file as it is stored: its object count and its data,
/// encoded with the file's schema and compressed with its codec.
///
/// ``AvroFileReader/nextStoredBlock()`` reads one; ``AvroFileWriter/appendStoredBlock(_:)``
/// writes one into a file with the same schema and codec, so files can be joined without
/// decoding a single value.
public struct AvroFileStoredBlock: Hashable, Sendable {
    /// The number of values in the block.
    public let count: Int
    /// The block's data, compressed with the file's codec.
    public let data: [UInt8]
    /// Where the data starts in the file it was read from (for error messages), or 0.
    public let dataOffset: Int

    /// Creates a block of `count` values whose encoded and compressed bytes are `data`.
    public init(count: Int, data: [UInt8], dataOffset: Int = 0) {
        self.count = count
        self.data = data
        self.dataOffset = dataOffset
    }
}
