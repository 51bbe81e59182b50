#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension AvroSchema {
    /// Whether `other` is a copy of this schema: its kind and properties are the same storage
    /// (the same bits) and its logical type is equal. Copies are equal without comparing them
    /// field by field, which for a record costs hundreds of instructions; the caches check
    /// this first. `false` says nothing: equal schemas built separately have different
    /// storage.
    func isCopy(of other: AvroSchema) -> Bool {
        Self.sameBits(kind, other.kind) && Self.sameBits(properties, other.properties) && logicalType == other.logicalType
    }

    /// Whether `a` and `b` have the same bytes (within the type's size; padding between stored
    /// properties may differ between copies, which only makes this `false`).
    private static func sameBits<T>(_ a: T, _ b: T) -> Bool {
        withUnsafeBytes(of: a) { a in
            withUnsafeBytes(of: b) { b in
                guard let a = a.baseAddress, let b = b.baseAddress else { return false }
                return memcmp(a, b, MemoryLayout<T>.size) == 0
            }
        }
    }
}
