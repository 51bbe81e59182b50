/// Reads Avro binary encoding straight from a caller's bytes.
///
/// The reader does not copy its input: create it inside `withUnsafeBytes` and do not let it
/// outlive that closure. Every `read*` method checks the bytes that remain and throws an
/// ``AvroError`` with the byte ``offset`` of the value on malformed or truncated input;
/// lengths and counts are checked against what remains before anything is allocated.
///
/// ```swift
/// try data.withUnsafeBytes { buffer in
///     var reader = AvroBinaryReader(buffer)
///     let id = try reader.readLong()
///     let name = try reader.readString()
/// }
/// ```
public struct AvroBinaryReader {
    @usableFromInline let base: UnsafePointer<UInt8>?
    @usableFromInline let end: Int
    /// The offset of the next byte to read.
    public var offset: Int { cursor }
    /// The storage of ``offset``, which the inlinable reads (compiled into callers' modules)
    /// move: a `private(set)` setter cannot be used from inlinable code.
    @usableFromInline var cursor: Int
    /// How many items of zero-byte types (null, empty records, fixed of size 0) arrays and
    /// maps may still claim. Such items use no input, so the remaining input cannot bound
    /// their count.
    public var zeroSizeItemBudget: Int
    /// How deep values read inside ``nested(_:)`` may nest: ``AvroNesting/defaultMaxDepth``
    /// unless set (``AvroDecoder`` sets its ``AvroDecoder/Options/maxDepth``).
    public var maxDepth = AvroNesting.defaultMaxDepth
    /// How deep inside ``nested(_:)`` the reader is now.
    public private(set) var depth = 0

    /// Creates a reader over `buffer`, which must stay valid while the reader is used.
    /// `zeroSizeItemLimit` bounds the items of zero-byte types it may read; by default,
    /// ``AvroDecoder/Options``' default limit for an input of `buffer`'s size (1,000 items per
    /// byte, at most 10 million).
    public init(_ buffer: UnsafeRawBufferPointer, zeroSizeItemLimit: Int? = nil) {
        base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        end = buffer.count
        cursor = 0
        zeroSizeItemBudget = zeroSizeItemLimit ?? AvroDecoder.Options.zeroSizeItemLimit(forInputOf: buffer.count)
    }

    /// Reads a nested value with `body`, one level deeper: what a type with a recursive
    /// schema wraps around reading each value of its own type, so that hostile input nested
    /// beyond ``maxDepth``, or beyond the thread's stack, throws instead of overflowing it.
    ///
    /// - Throws: ``AvroError/Code/limitExceeded`` when the value would be nested too deep;
    ///   whatever `body` throws.
    @inline(__always)
    public mutating func nested<Result>(_ body: (inout AvroBinaryReader) throws -> Result) throws -> Result {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the data", offset: cursor)
        depth &+= 1
        defer { depth &-= 1 }
        return try body(&self)
    }

    /// Reads a value of `type` (by default, the type the result is assigned to) with its own
    /// ``AvroBinaryDecodable/init(avroFrom:)``: what generated code calls for a field of a
    /// named type, whatever names the record's members have.
    @inlinable
    public mutating func read<T: AvroBinaryDecodable>(_ type: T.Type = T.self) throws -> T {
        try T(avroFrom: &self)
    }

    /// Reads a value of the `null` type: no bytes.
    @inlinable
    public mutating func readNull() throws(AvroError) -> AvroNull { AvroNull() }

    /// The number of bytes not read yet.
    @inlinable public var remaining: Int { end &- cursor }

    /// Whether every byte has been read.
    @inlinable public var isAtEnd: Bool { cursor >= end }

    @inlinable @inline(__always) mutating func readByte() throws(AvroError) -> UInt8 {
        guard cursor < end, let base else { throw endOfData(needed: 1) }
        let byte = base[cursor]
        cursor &+= 1
        return byte
    }

    /// Reads a boolean: `00` is false, `01` is true; any other byte is an error.
    @inlinable @inline(__always) public mutating func readBoolean() throws(AvroError) -> Bool {
        let byte = try readByte()
        guard byte <= 1 else { throw invalidBoolean(byte) }
        return byte == 1
    }

    /// Reads an `int`: a zig-zag varint of at most 5 bytes whose value fits in 32 bits.
    @inlinable @inline(__always) public mutating func readInt() throws(AvroError) -> Int32 {
        let start = cursor
        let value = try readLong()
        guard cursor &- start <= 5, let int = Int32(exactly: value) else { throw invalidInt(value, at: start) }
        return int
    }

    /// Reads a `long`: a zig-zag varint of at most 10 bytes.
    @inlinable @inline(__always) public mutating func readLong() throws(AvroError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    @inlinable @inline(__always) mutating func readVarint() throws(AvroError) -> UInt64 {
        guard let base, cursor < end else { throw endOfData(needed: 1) }
        let byte = base[cursor]
        if byte < 0x80 {
            cursor &+= 1
            return UInt64(byte)
        }
        return try readLongVarint()
    }

    /// Reads a varint of more than one byte.
    @usableFromInline @inline(__always) mutating func readLongVarint() throws(AvroError) -> UInt64 {
        guard let base else { throw endOfData(needed: 1) }
        var byte: UInt8
        let start = cursor
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var position = cursor
        while true {
            guard position < end else {
                cursor = start
                throw AvroError(.endOfData, "the input ends inside a varint", offset: start)
            }
            byte = base[position]
            position &+= 1
            if shift == 63 && byte > 1 {
                throw AvroError(.invalidVarint, "the varint has more than 64 bits", offset: start)
            }
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift &+= 7
            if shift > 63 {
                throw AvroError(.invalidVarint, "the varint is longer than 10 bytes", offset: start)
            }
        }
        cursor = position
        return result
    }

    /// Reads a `float`: 4 bytes, little-endian.
    @inlinable @inline(__always) public mutating func readFloat() throws(AvroError) -> Float {
        guard remaining >= 4, let base else { throw endOfData(needed: 4) }
        let bits = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt32.self)
        cursor &+= 4
        return Float(bitPattern: UInt32(littleEndian: bits))
    }

    /// Reads a `double`: 8 bytes, little-endian.
    @inlinable @inline(__always) public mutating func readDouble() throws(AvroError) -> Double {
        guard remaining >= 8, let base else { throw endOfData(needed: 8) }
        let bits = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
        cursor &+= 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Reads the length of a `bytes` or `string`, checked to be non-negative and no larger
    /// than the input that remains.
    @inlinable @inline(__always) public mutating func readLength() throws(AvroError) -> Int {
        let start = cursor
        let length = try readLong()
        guard length >= 0, length <= Int64(remaining) else { throw invalidLength(length, at: start) }
        return Int(length)
    }

    /// Reads `count` raw bytes without copying them. The buffer is valid as long as the input.
    @inlinable @inline(__always) public mutating func readRawBytes(count: Int) throws(AvroError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw endOfData(needed: count) }
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let buffer = UnsafeRawBufferPointer(start: base + cursor, count: count)
        cursor &+= count
        return buffer
    }

    /// Reads a `bytes` value.
    public mutating func readBytes() throws(AvroError) -> [UInt8] {
        Array(try readRawBytes(count: try readLength()))
    }

    /// Reads a `bytes` or `string` value without copying it.
    @inlinable @inline(__always) public mutating func readLengthPrefixedBytes() throws(AvroError) -> UnsafeRawBufferPointer {
        try readRawBytes(count: try readLength())
    }

    /// Reads a `string`, which must be valid UTF-8.
    @inlinable @inline(__always) public mutating func readString() throws(AvroError) -> String {
        let start = cursor
        let utf8 = try readLengthPrefixedBytes()
        guard let string = String(validatingAvroUTF8: utf8.bindMemory(to: UInt8.self)) else {
            throw Self.invalidUTF8(count: utf8.count, at: start)
        }
        return string
    }

    /// Reads the `size` bytes of a `fixed` value.
    public mutating func readFixed(size: Int) throws(AvroError) -> [UInt8] {
        Array(try readRawBytes(count: size))
    }

    /// Reads the item count of the next block of an array or map: 0 ends it. A negative count
    /// (followed by the block's byte size) is returned as its absolute value.
    ///
    /// - Parameter minItemSize: The fewest bytes one item can take; the count is checked
    ///   against the input that remains (or the zero-size item budget) before returning.
    public mutating func readBlockCount(minItemSize: Int) throws(AvroError) -> Int {
        let start = cursor
        let count = try readBlockHeader().count
        try claimItems(count, minItemSize: minItemSize, at: start)
        return Int(count)
    }

    /// Reads the header of the next block of an array or map: the item count (0 ends the
    /// array or map), and the block's byte size when the writer gave one (a negative count).
    mutating func readBlockHeader() throws(AvroError) -> (count: Int64, byteSize: Int?) {
        let start = cursor
        let count = try readLong()
        guard count < 0 else { return (count, nil) }
        guard count != .min else { throw AvroError(.invalidLength, "found a block count of \(count)", offset: start) }
        let size = try readLong()
        guard size >= 0, size <= Int64(remaining) else {
            throw AvroError(.invalidLength, "found a block size of \(size) bytes, but only \(remaining) remain", offset: start)
        }
        return (-count, Int(size))
    }

    /// Checks that `count` items of at least `minItemSize` bytes can follow, so that a hostile
    /// count cannot make the reader allocate: against the remaining input, or for zero-byte
    /// items against their budget.
    mutating func claimItems(_ count: Int64, minItemSize: Int, at start: Int) throws(AvroError) {
        if minItemSize > 0 {
            guard count <= Int64(remaining / minItemSize) else {
                throw AvroError(.invalidLength, "found a block of \(count) items of at least \(minItemSize) bytes each, but only \(remaining) bytes remain", offset: start)
            }
        } else {
            guard count <= Int64(zeroSizeItemBudget) else {
                throw AvroError(.limitExceeded, "found a block of \(count) zero-byte items, more than the limit of \(zeroSizeItemBudget) left", offset: start)
            }
            zeroSizeItemBudget -= Int(count)
        }
    }

    /// Skips `count` bytes.
    @inlinable @inline(__always) public mutating func skip(count: Int) throws(AvroError) {
        guard count >= 0, count <= remaining else { throw endOfData(needed: count) }
        cursor &+= count
    }

    /// Skips a `bytes` or `string` value.
    @inlinable @inline(__always) public mutating func skipLengthPrefixed() throws(AvroError) {
        cursor &+= try readLength()
    }

    /// The input from `start` up to the current offset, without copying.
    func bytes(from start: Int) -> UnsafeRawBufferPointer {
        guard let base, start >= 0, start <= cursor else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + start, count: cursor - start)
    }

    /// Moves to `offset`, clamped to the input. Used to revisit a value whose start was noted.
    mutating func seek(to offset: Int) {
        cursor = Swift.min(Swift.max(offset, 0), end)
    }

    // The errors of the inlinable reads, made out of line so that the code inlined into
    // callers stays small.

    @usableFromInline func endOfData(needed: Int) -> AvroError {
        AvroError(.endOfData, "expected \(needed) more byte\(needed == 1 ? "" : "s"), but \(remaining == 0 ? "the input ends here" : "only \(remaining) remain")", offset: offset)
    }

    @usableFromInline func invalidBoolean(_ byte: UInt8) -> AvroError {
        AvroError(.invalidBoolean, "expected a boolean byte 0 or 1, found \(byte)", offset: cursor &- 1)
    }

    /// An int read as `value` from the varint at `start`: too long, or too large.
    @usableFromInline func invalidInt(_ value: Int64, at start: Int) -> AvroError {
        cursor &- start > 5
            ? AvroError(.invalidVarint, "the varint of an int is longer than 5 bytes", offset: start)
            : AvroError(.valueOutOfRange, "expected an int, found \(value), which needs 64 bits", offset: start)
    }

    /// A length read at `start` that is negative or longer than the input; the reader goes back
    /// to `start`.
    @usableFromInline mutating func invalidLength(_ length: Int64, at start: Int) -> AvroError {
        let available = remaining
        cursor = start
        return AvroError(.invalidLength, length < 0
            ? "found a negative length \(length)"
            : "found a length of \(length) bytes, but only \(available) remain", offset: start)
    }

    @usableFromInline static func invalidUTF8(count: Int, at start: Int) -> AvroError {
        AvroError(.invalidUTF8, "the string of \(count) bytes is not valid UTF-8", offset: start)
    }
}
