/// Writes Avro binary encoding into a growing byte buffer.
///
/// Each `write*` method appends one value's encoding. Composite values are written as their
/// parts: a record is its fields in order, a union is ``writeLong(_:)`` of the branch index
/// then the branch's value, an array or map is ``writeLong(_:)`` of the item count, the
/// items, and a final `writeLong(0)`.
///
/// ```swift
/// var writer = AvroBinaryWriter()
/// writer.writeLong(27)
/// writer.writeString("foo")
/// writer.bytes // [0x36, 0x06, 0x66, 0x6f, 0x6f]
/// ```
public struct AvroBinaryWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] { storage }
    /// The storage of ``bytes``, which the inlinable writes (compiled into callers' modules)
    /// append to: a `private(set)` setter cannot be used from inlinable code.
    @usableFromInline var storage: [UInt8]
    /// How deep values written inside ``nested(_:)`` may nest: ``AvroNesting/defaultMaxDepth``
    /// unless set (``AvroEncoder`` sets its ``AvroEncoder/maxDepth``).
    public var maxDepth = AvroNesting.defaultMaxDepth
    /// How deep inside ``nested(_:)`` the writer is now.
    public private(set) var depth = 0

    /// Creates a writer with room for `capacity` bytes before it has to grow.
    public init(capacity: Int = 0) {
        storage = []
        // Reserving on the shared empty array allocates even for no room at all.
        if capacity > 0 { storage.reserveCapacity(capacity) }
    }

    /// Creates a writer that appends to `bytes`.
    public init(appendingTo bytes: [UInt8]) {
        storage = bytes
    }

    /// Writes a nested value with `body`, one level deeper: what a type with a recursive
    /// schema wraps around writing each value of its own type, so that a value nested beyond
    /// ``maxDepth``, or beyond the thread's stack, throws instead of overflowing it.
    ///
    /// - Throws: ``AvroError/Code/limitExceeded`` when the value is nested too deep; whatever
    ///   `body` throws.
    @inline(__always)
    public mutating func nested<Result>(_ body: (inout AvroBinaryWriter) throws -> Result) throws -> Result {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the value")
        depth &+= 1
        defer { depth &-= 1 }
        return try body(&self)
    }

    /// The number of bytes written so far.
    @inlinable public var count: Int { storage.count }

    /// Makes room for `additional` more bytes.
    public mutating func reserveCapacity(additional: Int) {
        storage.reserveCapacity(storage.count + additional)
    }

    /// Removes every byte after the first `count`.
    public mutating func truncate(to count: Int) {
        if count == 0 {
            storage.removeAll(keepingCapacity: true)
        } else {
            storage.removeSubrange(count...)
        }
    }

    /// Writes `false` as `00` and `true` as `01`.
    @inlinable @inline(__always) public mutating func writeBoolean(_ value: Bool) {
        storage.append(value ? 1 : 0)
    }

    /// Writes an `int` as a zig-zag varint (1 to 5 bytes).
    @inlinable @inline(__always) public mutating func writeInt(_ value: Int32) {
        writeVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    /// Writes a `long` as a zig-zag varint (1 to 10 bytes).
    @inlinable @inline(__always) public mutating func writeLong(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Writes a `float` as its 4 IEEE-754 bytes, little-endian (the bit pattern is kept).
    @inlinable @inline(__always) public mutating func writeFloat(_ value: Float) {
        let bits = value.bitPattern
        storage.append(UInt8(truncatingIfNeeded: bits))
        storage.append(UInt8(truncatingIfNeeded: bits >> 8))
        storage.append(UInt8(truncatingIfNeeded: bits >> 16))
        storage.append(UInt8(truncatingIfNeeded: bits >> 24))
    }

    /// Writes a `double` as its 8 IEEE-754 bytes, little-endian (the bit pattern is kept).
    @inlinable @inline(__always) public mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { storage.append(contentsOf: $0) }
    }

    /// Writes `bytes`: its length as a `long`, then the bytes.
    @inlinable public mutating func writeBytes(_ value: some Collection<UInt8>) {
        writeLong(Int64(value.count))
        storage.append(contentsOf: value)
    }

    /// Writes a `string`: its UTF-8 length as a `long`, then the UTF-8 bytes.
    @inlinable @inline(__always) public mutating func writeString(_ value: String) {
        // Native strings lend their UTF-8 without a copy of the string (`withUTF8` needs a
        // `var`, which costs a retain); others are made contiguous first.
        if value.utf8.withContiguousStorageIfAvailable({ writeLengthPrefixed($0) }) != nil { return }
        var value = value
        value.withUTF8 { writeLengthPrefixed($0) }
    }

    @inlinable @inline(__always) mutating func writeLengthPrefixed(_ utf8: UnsafeBufferPointer<UInt8>) {
        writeLong(Int64(utf8.count))
        storage.append(contentsOf: utf8)
    }

    /// Writes the bytes of a `fixed` value, with no length. The caller checks the size.
    @inlinable public mutating func writeFixed(_ value: some Collection<UInt8>) {
        storage.append(contentsOf: value)
    }

    /// Appends bytes that are already Avro binary (a pre-encoded value).
    @inlinable public mutating func writeEncoded(_ encoded: some Collection<UInt8>) {
        storage.append(contentsOf: encoded)
    }

    /// Writes an unsigned base-128 varint, low group first.
    @inlinable @inline(__always) mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            storage.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        storage.append(UInt8(truncatingIfNeeded: value))
    }

    /// Swaps the written bytes with `other`, moving both arrays without retaining either: a
    /// coding state takes the caller's buffer to append to, and gives it back.
    mutating func swapBytes(with other: inout [UInt8]) {
        swap(&storage, &other)
    }

    /// Inserts the encoding of the `long` `value` at `index`, moving what follows. Used to
    /// write an array's item count once the items are written.
    mutating func insertLong(_ value: Int64, at index: Int) {
        var encoded = AvroBinaryWriter(capacity: 10)
        encoded.writeLong(value)
        storage.insert(contentsOf: encoded.bytes, at: index)
    }
}
