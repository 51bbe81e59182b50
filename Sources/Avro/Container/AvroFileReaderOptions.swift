/// Options of an ``AvroFileReader``: limits on what it accepts and what it does with a
/// corrupt file.
///
/// ```swift
/// var options = AvroFileReaderOptions()
/// options.skipsCorruptBlocks = true
/// let reader = try AvroFileReader<Person>(url: url, options: options)
/// ```
public struct AvroFileReaderOptions: Sendable {
    /// The largest block accepted, in bytes, both as stored and once decompressed; also the
    /// largest header entry. A larger block throws `AvroError(.limitExceeded)`. The default is
    /// 200 MiB, Java's default limit.
    public var maxBlockSize: Int

    /// Whether to skip corrupt parts of the file instead of stopping at the first one.
    ///
    /// When `true`, a block that cannot be read (a bad count or size, a sync marker mismatch,
    /// a codec failure, a truncated end, or data that does not decode) is skipped: the reader
    /// looks for the next copy of the file's sync marker and goes on from there, as avro-tools'
    /// `repair` does. The marker is never looked for inside the header. What was skipped is
    /// listed in ``AvroFileReader/skippedRanges``. Errors that are not corruption (I/O
    /// errors, a value that does not fit the Swift type) still stop the reader.
    /// The default is `false`: the first corrupt block throws.
    public var skipsCorruptBlocks: Bool

    /// How each value is decoded: field naming, user info for `init(from:)`, and limits.
    public var decoding: AvroDecoder.Options

    /// The schema values are read as: every value is resolved from the file's (writer's)
    /// schema into this one by the rules of schema evolution (renamed fields through
    /// aliases, added fields from defaults, promotions…). `nil` (the default) resolves into
    /// the schema of the type read, when it reads the file's schema without a problem, and
    /// otherwise reads with the file's own schema (see ``AvroFileReader``).
    public var readerSchema: AvroSchema?

    /// The part of the file to read, in byte offsets, for splitting one file between readers
    /// (as Hadoop and Spark split files with Java's `DataFileReader.sync(start)` and
    /// `pastSync(end)`); `nil` (the default) reads the whole file.
    ///
    /// A block belongs to the range in which the sync marker before it starts (the header's
    /// marker comes before the first block). The reader finds the first marker that starts at
    /// or after the range's lower bound, reads the blocks after it, and stops at the first block
    /// whose marker starts at or after the upper bound. So readers over adjacent ranges that
    /// cover the file read every block, and every value, exactly once; a range that holds no
    /// marker's start reads nothing. ``AvroFileReader/blockOffset`` tells where each block
    /// starts.
    ///
    /// ```swift
    /// let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    /// let half = size / 2
    /// let first = try AvroFileReader<Person>(url: url, options: .init(byteRange: 0..<half))
    /// let second = try AvroFileReader<Person>(url: url, options: .init(byteRange: half..<size))
    /// ```
    public var byteRange: Range<Int>?

    /// Creates options.
    ///
    /// - Parameters:
    ///   - maxBlockSize: The largest block accepted, in bytes. The default is 200 MiB.
    ///   - skipsCorruptBlocks: Whether to skip corrupt blocks. The default is `false`.
    ///   - decoding: How each value is decoded: field naming, user info and limits.
    ///   - readerSchema: The schema to resolve values into, or `nil` for the type's own.
    ///   - byteRange: The part of the file to read, or `nil` for all of it.
    public init(maxBlockSize: Int = 200 * 1024 * 1024, skipsCorruptBlocks: Bool = false, decoding: AvroDecoder.Options = .init(),
                readerSchema: AvroSchema? = nil, byteRange: Range<Int>? = nil) {
        self.readerSchema = readerSchema
        self.byteRange = byteRange
        self.maxBlockSize = maxBlockSize
        self.skipsCorruptBlocks = skipsCorruptBlocks
        self.decoding = decoding
    }
}
