import Testing
@testable import Avro

/// Known encodings shared by the writer and reader tests.
enum BinaryVectors {
    /// Zig-zag varints, plus the ends of the int and long ranges.
    static let zigZag: [(value: Int64, hex: String)] = [
        (0, "00"), (-1, "01"), (1, "02"), (-2, "03"), (2, "04"), (63, "7e"), (-64, "7f"),
        (64, "80 01"), (-65, "81 01"), (8191, "fe 7f"), (8192, "80 80 01"), (-8193, "81 80 01"),
        (Int64(Int32.max), "fe ff ff ff 0f"), (Int64(Int32.min), "ff ff ff ff 0f"),
        (Int64(Int32.max) + 1, "80 80 80 80 10"), (Int64(Int32.min) - 1, "81 80 80 80 10"),
        (.max, "fe ff ff ff ff ff ff ff ff 01"), (.min, "ff ff ff ff ff ff ff ff ff 01"),
    ]

    /// Floats by bit pattern (NaN payloads included) and their little-endian bytes.
    static let floats: [(bits: UInt32, hex: String)] = [
        (0x7fc0_0000, "00 00 c0 7f"), // quiet NaN, as Python writes it
        (0x7fc0_0001, "01 00 c0 7f"), // NaN with a payload
        (0xffc0_1234, "34 12 c0 ff"), // negative NaN with a payload
        (0x8000_0000, "00 00 00 80"), // -0.0
        (0x7f80_0000, "00 00 80 7f"), // +inf
        (0xff80_0000, "00 00 80 ff"), // -inf
        (0x0000_0001, "01 00 00 00"), // smallest subnormal
        (0x7f7f_ffff, "ff ff 7f 7f"), // largest finite
        (0x3fc0_0000, "00 00 c0 3f"), // 1.5
    ]

    /// Doubles by bit pattern and their little-endian bytes.
    static let doubles: [(bits: UInt64, hex: String)] = [
        (0x7ff8_0000_0000_0000, "00 00 00 00 00 00 f8 7f"), // quiet NaN
        (0x7ff8_0000_0000_0123, "23 01 00 00 00 00 f8 7f"), // NaN with a payload
        (0x8000_0000_0000_0000, "00 00 00 00 00 00 00 80"), // -0.0
        (0x7ff0_0000_0000_0000, "00 00 00 00 00 00 f0 7f"), // +inf
        (0xfff0_0000_0000_0000, "00 00 00 00 00 00 f0 ff"), // -inf
        (0x0000_0000_0000_0001, "01 00 00 00 00 00 00 00"), // 5e-324
        (0x7fef_ffff_ffff_ffff, "ff ff ff ff ff ff ef 7f"), // largest finite
        (0x400a_0000_0000_0000, "00 00 00 00 00 00 0a 40"), // 3.25
    ]

    /// Strings: the UTF-8 length as a long, then the bytes.
    static let strings: [(value: String, hex: String)] = [
        ("", "00"),
        ("foo", "06 66 6f 6f"),
        ("a\u{0}b", "06 61 00 62"), // embedded NUL
        ("ü€🎉", "12 c3 bc e2 82 ac f0 9f 8e 89"), // 2-, 3- and 4-byte sequences
    ]
}

/// ``AvroBinaryWriter``.
@Suite struct BinaryWriterTests {
    private func written(_ body: (inout AvroBinaryWriter) -> Void) -> String {
        var writer = AvroBinaryWriter()
        body(&writer)
        return hexString(writer.bytes)
    }

    private func hex(_ spaced: String) -> String { spaced.filter { !$0.isWhitespace } }

    @Test func longsUseTheZigZagTable() {
        for (value, expected) in BinaryVectors.zigZag {
            #expect(written { $0.writeLong(value) } == hex(expected), "long \(value)")
        }
    }

    @Test func intsUseTheSameBytesAsLongs() {
        for (value, expected) in BinaryVectors.zigZag {
            guard let int = Int32(exactly: value) else { continue }
            #expect(written { $0.writeInt(int) } == hex(expected), "int \(value)")
        }
        #expect(written { $0.writeInt(.min) } == "ffffffff0f")
        #expect(written { $0.writeInt(.max) } == "feffffff0f")
    }

    @Test func booleansAreOneByte() {
        #expect(written { $0.writeBoolean(false); $0.writeBoolean(true) } == "0001")
    }

    @Test func floatsKeepTheirBitPattern() {
        for (bits, expected) in BinaryVectors.floats {
            #expect(written { $0.writeFloat(Float(bitPattern: bits)) } == hex(expected), "float bits \(bits)")
        }
        #expect(written { $0.writeFloat(-0.0) } == "00000080")
        #expect(written { $0.writeFloat(.infinity) } == "0000807f")
    }

    @Test func doublesKeepTheirBitPattern() {
        for (bits, expected) in BinaryVectors.doubles {
            #expect(written { $0.writeDouble(Double(bitPattern: bits)) } == hex(expected), "double bits \(bits)")
        }
        #expect(written { $0.writeDouble(.leastNonzeroMagnitude) } == "0100000000000000")
        #expect(written { $0.writeDouble(-.infinity) } == "000000000000f0ff")
    }

    @Test func stringsAreLengthThenUTF8() {
        for (value, expected) in BinaryVectors.strings {
            #expect(written { $0.writeString(value) } == hex(expected), "string \(value.debugDescription)")
        }
    }

    @Test func bytesAreLengthThenBytes() {
        #expect(written { $0.writeBytes([]) } == "00")
        #expect(written { $0.writeBytes([0x00, 0x01, 0xfe, 0xff]) } == "080001feff")
        #expect(written { $0.writeBytes([UInt8](repeating: 7, count: 64)) } == "8001" + String(repeating: "07", count: 64))
    }

    @Test func fixedHasNoLength() {
        #expect(written { $0.writeFixed([0xde, 0xad]) } == "dead")
        #expect(written { $0.writeFixed([]) } == "")
    }

    @Test func specRecordExample() { // {a: long 27, b: string "foo"}
        #expect(written { $0.writeLong(27); $0.writeString("foo") } == "3606666f6f")
    }

    @Test func specArrayExample() { // [3, 27] of long
        #expect(written { $0.writeLong(2); $0.writeLong(3); $0.writeLong(27); $0.writeLong(0) } == "04063600")
    }

    @Test func specUnionExample() { // ["null","string"]
        #expect(written { $0.writeLong(0) } == "00")
        #expect(written { $0.writeLong(1); $0.writeString("a") } == "020261")
    }

    @Test func appendingCountingAndTruncating() {
        var writer = AvroBinaryWriter(appendingTo: [0xaa])
        writer.reserveCapacity(additional: 32)
        writer.writeLong(1)
        writer.writeEncoded([0x06, 0x66, 0x6f, 0x6f])
        #expect(writer.count == 6)
        #expect(hexString(writer.bytes) == "aa0206666f6f")
        writer.truncate(to: 2)
        #expect(hexString(writer.bytes) == "aa02")
        writer.truncate(to: 2)
        #expect(writer.count == 2)
    }

    @Test func insertLongPutsACountBeforeItsItems() {
        var writer = AvroBinaryWriter(capacity: 8)
        writer.writeLong(3)
        writer.writeLong(27)
        writer.insertLong(-64, at: 0)
        writer.insertLong(64, at: 1)
        #expect(hexString(writer.bytes) == "7f80010636")
    }
}
