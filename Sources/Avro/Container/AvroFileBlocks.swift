/// One data block of a container file: checked against the sync marker and decompressed.
struct AvroFileBlock {
    /// The block's index in the file, counting from 0.
    let index: Int
    /// The block's offsets in the file, from its object count to the end of its sync marker.
    let bytes: Range<Int>
    /// The offset of the block's data as stored (compressed) in the file.
    let dataOffset: Int
    /// Whether the data is stored as it is (the `null` codec), so that offsets in it are
    /// offsets in the file.
    let isStoredAsIs: Bool
    /// The number of objects in the block.
    let count: Int
    /// The block's decompressed data; empty when the blocks are only counted.
    let data: [UInt8]
}

/// Reads the header and then the data blocks of a container file, one block at a time,
/// checking every count, size and sync marker before trusting it.
final class AvroFileBlocks {
    /// What ``next(_:)`` reads of a block's data.
    enum Content {
        case none, stored, decompressed
    }

    let header: AvroFileHeader
    let codec: any AvroCodec
    let options: AvroFileReaderOptions
    /// What was skipped so far when ``AvroFileReaderOptions/skipsCorruptBlocks`` is on.
    private(set) var skippedRanges: [AvroSkippedRange] = []
    private let input: AvroFileInput
    /// The fewest bytes one object of the writer's schema takes.
    private let minObjectSize: Int
    /// The index of the next block.
    private var nextIndex = 0
    /// The error to report at the next read: the file ended inside the sync marker after a
    /// block whose data was whole, which was returned first.
    private var pendingCut: (error: AvroError, bytes: Range<Int>)?

    /// Reads and checks the header.
    init(input: AvroFileInput, options: AvroFileReaderOptions) throws {
        self.input = input
        self.options = options
        (header, codec) = try AvroFileHeader.read(from: input, limit: options.maxBlockSize)
        let compiled = try CompiledSchema.cached(header.schema)
        minObjectSize = compiled.info[compiled.root].minSize
        if let range = options.byteRange { try moveToFirstBlock(of: range) }
    }

    /// Moves to the first block whose sync marker before it starts at or after the lower
    /// bound of `range` (see ``AvroFileReaderOptions/byteRange``): stays at the first block
    /// when the header's marker does, else searches from the bound, never inside the header.
    private func moveToFirstBlock(of range: Range<Int>) throws {
        let headerMarker = input.offset - AvroFileHeader.syncMarkerSize
        guard range.lowerBound > headerMarker else { return }
        if let size = input.size, range.lowerBound >= size {
            try input.skip(count: size - input.offset)
            return
        }
        // A stream that cannot go back (inside the header's marker) searches from where it is.
        if !(try input.rewind(to: range.lowerBound)), range.lowerBound > input.offset {
            try input.skip(count: range.lowerBound - input.offset)
        }
        _ = try input.skip(past: header.syncMarker)
    }

    /// Whether the block at the input's offset lies past the byte range: its sync marker
    /// (just before it) starts at or after the range's upper bound.
    private var isPastRange: Bool {
        guard let range = options.byteRange else { return false }
        return input.offset - AvroFileHeader.syncMarkerSize >= range.upperBound
    }

    /// Returns the next block, or `nil` after the last one.
    ///
    /// With ``AvroFileReaderOptions/skipsCorruptBlocks``, a block that cannot be read is
    /// skipped and reported in ``skippedRanges``: when its count, size or sync marker is wrong
    /// or the file ends inside it, up to the next sync marker; when only its data is bad (the
    /// codec fails, the count does not fit), just that block.
    ///
    /// - Parameter content: What to read of the block's data: nothing (counting), the data as
    /// stored (copying blocks), or the data decompressed (the default, for values).
    func next(_ content: Content = .decompressed) throws -> AvroFileBlock? {
        if let cut = pendingCut {
            pendingCut = nil
            guard options.skipsCorruptBlocks else { throw cut.error }
            skippedRanges.append(AvroSkippedRange(bytes: cut.bytes, blockIndex: nextIndex, reason: cut.error))
            return nil
        }
        while true {
            if isPastRange { return nil }
            let start = input.offset
            let stored: AvroFileBlock
            do {
                guard let block = try readStoredBlock(readingData: content != .none) else { return nil }
                stored = block
            } catch let error as AvroError where options.skipsCorruptBlocks && error.code != .io {
                try skipCorruption(from: start, reason: error)
                continue
            }
            guard content == .decompressed else { return stored }
            do {
                return try decompressed(stored)
            } catch let error as AvroError where options.skipsCorruptBlocks {
                skipRest(of: stored, reason: error)
            }
        }
    }

    /// Records that the rest of `block` was skipped because its data is corrupt.
    func skipRest(of block: AvroFileBlock, reason: AvroError) {
        skippedRanges.append(AvroSkippedRange(bytes: block.bytes, blockIndex: block.index, reason: reason))
    }

    /// Skips from `start` to just after the next sync marker (or to the end of the file). The
    /// search starts after the header, so the marker is never matched inside it.
    private func skipCorruption(from start: Int, reason: AvroError) throws {
        // A stream that cannot go back searches on from where the error was found.
        _ = try input.rewind(to: start + 1)
        _ = try input.skip(past: header.syncMarker)
        skippedRanges.append(AvroSkippedRange(bytes: start..<input.offset, blockIndex: nextIndex, reason: reason))
        nextIndex += 1
    }

    /// Reads a block's count, size, stored data (unless `readingData` is `false`) and sync
    /// marker, checking each; returns `nil` at the end of the file.
    private func readStoredBlock(readingData: Bool) throws -> AvroFileBlock? {
        let start = input.offset
        let index = nextIndex
        func invalid(_ message: String, at offset: Int) -> AvroError {
            AvroError(.invalidFile, "block \(index) (at byte \(start)): \(message)", offset: offset)
        }
        do {
            guard let count = try input.readLong() else { return nil }
            guard count >= 0 else { throw invalid("found a negative object count \(count)", at: start) }
            let sizeOffset = input.offset
            guard let size = try input.readLong() else {
                throw invalid("the file ends before the block's size", at: sizeOffset)
            }
            guard size >= 0 else { throw invalid("found a negative block size \(size)", at: sizeOffset) }
            if let remaining = input.remaining, size > Int64(remaining) {
                throw invalid("the block claims \(size) bytes of data, but only \(remaining) bytes remain in the file", at: sizeOffset)
            }
            guard size <= Int64(options.maxBlockSize) else {
                throw AvroError(.limitExceeded, "block \(index) (at byte \(start)): the block has \(size) bytes, more than the limit of \(options.maxBlockSize)", offset: sizeOffset)
            }
            let dataOffset = input.offset
            var data: [UInt8] = []
            if readingData {
                data = try input.readBytes(count: Int(size))
            } else {
                try input.skip(count: Int(size))
            }
            let syncOffset = input.offset
            guard let sync = try readSyncMarker() else {
                // The file ends in the block's sync marker, after all of its data: the block is
                // returned (as fastavro returns it), and the cut reported at the next read.
                nextIndex += 1
                let missing = syncOffset + AvroFileHeader.syncMarkerSize - input.offset
                pendingCut = (invalid("the file ends inside the sync marker after the block's data: \(missing) of its \(AvroFileHeader.syncMarkerSize) bytes are missing", at: input.offset),
                              syncOffset..<input.offset)
                return AvroFileBlock(index: index, bytes: start..<input.offset, dataOffset: dataOffset,
                                     isStoredAsIs: header.codecName == "null", count: Int(count), data: data)
            }
            guard sync == header.syncMarker else {
                throw invalid("expected the sync marker \(AvroFileHeader.hex(header.syncMarker)), found \(AvroFileHeader.hex(sync))", at: syncOffset)
            }
            nextIndex += 1
            return AvroFileBlock(index: index, bytes: start..<input.offset, dataOffset: dataOffset,
                                 isStoredAsIs: header.codecName == "null", count: Int(count), data: data)
        } catch let error as AvroError where error.code == .endOfData || error.code == .invalidVarint {
            throw invalid(error.code == .endOfData ? "the file ends inside the block: \(error.message)" : error.message, at: error.offset ?? start)
        }
    }

    /// The 16 bytes of a sync marker, or `nil` when the file ends inside it and the bytes it
    /// has are the start of the file's marker; other bytes are returned as they are, for the
    /// caller to report.
    private func readSyncMarker() throws -> [UInt8]? {
        let size = AvroFileHeader.syncMarkerSize
        if let remaining = input.remaining, remaining < size {
            let partial = try input.readBytes(count: remaining)
            return partial == Array(header.syncMarker.prefix(remaining)) ? nil : partial
        }
        do {
            return try input.readBytes(count: size)
        } catch let error as AvroError where error.code == .endOfData && input.remaining == nil {
            // A stream of unknown size ended inside the marker.
            return nil
        }
    }

    /// `block` with its data decompressed, checked to hold `count` objects.
    private func decompressed(_ block: AvroFileBlock) throws -> AvroFileBlock {
        let data = try decompress(block.data, block: block.index, start: block.bytes.lowerBound, dataOffset: block.dataOffset)
        try checkCount(Int64(block.count), dataSize: data.count, block: block.index, start: block.bytes.lowerBound)
        return AvroFileBlock(index: block.index, bytes: block.bytes, dataOffset: block.dataOffset,
                             isStoredAsIs: block.isStoredAsIs, count: block.count, data: data)
    }

    private func decompress(_ data: [UInt8], block index: Int, start: Int, dataOffset: Int) throws -> [UInt8] {
        do {
            return try codec.decompress(data, limit: options.maxBlockSize)
        } catch var error as AvroError {
            error.message = "block \(index) (at byte \(start)): \(error.message)"
            error.offset = dataOffset + (error.offset ?? 0)
            throw error
        } catch {
            throw AvroError(.codec, "block \(index) (at byte \(start)): the \(codec.name) codec failed: \(error)", offset: dataOffset)
        }
    }

    /// Checks that `count` objects can be in `dataSize` bytes, so a hostile count cannot make
    /// the reader return values that take no bytes for ever.
    private func checkCount(_ count: Int64, dataSize: Int, block index: Int, start: Int) throws {
        if minObjectSize > 0 {
            guard count <= Int64(dataSize / minObjectSize) else {
                throw AvroError(.invalidFile, "block \(index) (at byte \(start)): the block claims \(count) objects of at least \(minObjectSize) bytes, but has only \(dataSize) bytes", offset: start)
            }
        } else {
            let limit = options.decoding.zeroSizeItemLimit(forInputOf: dataSize)
            guard count <= Int64(limit) else {
                throw AvroError(.limitExceeded, "block \(index) (at byte \(start)): the block claims \(count) objects that may take no bytes, more than the limit of \(limit) for its \(dataSize) bytes", offset: start)
            }
        }
    }
}
