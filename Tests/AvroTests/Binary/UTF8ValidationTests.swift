import Testing
@testable import Avro

@Suite struct UTF8ValidationTests {
    private func check(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isWellFormed($0) }
    }

    @Test func boundariesOfEverySequenceLength() {
        let valid: [[UInt8]] = [
            [], [0x00], [0x7F], Array("plain ASCII longer than eight bytes".utf8),
            [0xC2, 0x80], [0xDF, 0xBF],                          // U+0080, U+07FF
            [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],              // U+0800, U+D7FF
            [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],              // U+E000, U+FFFF
            [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],  // U+10000, U+10FFFF
            Array("12345678é12345678😀".utf8),
        ]
        for bytes in valid { #expect(check(bytes), "\(bytes)") }
        let invalid: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF],          // stray continuation, overlong
            [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],              // overlong, surrogate U+D800
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],  // overlong, past U+10FFFF
            [0xF5, 0x80, 0x80, 0x80], [0xFF],
            [0xC2], [0xE2, 0x82], [0xF0, 0x9F, 0x98],            // truncated at the end
            [0xE2, 0x41, 0x82], [0xF0, 0x9F, 0x41, 0x80],        // continuation missing inside
            Array("12345678".utf8) + [0xC3],                     // after the eight-byte fast path
        ]
        for bytes in invalid { #expect(!check(bytes), "\(bytes)") }
    }

    @Test func oneNonASCIIByteIsSeenAtEveryPositionOfEveryLength() {
        // The ASCII check reads whole words, the last overlapping the one before: a byte
        // in any position of any length must still reach the full validation.
        for count in 1...40 {
            let ascii = (0..<count).map { UInt8(0x41 + $0 % 26) }
            #expect(check(ascii), "\(count) ASCII bytes")
            for position in 0..<count {
                var stray = ascii
                stray[position] = 0x80
                #expect(!check(stray), "a stray continuation byte at \(position) of \(count)")
                guard position + 1 < count else { continue }
                var accented = ascii
                accented.replaceSubrange(position...position + 1, with: [0xC3, 0xA9])
                #expect(check(accented), "é at \(position) of \(count)")
            }
        }
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var random = SeededRandom(seed: 54)
        // Bytes drawn mostly from lead and continuation ranges, so that many sequences are
        // nearly valid.
        let pool: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5]
        var validSeen = 0
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...12, using: &random)).map { _ in pool.randomElement(using: &random) ?? 0 }
            let expected = String(validating: bytes, as: UTF8.self)
            #expect(check(bytes) == (expected != nil), "\(bytes)")
            let string = bytes.withUnsafeBufferPointer { String(validatingAvroUTF8: $0) }
            #expect(string == expected)
            if expected != nil { validSeen += 1 }
        }
        #expect(validSeen > 1_000)
    }
}
