import Avro

/// The data blocks of a container file as they are stored (compressed), found by walking the
/// file's framing (checklist items 75–78) without decompressing or decoding anything.
///
/// `AvroFileReader` gives values; `concat` and `recodec` copy whole blocks instead, which is
/// what makes them fast and exact.
enum StoredBlocks {
    /// Calls `body` with the object count, the stored data and the data's offset in the file
    /// of each block of `file`, a
    /// whole container file whose header was already checked by `AvroFileReader`.
    ///
    /// - Throws: ``AvroError`` with the byte offset of the problem: ``AvroError/Code/invalidFile``
    ///   for a negative count or size or a wrong sync marker, ``AvroError/Code/endOfData``
    ///   when the file ends inside a block; or what `body` throws.
    static func forEach(in file: UnsafeRawBufferPointer, syncMarker: [UInt8],
                        _ body: (_ count: Int, _ data: UnsafeRawBufferPointer, _ offset: Int) throws -> Void) throws {
        var reader = AvroBinaryReader(file)
        try skipHeader(&reader)
        var index = 0
        while !reader.isAtEnd {
            let start = reader.offset
            func invalid(_ message: String, at offset: Int) -> AvroError {
                AvroError(.invalidFile, "block \(index) (at byte \(start)): \(message)", offset: offset)
            }
            let count = try reader.readLong()
            guard count >= 0 else { throw invalid("found a negative object count \(count)", at: start) }
            let sizeOffset = reader.offset
            let size = try reader.readLong()
            guard size >= 0, size <= Int64(reader.remaining) else {
                throw invalid("the block claims \(size) bytes of data, but \(reader.remaining) bytes remain in the file", at: sizeOffset)
            }
            let dataOffset = reader.offset
            let data = try reader.readRawBytes(count: Int(size))
            let syncOffset = reader.offset
            guard try reader.readRawBytes(count: syncMarker.count).elementsEqual(syncMarker) else {
                throw invalid("the bytes after the block are not the file's sync marker", at: syncOffset)
            }
            try body(Int(count), data, dataOffset)
            index += 1
        }
    }

    /// Moves `reader` past the header: magic, metadata map and sync marker.
    private static func skipHeader(_ reader: inout AvroBinaryReader) throws {
        try reader.skip(count: AvroFileHeader.magic.count)
        while true {
            let blockStart = reader.offset
            var count = try reader.readLong()
            if count == 0 { break }
            if count < 0 {
                guard count != .min else { throw AvroError(.invalidFile, "found a metadata block count of \(count)", offset: blockStart) }
                count = -count
                _ = try reader.readLong()
            }
            for _ in 0..<count {
                try reader.skipLengthPrefixed()
                try reader.skipLengthPrefixed()
            }
        }
        try reader.skip(count: AvroFileHeader.syncMarkerSize)
    }
}
