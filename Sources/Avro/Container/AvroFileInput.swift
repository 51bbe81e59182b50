import Foundation

/// The bytes of an object container file, read a chunk at a time from a `FileHandle` or from
/// `Data` in memory.
///
/// Only the chunk being read is kept, so memory stays bounded by the largest read whatever the
/// size of the file. Offsets count from the first byte of the file (where reading started).
/// Every read that runs past the end throws `AvroError(.endOfData)` with the offset.
final class AvroFileInput {
    private enum Source {
        /// A file, and the handle offset of the file's first byte when the handle can seek.
        case file(FileHandle, start: UInt64?)
        case memory(Data)
    }

    /// How many bytes one read from the source asks for.
    static let chunkSize = 64 * 1024

    private let source: Source
    /// Bytes read from the source and not consumed yet start at `buffer[position]`.
    private var buffer: [UInt8] = []
    private var position = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    /// The file offset of the next byte the source will give.
    private var sourceOffset = 0
    /// The file's size in bytes, when the source can tell.
    let size: Int?

    /// Reads `data`.
    init(data: Data) {
        source = .memory(data)
        size = data.count
    }

    /// Reads the file at `url`.
    convenience init(url: URL) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw AvroError(.io, "could not open \(url.path) for reading: \(error.localizedDescription)")
        }
        self.init(fileHandle: handle)
    }

    /// Reads `fileHandle` from its current offset. The size is known when the handle can seek.
    init(fileHandle: FileHandle) {
        if let start = try? fileHandle.offset(), let end = try? fileHandle.seekToEnd(),
           (try? fileHandle.seek(toOffset: start)) != nil, end >= start {
            source = .file(fileHandle, start: start)
            size = Int(exactly: end - start)
        } else {
            source = .file(fileHandle, start: nil)
            size = nil
        }
    }

    /// The offset of the next byte to read.
    var offset: Int { bufferOffset + position }

    /// The number of bytes after ``offset``, when the size is known.
    var remaining: Int? { size.map { $0 - offset } }

    /// Reads one byte, or returns `nil` at the end of the file.
    func readByte() throws -> UInt8? {
        guard try ensure(1) else { return nil }
        position += 1
        return buffer[position - 1]
    }

    /// Reads a zig-zag varint `long`, or returns `nil` when the file ends before its first byte.
    func readLong() throws -> Int64? {
        let start = offset
        var raw: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard let byte = try readByte() else {
                if offset == start { return nil }
                throw AvroError(.endOfData, "the file ends inside a varint", offset: start)
            }
            if shift == 63 && byte > 1 {
                throw AvroError(.invalidVarint, "the varint has more than 64 bits", offset: start)
            }
            raw |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
            if shift > 63 { throw AvroError(.invalidVarint, "the varint is longer than 10 bytes", offset: start) }
        }
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads exactly `count` bytes. Memory grows with the bytes actually read, never with a
    /// count the file merely claims.
    func readBytes(count: Int) throws -> [UInt8] {
        let start = offset
        if let remaining, count > remaining { throw endOfData(needed: count, at: start) }
        let buffered = min(count, buffer.count - position)
        var bytes = Array(buffer[position..<(position + buffered)])
        position += buffered
        guard bytes.count < count else { return bytes }
        if size != nil { bytes.reserveCapacity(count) }
        dropBuffer()
        while bytes.count < count {
            let read = try readChunk(max: min(count - bytes.count, 1 << 20), appendingTo: &bytes)
            guard read > 0 else { throw endOfData(needed: count, at: start) }
            bufferOffset += read
        }
        return bytes
    }

    /// Skips `count` bytes, moving the file offset when the source can seek.
    func skip(count: Int) throws {
        let start = offset
        if let remaining, count > remaining { throw endOfData(needed: count, at: start) }
        let buffered = min(count, buffer.count - position)
        position += buffered
        guard buffered < count else { return }
        if case .file(let handle, let base?) = source {
            let target = start + count
            try io("seek") { try handle.seek(toOffset: base + UInt64(target)) }
            reset(at: target)
            return
        }
        var left = count - buffered
        dropBuffer()
        var skipped: [UInt8] = []
        while left > 0 {
            skipped.removeAll(keepingCapacity: true)
            let read = try readChunk(max: min(left, Self.chunkSize), appendingTo: &skipped)
            guard read > 0 else { throw endOfData(needed: count, at: start) }
            left -= read
            bufferOffset += read
        }
    }

    /// Goes back to `target`, a byte at or after the last place the input could return to:
    /// anywhere when the source can seek, otherwise inside the current chunk. Returns whether it
    /// moved; when it cannot, reading continues from ``offset``.
    func rewind(to target: Int) throws -> Bool {
        if target >= bufferOffset, target <= offset {
            position = target - bufferOffset
            return true
        }
        switch source {
        case .memory:
            reset(at: target)
            return true
        case .file(let handle, let base?):
            try io("seek") { try handle.seek(toOffset: base + UInt64(target)) }
            reset(at: target)
            return true
        case .file(_, start: nil):
            return false
        }
    }

    /// Moves past the next occurrence of `marker`, and returns `true`; or reads to the end of the
    /// file and returns `false` when the marker does not occur again. Keeps one chunk at a time.
    func skip(past marker: [UInt8]) throws -> Bool {
        while true {
            if let found = firstIndex(of: marker, from: position) {
                position = found + marker.count
                return true
            }
            // The marker may begin in the last `marker.count - 1` bytes: keep them.
            position = max(position, buffer.count - (marker.count - 1))
            guard try fill() else {
                position = buffer.count
                return false
            }
        }
    }

    private func firstIndex(of marker: [UInt8], from start: Int) -> Int? {
        guard let first = marker.first, buffer.count - start >= marker.count else { return nil }
        var index = start
        while index <= buffer.count - marker.count {
            if buffer[index] == first, buffer[index..<(index + marker.count)].elementsEqual(marker) { return index }
            index += 1
        }
        return nil
    }

    /// Makes at least `count` unread bytes available; returns `false` when the file ends first.
    private func ensure(_ count: Int) throws -> Bool {
        while buffer.count - position < count {
            guard try fill() else { return false }
        }
        return true
    }

    /// Drops the bytes read so far and appends the next chunk; returns `false` at the end.
    private func fill() throws -> Bool {
        if position > 0 {
            buffer.removeFirst(position)
            bufferOffset += position
            position = 0
        }
        return try readChunk(max: Self.chunkSize, appendingTo: &buffer) > 0
    }

    /// Reads up to `count` bytes from the source (fewer only at its end) and appends them to
    /// `bytes`, bypassing the buffer; returns how many it read. (Appended straight from the
    /// source's bytes: no array is made in between.)
    private func readChunk(max count: Int, appendingTo bytes: inout [UInt8]) throws -> Int {
        switch source {
        case .memory(let data):
            let start = min(sourceOffset, data.count)
            let end = min(start + count, data.count)
            sourceOffset = end
            bytes.append(contentsOf: data[(data.startIndex + start)..<(data.startIndex + end)])
            return end - start
        case .file(let handle, _):
            let chunk = try io("read") { try handle.read(upToCount: count) } ?? Data()
            sourceOffset += chunk.count
            bytes.append(contentsOf: chunk)
            return chunk.count
        }
    }

    /// Empties the buffer, which has been read to its end, to read straight from the source.
    private func dropBuffer() {
        buffer.removeAll(keepingCapacity: true)
        position = 0
        bufferOffset = sourceOffset
    }

    /// Empties the buffer; the next read starts at `target`.
    private func reset(at target: Int) {
        buffer = []
        position = 0
        bufferOffset = target
        sourceOffset = target
    }

    private func io<Result>(_ operation: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch {
            throw AvroError(.io, "could not \(operation) the file: \(error.localizedDescription)", offset: offset)
        }
    }

    private func endOfData(needed: Int, at start: Int) -> AvroError {
        let available = remaining.map { " but only \($0) remain" } ?? " but the file ends first"
        return AvroError(.endOfData, "expected \(needed) more byte\(needed == 1 ? "" : "s"),\(available)", offset: start)
    }
}
