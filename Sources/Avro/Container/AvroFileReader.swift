import Foundation

/// An object that reads the values of an Avro object container file, one block at a time.
///
/// ```swift
/// let reader = try AvroFileReader<Person>(url: url)
/// for person in reader {
///     print(person.name)
/// }
/// if let error = reader.error { throw error }
/// ```
///
/// The reader reads the header when it is created, then one data block at a time as values
/// are asked for: memory stays bounded by the largest block, whatever the size of the file.
/// Every block count, size and sync marker is checked before it is trusted; a corrupt or
/// truncated file throws an ``AvroError`` with code ``AvroError/Code/invalidFile`` (or
/// ``AvroError/Code/codec`` for data the codec rejects) whose message names the block and
/// whose ``AvroError/offset`` is the byte where the problem was found. With
/// ``AvroFileReaderOptions/skipsCorruptBlocks``, corrupt blocks are skipped instead and listed
/// in ``skippedRanges``.
///
/// Values are resolved from the file's schema (``AvroFileHeader/schema``, the writer's) into
/// `T`'s own schema, derived or given by ``AvroSchemaProviding``, as Java's specific reader
/// reads them: the aliases, defaults and promotions `T` declares apply (a field renamed
/// through an alias, a field added with a default). When the two schemas are the same, values
/// are read as written, at no cost. When `T`'s schema cannot read the file's (the checker finds
/// a problem) or cannot be derived, values are decoded with the file's schema, matched to `T`
/// by field name, as any `Decodable` type that matches it. ``AvroValue`` reads any file with
/// its own schema. ``AvroFileReaderOptions/readerSchema`` names the schema to resolve into.
///
/// The reader is a single-pass sequence: iterating it again goes on where the last iteration
/// stopped. Use it from one thread or task at a time.
public final class AvroFileReader<T: Decodable> {
    /// Options of a reader.
    public typealias Options = AvroFileReaderOptions

    /// The file's header: its schema, codec, metadata and sync marker.
    public let header: AvroFileHeader
    /// The reader's options.
    public let options: Options

    /// The error that stopped the reader, or `nil`.
    ///
    /// Iterating the reader as a `Sequence` cannot throw: the iteration ends at the first
    /// error, which is then kept here. Check it after the loop. Once set, ``next()`` throws
    /// it again.
    // Read per value: no dynamic exclusivity check (the reader is used from one thread; see
    // the rules of the unsafe core in `UnsafeCore/UnsafeCore.swift`).
    @exclusivity(unchecked) public private(set) var error: (any Error)?

    /// The corrupt parts of the file skipped so far, when
    /// ``AvroFileReaderOptions/skipsCorruptBlocks`` is on; otherwise empty.
    public var skippedRanges: [AvroSkippedRange] { blocks.skippedRanges }

    /// The offset in the file of the block that the last value returned was read from (where
    /// the block's object count starts), or `nil` before the first value and after the last.
    /// With the file's size, it tells how far through the file the reader is; as a split
    /// point for ``AvroFileReaderOptions/byteRange``, it starts the range that holds the
    /// blocks after this one.
    public var blockOffset: Int? { block?.bytes.lowerBound }

    private let blocks: AvroFileBlocks
    private let decoder: AvroDecoder
    /// `T`, when its values read themselves (``AvroBinaryDecodable``) with the file's schema
    /// (or a reader schema that reads it as written).
    private let selfDecoding: (any AvroBinaryDecodable.Type)?
    /// Where such values are read into, to be moved out as `T`.
    private let selfDecodingSlot = ValueSlot<T>()
    private let resolution: ResolutionPlan?
    /// The block being read and how many of its objects are left.
    private var block: AvroFileBlock?
    @exclusivity(unchecked) private var objectsLeft = 0
    /// How many zero-byte items each object of the current block may make.
    @exclusivity(unchecked) private var zeroSizeItemLimit = 0
    /// The current block's data, copied into memory the reader owns so that one binary reader
    /// goes through all its objects (no per-object `withUnsafeBytes` and seek); the reader
    /// is at the block's next object.
    private var blockBytes = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    @exclusivity(unchecked) private var blockReader = AvroBinaryReader(UnsafeRawBufferPointer(start: nil, count: 0))

    /// Creates a reader of the file at `url` and reads its header.
    ///
    /// - Throws: ``AvroError`` with code ``AvroError/Code/io`` when the file cannot be opened,
    ///   ``AvroError/Code/invalidFile`` when the header is malformed, the schema parser's
    ///   error when the header's schema is not valid, ``AvroError/Code/codec`` when the codec
    ///   is unknown.
    public convenience init(url: URL, options: Options = .init()) throws {
        try self.init(input: AvroFileInput(url: url), options: options)
    }

    /// Creates a reader of the container file in `data` and reads its header.
    ///
    /// - Throws: The errors of ``init(url:options:)`` about the header.
    public convenience init(data: Data, options: Options = .init()) throws {
        try self.init(input: AvroFileInput(data: data), options: options)
    }

    /// Creates a reader of the container file that starts at `fileHandle`'s current offset,
    /// and reads its header. Offsets in errors count from that starting offset.
    ///
    /// The handle may be a pipe or a socket; corrupt-block recovery then searches for the
    /// next sync marker from where the corruption was found, since it cannot go back.
    ///
    /// - Throws: The errors of ``init(url:options:)`` about the header.
    public convenience init(fileHandle: FileHandle, options: Options = .init()) throws {
        try self.init(input: AvroFileInput(fileHandle: fileHandle), options: options)
    }

    private init(input: AvroFileInput, options: Options) throws {
        blocks = try AvroFileBlocks(input: input, options: options)
        header = blocks.header
        self.options = options
        // One resolution plan for the whole file, when values are read as another schema.
        let writer = try CompiledSchema.cached(header.schema)
        if let readerSchema = options.readerSchema {
            resolution = ResolutionPlan(writer: writer, reader: try CompiledSchema.cached(readerSchema))
        } else {
            resolution = Self.ownSchemaResolution(writer: writer, fieldNaming: options.decoding.fieldNaming)
        }
        decoder = AvroDecoder(schema: resolution?.reader.schema ?? header.schema, options: options.decoding)
        selfDecoding = resolution?.isIdentity ?? true ? decoder.selfDecoding(T.self) : nil
    }

    /// The plan that resolves the file's values into `T`'s own schema, when `T` has one that
    /// reads the file's without a problem; `nil` to read with the file's schema.
    private static func ownSchemaResolution(writer: CompiledSchema, fieldNaming: AvroFieldNaming) -> ResolutionPlan? {
        guard T.self != AvroValue.self, let reader = try? CompiledSchema.derived(for: T.self, fieldNaming: fieldNaming) else { return nil }
        let plan = ResolutionPlan.cached(writer: writer, reader: reader)
        return plan.failures.isEmpty ? plan : nil
    }

    /// Returns the next value of the file, or `nil` after the last one.
    ///
    /// - Throws: ``AvroError`` for a corrupt or truncated file (see the class description),
    ///   `DecodingError` (whose underlying error is an ``AvroError`` locating the object) for
    ///   a value that cannot be decoded as `T`, or the error that stopped the reader before.
    public func next() throws -> T? {
        if let error { throw error }
        do {
            // No `T?` is made but the one returned: unspecialised code looks up its metadata
            // each time one is.
            while true {
                if objectsLeft > 0 {
                    do {
                        return try decodeObject()
                    } catch is SkippedBlock {
                        continue
                    }
                }
                guard try loadNextBlock() else { return nil }
            }
        } catch {
            self.error = error
            throw error
        }
    }

    /// Returns the next data block as it is stored — its object count and its data, still
    /// compressed with the file's codec — without decoding it, or `nil` after the last one.
    ///
    /// Tools that join files (`avro concat`) copy such blocks into an ``AvroFileWriter`` with
    /// the same schema and codec (``AvroFileWriter/appendStoredBlock(_:)``). Use it instead of
    /// ``next()``: values of a block already being read are passed over.
    ///
    /// - Throws: The errors of ``next()`` about the file's framing.
    public func nextStoredBlock() throws -> AvroFileStoredBlock? {
        if let error { throw error }
        block = nil
        objectsLeft = 0
        do {
            guard let stored = try blocks.next(.stored) else { return nil }
            return AvroFileStoredBlock(count: stored.count, data: stored.data, dataOffset: stored.dataOffset)
        } catch {
            self.error = error
            throw error
        }
    }

    /// Returns the number of objects in the file at `url`, adding up the object counts of its
    /// blocks without reading or decompressing their data. The sync marker of every block is
    /// checked.
    ///
    /// - Throws: The errors of ``init(url:options:)``, and ``AvroError`` with code
    ///   ``AvroError/Code/invalidFile`` for a malformed or truncated block (unless
    ///   ``AvroFileReaderOptions/skipsCorruptBlocks`` skips it).
    public static func count(url: URL, options: Options = .init()) throws -> Int {
        let blocks = try AvroFileBlocks(input: AvroFileInput(url: url), options: options)
        var total = 0
        while let block = try blocks.next(.none) {
            let (sum, overflow) = total.addingReportingOverflow(block.count)
            guard !overflow else {
                throw AvroError(.invalidFile, "block \(block.index) (at byte \(block.bytes.lowerBound)): the object counts add up to more than \(Int.max)", offset: block.bytes.lowerBound)
            }
            total = sum
        }
        return total
    }

    /// Moves to the next block, after checking that the objects of the current one used all
    /// of its data; `false` at the end of the file.
    private func loadNextBlock() throws -> Bool {
        if let current = block {
            block = nil
            try checkEnd(of: current)
        }
        guard let next = try blocks.next() else { return false }
        block = next
        objectsLeft = next.count
        load(next.data)
        return true
    }

    /// Thrown by ``decodeObject()`` when a corrupt object made the rest of its block be skipped.
    private struct SkippedBlock: Error {}

    /// Decodes the next object of the current block.
    private func decodeObject() throws -> T {
        blockReader.zeroSizeItemBudget = zeroSizeItemLimit // the limit is per object
        do {
            let value = if let selfDecoding {
                try decoder.decode(readingItselfAs: selfDecoding, through: selfDecodingSlot, from: &blockReader)
            } else if let resolution {
                try decoder.decode(T.self, from: &blockReader, resolution: resolution)
            } else {
                try decoder.decode(T.self, from: &blockReader)
            }
            objectsLeft -= 1
            return value
        } catch {
            guard let block else { throw error }
            let located = Self.locating(error, object: block.count - objectsLeft, in: block)
            guard options.skipsCorruptBlocks, let corruption = Self.corruption(located) else { throw located }
            blocks.skipRest(of: block, reason: corruption)
            objectsLeft = 0
            blockReader.seek(to: block.data.count)
            throw SkippedBlock()
        }
    }

    /// Makes `data` (a new block's) the bytes the block reader goes through.
    private func load(_ data: [UInt8]) {
        blockBytes.deallocate()
        blockBytes = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 8)
        data.withUnsafeBytes { blockBytes.copyMemory(from: $0) }
        // Each object may make as many zero-byte items as its block's size allows.
        zeroSizeItemLimit = options.decoding.zeroSizeItemLimit(forInputOf: blockBytes.count)
        blockReader = AvroBinaryReader(UnsafeRawBufferPointer(blockBytes), zeroSizeItemLimit: zeroSizeItemLimit)
    }

    deinit {
        blockBytes.deallocate()
    }

    /// Checks that the objects of `block` used all of its data.
    private func checkEnd(of block: AvroFileBlock) throws {
        let cursor = blockReader.offset
        guard cursor < block.data.count else { return }
        let left = block.data.count - cursor
        let error = AvroError(
            .invalidFile, "block \(block.index) (at byte \(block.bytes.lowerBound)): \(left) byte\(left == 1 ? "" : "s") remain\(left == 1 ? "s" : "") after its \(block.count) objects",
            offset: block.isStoredAsIs ? block.dataOffset + cursor : block.dataOffset)
        guard options.skipsCorruptBlocks else { throw error }
        blocks.skipRest(of: block, reason: error)
    }

    /// The ``AvroError`` inside `error` when it reports corrupt data rather than a value that
    /// does not fit `T`, else `nil`.
    private static func corruption(_ error: any Error) -> AvroError? {
        let corruptionCodes: Set<AvroError.Code> = [
            .endOfData, .invalidVarint, .invalidLength, .invalidUnionBranch, .invalidEnumSymbol,
            .invalidUTF8, .invalidBoolean, .limitExceeded, .trailingData,
        ]
        guard let avroError = underlyingAvroError(error), corruptionCodes.contains(avroError.code) else { return nil }
        return avroError
    }

    private static func underlyingAvroError(_ error: any Error) -> AvroError? {
        if let avroError = error as? AvroError { return avroError }
        guard let decodingError = error as? DecodingError else { return nil }
        switch decodingError {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.underlyingError as? AvroError
        @unknown default:
            return nil
        }
    }

    /// `error` with the object, the block and the file offset added to its ``AvroError``.
    private static func locating(_ error: any Error, object: Int, in block: AvroFileBlock) -> any Error {
        func locate(_ error: AvroError) -> AvroError {
            var located = error
            let place = "object \(object) of block \(block.index) (at byte \(block.bytes.lowerBound))"
            if block.isStoredAsIs {
                located.message = "\(place): \(error.message)"
                located.offset = error.offset.map { block.dataOffset + $0 }
            } else {
                located.message = "\(place), byte \(error.offset ?? 0) of the decompressed data: \(error.message)"
                located.offset = block.dataOffset
            }
            return located
        }
        func context(_ context: DecodingError.Context) -> DecodingError.Context {
            guard let avroError = context.underlyingError as? AvroError else { return context }
            let located = locate(avroError)
            return DecodingError.Context(codingPath: context.codingPath, debugDescription: located.code.rawValue, underlyingError: located)
        }
        if let avroError = error as? AvroError { return locate(avroError) }
        guard let decodingError = error as? DecodingError else { return error }
        switch decodingError {
        case .dataCorrupted(let c): return DecodingError.dataCorrupted(context(c))
        case .keyNotFound(let key, let c): return DecodingError.keyNotFound(key, context(c))
        case .typeMismatch(let type, let c): return DecodingError.typeMismatch(type, context(c))
        case .valueNotFound(let type, let c): return DecodingError.valueNotFound(type, context(c))
        @unknown default: return error
        }
    }
}

extension AvroFileReader: Sequence {
    /// An iterator over the values of a file. It ends at the first error, which is then in
    /// ``AvroFileReader/error``.
    public struct Iterator: IteratorProtocol {
        let reader: AvroFileReader

        /// Returns the next value, or `nil` at the end of the file or at the first error.
        public mutating func next() -> T? {
            try? reader.next()
        }
    }

    /// Returns an iterator that goes on from the reader's current position.
    public func makeIterator() -> Iterator {
        Iterator(reader: self)
    }
}
