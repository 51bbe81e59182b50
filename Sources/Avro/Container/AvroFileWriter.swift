import Foundation

/// An object that writes values to an Avro object container file.
///
/// ```swift
/// let writer = try AvroFileWriter<Person>(url: url, schema: personSchema, codec: AvroDeflateCodec())
/// try writer.append(Person(name: "Alice", age: 30))
/// try writer.append(contentsOf: morePeople)
/// try writer.close()
/// ```
///
/// The writer writes the header when it is created, then collects encoded values into a block
/// and writes the block, compressed with its codec, once it holds ``blockSize`` bytes (or
/// ``blockSize`` values), when you call ``flush()``, and when you call ``close()``. Each block
/// is written whole in one write, so a process killed while writing leaves a file whose
/// completed blocks can all be read (read it with
/// ``AvroFileReaderOptions/skipsCorruptBlocks`` to get past a partial last block).
///
/// Values are encoded with ``AvroEncoder`` and the writer's schema. A value that cannot be
/// encoded throws, and leaves the block as it was.
///
/// Call ``close()`` when done: it writes the last block and reports any error. A writer that
/// is never closed writes its last block when it is deinitialized, without reporting errors.
/// Use a writer from one thread or task at a time.
public final class AvroFileWriter<T: Encodable> {
    /// The header written at the start of the file: the schema, codec, metadata and sync marker.
    public let header: AvroFileHeader
    /// The number of bytes of encoded values (before compression) at which a block is written.
    /// A block is also written when it holds this many values.
    public let blockSize: Int

    /// The bytes of the file, for a writer created with ``init(schema:codec:metadata:blockSize:syncMarker:options:)``
    /// (in memory): the header and every block written so far, so the whole file after
    /// ``close()``. Always empty for a writer to a file.
    public var data: Data { output.data }

    private let output: AvroFileOutput
    private let codec: any AvroCodec
    private let encoder: AvroEncoder
    /// `T`, when its values write themselves (``AvroBinaryEncodable``) with the writer's schema.
    private let selfEncoding: (any AvroBinaryEncodable.Type)?
    /// The encoded values of the current block, and how many there are. (Stored properties
    /// used per value skip the dynamic exclusivity checks, some 70 instructions per access: a
    /// writer is used from one thread at a time; see the rules of the unsafe core in
    /// `UnsafeCore/UnsafeCore.swift`.)
    @exclusivity(unchecked) private var block: [UInt8] = []
    @exclusivity(unchecked) private var blockCount = 0
    @exclusivity(unchecked) private var isClosed = false

    /// Creates a container file at `url` (replacing any file there) and writes its header.
    ///
    /// - Parameters:
    ///   - url: The file to create.
    ///   - schema: The schema of the values, written in the header's `avro.schema`; `nil`
    ///     (the default) for the schema derived from `T`.
    ///   - codec: The codec that compresses the blocks. The default stores them as they are.
    ///   - metadata: Extra header entries. Keys starting with `avro.` are reserved.
    ///   - blockSize: The number of bytes of encoded values per block, before compression.
    ///     The default, 64,000, is Java's and Python's.
    ///   - syncMarker: The 16-byte sync marker, or `nil` for a random one (the usual choice).
    ///   - options: How values are encoded, as an ``AvroEncoder`` with these options encodes
    ///     them: field naming (which also names the derived schema's fields), user info for
    ///     `encode(to:)`, the depth limit.
    /// - Throws: ``AvroError`` with code ``AvroError/Code/invalidFile`` for a reserved metadata
    ///   key or a sync marker that does not have 16 bytes, the schema compiler's error for a
    ///   schema that refers to an undefined type, ``AvroError/Code/io`` when the file cannot be
    ///   created or written.
    public convenience init(url: URL, schema: AvroSchema? = nil, codec: any AvroCodec = AvroNullCodec(),
                            metadata: [String: [UInt8]] = [:], blockSize: Int = 64_000, syncMarker: [UInt8]? = nil,
                            options: AvroEncoder.Options = .init()) throws {
        let schema = try Self.schema(schema, fieldNaming: options.fieldNaming)
        let header = try Self.header(schema: schema, codec: codec, metadata: metadata, syncMarker: syncMarker)
        try self.init(output: AvroFileOutput(creating: url), header: header, codec: codec, schema: schema,
                      blockSize: blockSize, options: options, writesHeader: true)
    }

    /// Creates a writer that writes a container file to `fileHandle`, from its current
    /// offset, starting with the header. The handle stays open after ``close()``.
    ///
    /// The parameters and errors are those of ``init(url:schema:codec:metadata:blockSize:syncMarker:options:)``.
    public convenience init(fileHandle: FileHandle, schema: AvroSchema? = nil, codec: any AvroCodec = AvroNullCodec(),
                            metadata: [String: [UInt8]] = [:], blockSize: Int = 64_000, syncMarker: [UInt8]? = nil,
                            options: AvroEncoder.Options = .init()) throws {
        let schema = try Self.schema(schema, fieldNaming: options.fieldNaming)
        let header = try Self.header(schema: schema, codec: codec, metadata: metadata, syncMarker: syncMarker)
        try self.init(output: AvroFileOutput(fileHandle: fileHandle, owned: false), header: header, codec: codec,
                      schema: schema, blockSize: blockSize, options: options, writesHeader: true)
    }

    /// Creates a writer that writes a container file in memory, into ``data``.
    ///
    /// ```swift
    /// let writer = try AvroFileWriter<Person>(schema: personSchema)
    /// try writer.append(contentsOf: people)
    /// try writer.close()
    /// let file = writer.data
    /// ```
    ///
    /// The parameters and errors are those of ``init(url:schema:codec:metadata:blockSize:syncMarker:options:)``.
    public convenience init(schema: AvroSchema? = nil, codec: any AvroCodec = AvroNullCodec(),
                            metadata: [String: [UInt8]] = [:], blockSize: Int = 64_000, syncMarker: [UInt8]? = nil,
                            options: AvroEncoder.Options = .init()) throws {
        let schema = try Self.schema(schema, fieldNaming: options.fieldNaming)
        let header = try Self.header(schema: schema, codec: codec, metadata: metadata, syncMarker: syncMarker)
        try self.init(output: AvroFileOutput(), header: header, codec: codec, schema: schema,
                      blockSize: blockSize, options: options, writesHeader: true)
    }

    /// `schema`, or the schema derived from `T` (naming fields by `fieldNaming`) when it is `nil`.
    private static func schema(_ schema: AvroSchema?, fieldNaming: AvroFieldNaming) throws -> AvroSchema {
        if let schema { return schema }
        return try CompiledSchema.derived(for: T.self, fieldNaming: fieldNaming).schema
    }

    /// Creates a writer to `output`, with `header` (written first when `writesHeader`).
    /// Values are encoded with `schema` and `options`.
    init(output: AvroFileOutput, header: AvroFileHeader, codec: any AvroCodec, schema: AvroSchema,
         blockSize: Int, options: AvroEncoder.Options, writesHeader: Bool) throws {
        self.output = output
        self.header = header
        self.codec = codec
        self.blockSize = blockSize
        encoder = AvroEncoder(schema: schema, options: options)
        selfEncoding = encoder.selfEncoding(T.self)
        if writesHeader { try output.write(header.encoded()) }
    }

    deinit {
        if !isClosed { try? close() }
    }

    /// Encodes `value` and adds it to the current block, writing the block when it is full.
    ///
    /// - Throws: `EncodingError` (with an ``AvroError`` as underlying error) when the value
    ///   does not fit the schema, leaving the block as it was; ``AvroError`` when the block
    ///   cannot be compressed or written, or the writer is closed.
    public func append(_ value: T) throws {
        try checkOpen()
        if let selfEncoding {
            try encoder.encode(value, writingItselfAs: selfEncoding, into: &block)
        } else {
            try encoder.encode(value, into: &block)
        }
        try valueAppended()
    }

    /// Counts the value just added to the block, and writes the block when it is full.
    private func valueAppended() throws {
        blockCount += 1
        if block.count >= blockSize || blockCount >= blockSize { try writeBlock() }
    }

    /// Appends every value of `values`, in order. Stops at the first value that throws; the
    /// values before it are appended.
    // Inlinable, so that the loop is compiled for the caller's sequence and value types: code
    // compiled once for every sequence goes through its iterator's witnesses and copies each
    // value through its type's (about 900 instructions a person record, as much as the
    // record's own encoding).
    @inlinable
    public func append(contentsOf values: some Sequence<T>) throws {
        for value in values { try append(value) }
    }

    /// Writes the current block, if it holds any value, so that everything appended so far is
    /// in the file.
    ///
    /// - Throws: ``AvroError`` when the block cannot be compressed or written, or the writer
    ///   is closed.
    public func flush() throws {
        try checkOpen()
        if blockCount > 0 { try writeBlock() }
    }

    /// Ends the current block, then appends `block` as it is: values already encoded with this
    /// file's schema and compressed with its codec (a block read with
    /// ``AvroFileReader/nextStoredBlock()`` from a file with the same schema and codec).
    /// A block of no values is not written.
    ///
    /// - Throws: ``AvroError`` when a block cannot be written, or the writer is closed.
    public func appendStoredBlock(_ stored: AvroFileStoredBlock) throws {
        try flush()
        guard stored.count > 0 else { return }
        try writeFrame(count: stored.count, data: stored.data)
    }

    /// Writes the last block and closes the file (a file handle given to
    /// ``init(fileHandle:schema:codec:metadata:blockSize:syncMarker:options:)`` stays open). Calling it
    /// again does nothing.
    ///
    /// - Throws: ``AvroError`` when the last block cannot be compressed or written, or the
    ///   file cannot be closed; the writer then stays open.
    public func close() throws {
        guard !isClosed else { return }
        try flush()
        try output.close()
        isClosed = true
    }

    private func checkOpen() throws {
        guard !isClosed else { throw AvroError(.io, "the writer is closed") }
    }

    /// Writes the block: object count, size of the compressed data, the data, sync marker.
    private func writeBlock() throws {
        let compressed: [UInt8]
        do {
            compressed = try codec.compress(block)
        } catch let error as AvroError {
            throw error
        } catch {
            throw AvroError(.codec, "the \(codec.name) codec failed: \(error)")
        }
        try writeFrame(count: blockCount, data: compressed)
        block.removeAll(keepingCapacity: true)
        blockCount = 0
    }

    /// Writes one block's framing and data in one write: object count, data size, data, sync marker.
    private func writeFrame(count: Int, data: [UInt8]) throws {
        var writer = AvroBinaryWriter(capacity: data.count + 2 * 10 + AvroFileHeader.syncMarkerSize)
        writer.writeLong(Int64(count))
        writer.writeLong(Int64(data.count))
        writer.writeFixed(data)
        writer.writeFixed(header.syncMarker)
        try output.write(writer.bytes)
    }

    /// The header of a new file; checks the schema, the metadata keys and the sync marker.
    private static func header(schema: AvroSchema, codec: any AvroCodec, metadata: [String: [UInt8]],
                               syncMarker: [UInt8]?) throws -> AvroFileHeader {
        _ = try CompiledSchema.cached(schema)
        let marker = syncMarker ?? (0..<AvroFileHeader.syncMarkerSize).map { _ in UInt8.random(in: .min ... .max) }
        return try AvroFileHeader(writing: schema, codecName: codec.name, userMetadata: metadata, syncMarker: marker)
    }
}

extension AvroFileWriter where T: AvroBinaryEncodable {
    /// Encodes `value`, a type that writes itself (``AvroBinaryEncodable``), and adds it to the
    /// current block, writing the block when it is full. The compiler picks it over the
    /// general `append(_:)` where `T` is known to conform: the value's own code is then called
    /// through `T`'s conformance, as ``AvroEncoder``'s typed entry points call it.
    ///
    /// - Throws: as the general `append(_:)`.
    public func append(_ value: T) throws {
        try checkOpen()
        try encoder.encode(value, into: &block)
        try valueAppended()
    }

    /// Appends every value of `values`, in order, each as `append(_:)` above does for a type that
    /// writes itself. Stops at the first value that throws; the values before it are appended.
    @inlinable // as the general append(contentsOf:) is, for the same reason
    public func append(contentsOf values: some Sequence<T>) throws {
        for value in values { try append(value) }
    }
}
