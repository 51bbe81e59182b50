/// The raw Snappy block format (not the framed stream format).
///
/// A block is the uncompressed length as a little-endian base-128 varint of at most 32 bits,
/// then elements until the end of the block. The low 2 bits of an element's tag byte give its
/// kind:
/// - 0, a literal: `tag >> 2` is the length − 1 when below 60; 60...63 mean that the length − 1
///   follows in 1...4 little-endian bytes. The literal's bytes follow.
/// - 1, a copy with an 11-bit offset: length 4...11 in bits 2...4, the offset's high 3 bits in
///   bits 5...7 and its low 8 bits in the next byte.
/// - 2, a copy with a 16-bit offset: length − 1 in bits 2...7, then the little-endian offset.
/// - 3, a copy with a 32-bit offset: like 2, with a 4-byte offset.
///
/// A copy repeats `length` bytes starting `offset` bytes back in the output; it may overlap
/// the bytes it writes.
enum Snappy {
    /// The largest offset the compressor uses, so that every copy fits a 16-bit offset.
    private static let maximumOffset = 65_535
    /// An element of n compressed bytes yields at most 64 / 3 · n output bytes (a 3-byte copy
    /// of 64 bytes), so a block cannot hold more than 22 times its size.
    private static let maximumExpansion = 22

    // MARK: Compression

    /// Compresses `input` into one Snappy block, greedily copying every earlier 4-byte
    /// sequence found through a hash table.
    ///
    /// - Throws: `AvroError(.limitExceeded)` when `input` is larger than 4 GiB − 1, the
    ///   largest length the format can declare.
    static func compress(_ input: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
        let count = input.count
        guard let declaredLength = UInt32(exactly: count) else {
            throw AvroError(.limitExceeded, "snappy blocks must be smaller than 4 GiB, found \(count) bytes")
        }
        var output: [UInt8] = []
        output.reserveCapacity(32 + count + count / 6)
        appendVarint(declaredLength, to: &output)

        let bytes = UnsafeRawBufferPointer(input)
        let tableBits = min(14, max(8, Int.bitWidth - count.leadingZeroBitCount))
        var table = [Int](repeating: -1, count: 1 << tableBits)
        var literalStart = 0
        var position = 0
        // Every miss moves `skip >> 5` bytes on, so incompressible data is skipped faster
        // and faster until the next match.
        var skip = 32
        while position + 4 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            let slot = Int((word &* 0x1E35_A7BD) >> (32 - tableBits))
            let candidate = table[slot]
            table[slot] = position
            guard candidate >= 0, position - candidate <= maximumOffset,
                  bytes.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == word
            else {
                position += skip >> 5
                skip += 1
                continue
            }
            let length = 4 + matchLength(bytes, candidate + 4, position + 4)
            appendLiteral(input[literalStart..<position], to: &output)
            appendCopy(offset: position - candidate, length: length, to: &output)
            position += length
            literalStart = position
            skip = 32
        }
        appendLiteral(input[literalStart...], to: &output)
        return output
    }

    /// The number of equal bytes at `earlier` and `later` (`earlier < later`), up to the end.
    private static func matchLength(_ bytes: UnsafeRawBufferPointer, _ earlier: Int, _ later: Int) -> Int {
        var length = 0
        while later + length + 8 <= bytes.count {
            let a = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: earlier + length, as: UInt64.self))
            let b = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: later + length, as: UInt64.self))
            if a != b { return length + (a ^ b).trailingZeroBitCount / 8 }
            length += 8
        }
        while later + length < bytes.count && bytes[earlier + length] == bytes[later + length] {
            length += 1
        }
        return length
    }

    private static func appendVarint(_ value: UInt32, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    private static func appendLiteral(_ literal: Slice<UnsafeBufferPointer<UInt8>>, to output: inout [UInt8]) {
        guard !literal.isEmpty else { return }
        let lengthMinusOne = literal.count - 1
        if lengthMinusOne < 60 {
            output.append(UInt8(lengthMinusOne << 2))
        } else {
            let lengthBytes = (Int.bitWidth - lengthMinusOne.leadingZeroBitCount + 7) / 8
            output.append(UInt8((59 + lengthBytes) << 2))
            for index in 0..<lengthBytes {
                output.append(UInt8(truncatingIfNeeded: lengthMinusOne >> (8 * index)))
            }
        }
        output.append(contentsOf: literal)
    }

    /// Appends copies of at most 64 bytes each; every piece keeps at least 4 bytes.
    private static func appendCopy(offset: Int, length: Int, to output: inout [UInt8]) {
        var length = length
        while length >= 68 {
            appendCopy2(offset: offset, length: 64, to: &output)
            length -= 64
        }
        if length > 64 {
            appendCopy2(offset: offset, length: 60, to: &output)
            length -= 60
        }
        if length < 12 && offset < 2048 {
            output.append(UInt8(1 | (length - 4) << 2 | (offset >> 8) << 5))
            output.append(UInt8(truncatingIfNeeded: offset))
        } else {
            appendCopy2(offset: offset, length: length, to: &output)
        }
    }

    private static func appendCopy2(offset: Int, length: Int, to output: inout [UInt8]) {
        output.append(UInt8(2 | (length - 1) << 2))
        output.append(UInt8(truncatingIfNeeded: offset))
        output.append(UInt8(truncatingIfNeeded: offset >> 8))
    }

    // MARK: Decompression

    /// Decompresses one Snappy block, checking every element against the input and the
    /// declared length.
    ///
    /// - Throws: `AvroError(.limitExceeded)` when the declared length exceeds `limit` (before
    ///   allocating anything), `AvroError(.codec)` when the block is malformed.
    static func decompress(_ input: UnsafeBufferPointer<UInt8>, limit: Int) throws -> [UInt8] {
        var position = 0
        let length = try readLength(input, &position)
        guard length <= limit else {
            throw AvroError(
                .limitExceeded, "snappy block declares \(length) uncompressed bytes, more than the limit of \(limit)",
                offset: 0)
        }
        let remaining = input.count - position
        guard (length + maximumExpansion - 1) / maximumExpansion <= remaining else {
            throw corrupt(
                "declares \(length) uncompressed bytes, more than its \(remaining) compressed bytes can hold", at: 0)
        }
        let source = UnsafeRawBufferPointer(input)
        return try [UInt8](unsafeUninitializedCapacity: length) { output, initializedCount in
            let target = UnsafeMutableRawBufferPointer(output)
            var written = 0
            while position < input.count {
                let elementStart = position
                let element = try readElement(input, &position)
                let room = length - written
                switch element {
                case .literal(let count):
                    guard count <= input.count - position else {
                        throw corrupt(
                            "has a literal of \(count) bytes but only \(input.count - position) bytes left",
                            at: elementStart)
                    }
                    guard count <= room else {
                        throw corrupt(
                            "has a literal of \(count) bytes after \(written) bytes, past its declared length of \(length)",
                            at: elementStart)
                    }
                    UnsafeMutableRawBufferPointer(rebasing: target[written..<written + count])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
                    position += count
                    written += count
                case .copy(let count, let offset):
                    guard offset > 0 else { throw corrupt("has a copy with offset 0", at: elementStart) }
                    guard offset <= written else {
                        throw corrupt(
                            "has a copy from \(offset) bytes back after only \(written) bytes", at: elementStart)
                    }
                    guard count <= room else {
                        throw corrupt(
                            "has a copy of \(count) bytes after \(written) bytes, past its declared length of \(length)",
                            at: elementStart)
                    }
                    // Copying at most `offset` bytes at a time never reads what it writes, and
                    // repeats a short pattern as an overlapping copy must.
                    var copied = 0
                    while copied < count {
                        let chunk = min(offset, count - copied)
                        let from = written + copied - offset
                        UnsafeMutableRawBufferPointer(rebasing: target[(written + copied)...].prefix(chunk))
                            .copyMemory(from: UnsafeRawBufferPointer(rebasing: target[from..<from + chunk]))
                        copied += chunk
                    }
                    written += count
                }
            }
            guard written == length else {
                throw corrupt("declares \(length) uncompressed bytes but holds \(written)", at: input.count)
            }
            initializedCount = written
        }
    }

    /// An element of a block: the bytes that follow in the block, or a copy of earlier output.
    private enum Element {
        case literal(count: Int)
        case copy(count: Int, offset: Int)
    }

    /// Reads the tag of the element at `position` and the length and offset bytes after it,
    /// leaving `position` at the literal's bytes or the next element.
    private static func readElement(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws -> Element {
        let start = position
        let tag = input[position]
        let kind = tag & 3
        // Bytes after the tag: a literal's length − 1 takes 0...4, a copy's offset 1, 2 or 4.
        let extraBytes = kind == 0 ? max(0, Int(tag >> 2) - 59) : kind == 3 ? 4 : Int(kind)
        guard extraBytes <= input.count - position - 1 else {
            throw corrupt(kind == 0 ? "ends inside the length of a literal" : "ends inside a copy", at: start)
        }
        let extra = UInt64(readLittleEndian(input, at: position + 1, count: extraBytes))
        position += 1 + extraBytes
        // Lengths and offsets too large for Int (on 32-bit machines) become Int.max, which
        // the caller rejects.
        switch kind {
        case 0:
            let count = (extraBytes == 0 ? UInt64(tag >> 2) : extra) + 1
            return .literal(count: Int(exactly: count) ?? Int.max)
        case 1: return .copy(count: 4 + Int(tag >> 2 & 7), offset: Int(tag >> 5) << 8 | Int(extra))
        default: return .copy(count: Int(tag >> 2) + 1, offset: Int(exactly: extra) ?? Int.max)
        }
    }

    /// Reads the uncompressed length: a varint of at most 5 bytes and 32 bits.
    private static func readLength(_ input: UnsafeBufferPointer<UInt8>, _ position: inout Int) throws -> Int {
        var value: UInt64 = 0
        for index in 0..<5 {
            guard position < input.count else { throw corrupt("ends inside its length", at: position) }
            let byte = input[position]
            position += 1
            value |= UInt64(byte & 0x7F) << (7 * index)
            if byte & 0x80 == 0 {
                guard value <= UInt32.max else {
                    throw corrupt("declares a length of \(value), more than 32 bits", at: 0)
                }
                guard let length = Int(exactly: value) else {
                    throw AvroError(
                        .limitExceeded, "snappy block declares \(value) bytes, too many for this machine", offset: 0)
                }
                return length
            }
        }
        throw corrupt("has a length varint longer than 5 bytes", at: 0)
    }

    /// The unsigned little-endian number in the `count` (0...4) bytes at `position`.
    private static func readLittleEndian(_ input: UnsafeBufferPointer<UInt8>, at position: Int, count: Int) -> UInt32 {
        (0..<count).reduce(0) { $0 | UInt32(input[position + $1]) << (8 * $1) }
    }

    private static func corrupt(_ problem: String, at offset: Int) -> AvroError {
        AvroError(.codec, "snappy block " + problem, offset: offset)
    }
}
