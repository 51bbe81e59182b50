#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension AvroSchema {
    /// Whether `other` is a copy of this schema: its kind is the same storage (the same bits),
    /// and its logical type and properties are equal (cheap: usually none). Copies are equal
    /// without comparing them field by field, which for a record costs hundreds of
    /// instructions; the caches check this first. `false` says nothing: equal schemas built
    /// separately have different storage.
    func isCopy(of other: AvroSchema) -> Bool {
        let sameKind = withUnsafeBytes(of: kind) { mine in
            withUnsafeBytes(of: other.kind) { theirs in
                guard let mine = mine.baseAddress, let theirs = theirs.baseAddress else { return false }
                return memcmp(mine, theirs, MemoryLayout<Kind>.size) == 0
            }
        }
        return sameKind && logicalType == other.logicalType && properties == other.properties
    }
}
