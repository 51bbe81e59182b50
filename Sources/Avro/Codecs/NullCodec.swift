/// The `null` codec: blocks are stored as they are.
///
/// Every Avro implementation supports it, and files without an `avro.codec` header entry use it.
public struct AvroNullCodec: AvroCodec {
    /// `"null"`.
    public var name: String { "null" }

    /// Creates the `null` codec.
    public init() {}

    /// Returns `data` unchanged.
    public func compress(_ data: [UInt8]) throws -> [UInt8] {
        data
    }

    /// Returns `data` unchanged.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when `data` has more than `limit` bytes.
    public func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        guard data.count <= limit else {
            throw AvroError(
                .limitExceeded, "null-codec block of \(data.count) bytes exceeds the limit of \(limit) bytes")
        }
        return data
    }
}
