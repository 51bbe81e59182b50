/// Checking that bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no
/// surrogates, nothing past U+10FFFF), fast on the ASCII text most Avro strings hold.
///
/// The standard library's `String(validating:as:)` goes through generic code that costs
/// about a thousand instructions for a short string; this check and the non-generic
/// `String(decoding:as:)` that follows it cost a few dozen.
@usableFromInline enum UTF8Validation {
    /// Whether `bytes` are well-formed UTF-8.
    @usableFromInline static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        if isASCII(UnsafeRawPointer(base), count: count) { return true }
        var index = 0
        while index < count {
            // ASCII eight bytes at a time.
            while index &+ 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index &+= 8
            }
            guard index < count else { return true }
            let lead = base[index]
            if lead < 0x80 {
                index &+= 1
                continue
            }
            // The range the second byte must be in, and how many bytes the sequence has.
            let second: ClosedRange<UInt8>
            let length: Int
            switch lead {
            case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
            case 0xE0: (second, length) = (0xA0...0xBF, 3)
            case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
            case 0xED: (second, length) = (0x80...0x9F, 3)
            case 0xF0: (second, length) = (0x90...0xBF, 4)
            case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
            case 0xF4: (second, length) = (0x80...0x8F, 4)
            default: return false
            }
            guard count &- index >= length, second.contains(base[index &+ 1]) else { return false }
            for continuation in 2..<length where base[index &+ continuation] & 0xC0 != 0x80 { return false }
            index &+= length
        }
        return true
    }
}

extension UTF8Validation {
    /// Whether the `count` bytes at `base` are all ASCII: a few word loads whatever the
    /// length, the last one overlapping the one before rather than a loop over the tail.
    @inline(__always)
    static func isASCII(_ base: UnsafeRawPointer, count: Int) -> Bool {
        if count >= 8 {
            var bits = base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            var index = 0
            while index &+ 8 < count {
                bits |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index &+= 8
            }
            return bits & 0x8080_8080_8080_8080 == 0
        }
        if count >= 4 {
            let bits = base.loadUnaligned(as: UInt32.self) | base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            return bits & 0x8080_8080 == 0
        }
        if count >= 2 {
            let bits = base.loadUnaligned(as: UInt16.self) | base.loadUnaligned(fromByteOffset: count &- 2, as: UInt16.self)
            return bits & 0x8080 == 0
        }
        return count == 0 || base.load(as: UInt8.self) < 0x80
    }
}

extension String {
    /// The string of `bytes`, or `nil` when they are not well-formed UTF-8.
    @inlinable @inline(__always)
    init?(validatingAvroUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard UTF8Validation.isWellFormed(bytes) else { return nil }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
