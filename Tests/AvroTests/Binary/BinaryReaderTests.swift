import Testing
@testable import Avro

/// Runs `body` with a reader over `bytes` and returns its result and the reader's final offset.
func reading<T>(_ bytes: [UInt8], zeroSizeItemLimit: Int = 10_000_000,
                _ body: (inout AvroBinaryReader) throws -> T) throws -> (value: T, offset: Int) {
    try bytes.withUnsafeBytes { buffer in
        var reader = AvroBinaryReader(buffer, zeroSizeItemLimit: zeroSizeItemLimit)
        let value = try body(&reader)
        return (value, reader.offset)
    }
}

/// ``AvroBinaryReader``.
@Suite struct BinaryReaderTests {
    /// Expects reading `hex` with `body` to throw `code` at byte `offset`.
    private func expectFailure(_ code: AvroError.Code, at offset: Int, _ hex: String, zeroSizeItemLimit: Int = 10_000_000,
                               sourceLocation: SourceLocation = #_sourceLocation,
                               _ body: (inout AvroBinaryReader) throws -> Void) {
        let error = expectAvroError(code, sourceLocation: sourceLocation) {
            _ = try reading(hexBytes(hex), zeroSizeItemLimit: zeroSizeItemLimit, body)
        }
        #expect(error?.offset == offset, "\(error.map(String.init(describing:)) ?? "no error") for \(hex)", sourceLocation: sourceLocation)
    }

    // MARK: - int and long

    @Test func longsDecodeTheZigZagTable() throws {
        for (value, hex) in BinaryVectors.zigZag {
            let bytes = hexBytes(hex)
            let read = try reading(bytes) { try $0.readLong() }
            #expect(read.value == value, "\(hex)")
            #expect(read.offset == bytes.count, "\(hex)")
        }
    }

    @Test func intsDecodeTheZigZagTableInRange() throws {
        for (value, hex) in BinaryVectors.zigZag {
            let bytes = hexBytes(hex)
            if let int = Int32(exactly: value) {
                let read = try reading(bytes) { try $0.readInt() }
                #expect(read.value == int, "\(hex)")
                #expect(read.offset == bytes.count, "\(hex)")
            } else if bytes.count <= 5 {
                expectFailure(.valueOutOfRange, at: 1, "00" + hex) { _ = try $0.readLong(); _ = try $0.readInt() }
            } else {
                expectFailure(.invalidVarint, at: 1, "00" + hex) { _ = try $0.readLong(); _ = try $0.readInt() }
            }
        }
    }

    @Test func nonMinimalVarintsAreAccepted() throws {
        #expect(try reading(hexBytes("80 00")) { try $0.readLong() } == (0, 2))
        #expect(try reading(hexBytes("81 80 80 80 00")) { try $0.readInt() } == (-1, 5))
    }

    @Test func overlongVarintsAreRejected() {
        expectFailure(.invalidVarint, at: 1, "00 80 80 80 80 80 80 80 80 80 80 00") { _ = try $0.readLong(); _ = try $0.readLong() }
        expectFailure(.invalidVarint, at: 0, "ff ff ff ff ff ff ff ff ff 02") { _ = try $0.readLong() } // 65 bits
        expectFailure(.invalidVarint, at: 0, "ff ff ff ff ff ff ff ff ff 81 00") { _ = try $0.readLong() }
        expectFailure(.invalidVarint, at: 0, "80 80 80 80 80 00") { _ = try $0.readInt() } // int of 6 bytes
        expectFailure(.invalidVarint, at: 2, "02 04 ff ff ff ff ff 01") { _ = try $0.readInt(); _ = try $0.readInt(); _ = try $0.readInt() }
    }

    @Test func intsBeyond32BitsAreRejected() {
        expectFailure(.valueOutOfRange, at: 0, "ff ff ff ff 1f") { _ = try $0.readInt() }
        expectFailure(.valueOutOfRange, at: 0, "fe ff ff ff 1f") { _ = try $0.readInt() }
    }

    @Test func truncatedVarintsEndOfData() {
        for (_, hex) in BinaryVectors.zigZag {
            let bytes = hexBytes(hex)
            for cut in 0..<bytes.count {
                let prefix = hexString(bytes[..<cut])
                expectFailure(.endOfData, at: 1, "00" + prefix) { _ = try $0.readLong(); _ = try $0.readLong() }
                if bytes.count <= 5 {
                    expectFailure(.endOfData, at: 1, "00" + prefix) { _ = try $0.readInt(); _ = try $0.readInt() }
                }
            }
        }
    }

    // MARK: - boolean, float, double

    @Test func booleans() throws {
        #expect(try reading([0, 1]) { [try $0.readBoolean(), try $0.readBoolean()] } == ([false, true], 2))
        expectFailure(.invalidBoolean, at: 1, "01 02") { _ = try $0.readBoolean(); _ = try $0.readBoolean() }
        expectFailure(.invalidBoolean, at: 0, "ff") { _ = try $0.readBoolean() }
        expectFailure(.endOfData, at: 0, "") { _ = try $0.readBoolean() }
    }

    @Test func floatsKeepTheirBitPattern() throws {
        for (bits, hex) in BinaryVectors.floats {
            let read = try reading(hexBytes(hex)) { try $0.readFloat() }
            #expect(read.value.bitPattern == bits, "\(hex)")
            #expect(read.offset == 4)
            for cut in 0..<4 {
                expectFailure(.endOfData, at: 0, hexString(hexBytes(hex)[..<cut])) { _ = try $0.readFloat() }
            }
        }
    }

    @Test func doublesKeepTheirBitPattern() throws {
        for (bits, hex) in BinaryVectors.doubles {
            let read = try reading(hexBytes(hex)) { try $0.readDouble() }
            #expect(read.value.bitPattern == bits, "\(hex)")
            #expect(read.offset == 8)
            for cut in 0..<8 {
                expectFailure(.endOfData, at: 0, hexString(hexBytes(hex)[..<cut])) { _ = try $0.readDouble() }
            }
        }
        let negativeZero = try reading(hexBytes("00 00 00 00 00 00 00 80")) { try $0.readDouble() }.value
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
    }

    // MARK: - bytes, string, fixed

    @Test func strings() throws {
        for (value, hex) in BinaryVectors.strings {
            let bytes = hexBytes(hex)
            let read = try reading(bytes) { try $0.readString() }
            #expect(read.value == value, "\(hex)")
            #expect(read.offset == bytes.count)
            #expect(try reading(bytes) { try $0.skipLengthPrefixed() }.offset == bytes.count)
        }
    }

    @Test func bytesAndFixed() throws {
        #expect(try reading(hexBytes("00")) { try $0.readBytes() } == ([], 1))
        #expect(try reading(hexBytes("08 00 01 fe ff")) { try $0.readBytes() } == ([0x00, 0x01, 0xfe, 0xff], 5))
        #expect(try reading(hexBytes("de ad be")) { try $0.readFixed(size: 2) } == ([0xde, 0xad], 2))
        #expect(try reading([]) { try $0.readFixed(size: 0) } == ([], 0))
        expectFailure(.endOfData, at: 1, "de ad") { _ = try $0.readFixed(size: 1); _ = try $0.readFixed(size: 2) }
        expectFailure(.endOfData, at: 0, "de ad") { try $0.skip(count: 3) }
    }

    @Test func invalidUTF8IsRejectedWithTheStringsOffset() {
        let invalid = [
            "04 c0 af",    // overlong encoding of '/'
            "06 e0 80 af", // overlong 3-byte encoding
            "06 ed a0 80", // lone surrogate U+D800
            "0a 61 ed bf bf 62", // lone surrogate U+DFFF between letters
            "04 e2 82",    // truncated 3-byte sequence
            "06 f0 9f 8e", // truncated 4-byte sequence
            "02 80",       // continuation byte with no lead
            "02 ff",       // never valid in UTF-8
            "08 f4 90 80 80", // beyond U+10FFFF
        ]
        for hex in invalid {
            expectFailure(.invalidUTF8, at: 1, "00 " + hex) { _ = try $0.readLong(); _ = try $0.readString() }
        }
    }

    @Test func negativeLengthsAreRejected() {
        expectFailure(.invalidLength, at: 1, "00 01") { _ = try $0.readLong(); _ = try $0.readBytes() }
        expectFailure(.invalidLength, at: 0, "03 61 62") { _ = try $0.readString() }
        expectFailure(.invalidLength, at: 0, "ff ff ff ff ff ff ff ff ff 01") { try $0.skipLengthPrefixed() }
    }

    @Test func lengthsBeyondTheInputAreRejectedBeforeAllocating() {
        let error = expectAvroError(.invalidLength) { _ = try reading(hexBytes("02 0a 61 62")) { _ = try $0.readLong(); _ = try $0.readString() } }
        #expect(error?.offset == 1)
        #expect(error?.message == "found a length of 5 bytes, but only 2 remain")
        expectFailure(.invalidLength, at: 0, "80 80 80 80 80 80 80 80 80 01") { _ = try $0.readBytes() } // 2^62
        expectFailure(.invalidLength, at: 0, "fe ff ff ff ff ff ff ff ff 01") { try $0.skipLengthPrefixed() }
    }

    @Test func truncatedStringsFailAtTheirLength() {
        let bytes = hexBytes("80 01") + [UInt8](repeating: 0x61, count: 64) // 64 × "a", 2-byte length
        #expect((try? reading(bytes) { try $0.readString() })?.value == String(repeating: "a", count: 64))
        for cut in 0..<bytes.count {
            let code: AvroError.Code = cut < 2 ? .endOfData : .invalidLength
            expectFailure(code, at: 0, hexString(bytes[..<cut])) { _ = try $0.readString() }
        }
    }

    // MARK: - Array and map blocks

    @Test func blockCounts() throws {
        #expect(try reading(hexBytes("00")) { try $0.readBlockCount(minItemSize: 1) } == (0, 1))
        #expect(try reading(hexBytes("04 aa bb")) { try $0.readBlockCount(minItemSize: 1) } == (2, 1))
        // A negative count -2 is followed by the block's byte size, 4.
        #expect(try reading(hexBytes("03 08 aa bb cc dd")) { try $0.readBlockCount(minItemSize: 2) } == (2, 2))
        let header = try reading(hexBytes("03 08 aa bb cc dd")) { try $0.readBlockHeader() }.value
        #expect(header.count == 2 && header.byteSize == 4)
        #expect(try reading(hexBytes("04")) { try $0.readBlockHeader() }.value.byteSize == nil)
    }

    @Test func badBlockSizesAreRejected() {
        expectFailure(.invalidLength, at: 1, "00 03 0a aa") { _ = try $0.readLong(); _ = try $0.readBlockCount(minItemSize: 1) }
        expectFailure(.invalidLength, at: 0, "03 01 aa") { _ = try $0.readBlockCount(minItemSize: 1) } // size -1
        expectFailure(.invalidLength, at: 0, "ff ff ff ff ff ff ff ff ff 01 00") { _ = try $0.readBlockCount(minItemSize: 0) } // count Int64.min
        expectFailure(.endOfData, at: 1, "03") { _ = try $0.readBlockCount(minItemSize: 1) }
    }

    @Test func countsBeyondTheInputAreRejected() {
        expectFailure(.invalidLength, at: 0, "06 aa bb") { _ = try $0.readBlockCount(minItemSize: 1) }
        expectFailure(.invalidLength, at: 0, "02 00 00 00 00 00 00 00") { _ = try $0.readBlockCount(minItemSize: 8) }
        expectFailure(.invalidLength, at: 0, "fe ff ff ff ff ff ff ff ff 01") { _ = try $0.readBlockCount(minItemSize: 1) }
        expectFailure(.invalidLength, at: 0, "05 02 aa bb") { _ = try $0.readBlockCount(minItemSize: 1) } // -3 items in 2 bytes
    }

    @Test func zeroSizeItemsDrawOnABudget() throws {
        let read = try reading(hexBytes("0c 01 00"), zeroSizeItemLimit: 10) { reader in
            [try reader.readBlockCount(minItemSize: 0), try reader.readBlockCount(minItemSize: 0), reader.zeroSizeItemBudget]
        }
        #expect(read.value == [6, 1, 3])
        expectFailure(.limitExceeded, at: 1, "0c 0a", zeroSizeItemLimit: 10) { reader in
            _ = try reader.readBlockCount(minItemSize: 0)
            _ = try reader.readBlockCount(minItemSize: 0)
        }
        expectFailure(.limitExceeded, at: 0, "fe ff ff ff ff ff ff ff ff 01") { _ = try $0.readBlockCount(minItemSize: 0) }
    }

    // MARK: - Spec examples and edges

    @Test func specRecordExample() throws {
        let read = try reading(hexBytes("36 06 66 6f 6f")) { (try $0.readLong(), try $0.readString()) }
        #expect(read.value == (27, "foo") && read.offset == 5)
    }

    @Test func specArrayExample() throws {
        let read = try reading(hexBytes("04 06 36 00")) { reader in
            var items: [Int64] = []
            var count = try reader.readBlockCount(minItemSize: 1)
            while count > 0 {
                for _ in 0..<count { items.append(try reader.readLong()) }
                count = try reader.readBlockCount(minItemSize: 1)
            }
            return items
        }
        #expect(read == ([3, 27], 4))
    }

    @Test func specUnionExample() throws {
        #expect(try reading(hexBytes("00")) { try $0.readLong() } == (0, 1))
        let read = try reading(hexBytes("02 02 61")) { (try $0.readLong(), try $0.readString()) }
        #expect(read.value == (1, "a") && read.offset == 3)
    }

    @Test func emptyInput() throws {
        let read = try reading([]) { reader in (reader.isAtEnd, reader.remaining, try reader.readRawBytes(count: 0).count) }
        #expect(read.value == (true, 0, 0))
        expectFailure(.endOfData, at: 0, "") { _ = try $0.readLong() }
        expectFailure(.endOfData, at: 0, "") { _ = try $0.readDouble() }
        expectFailure(.endOfData, at: 0, "") { _ = try $0.readString() }
    }
}
