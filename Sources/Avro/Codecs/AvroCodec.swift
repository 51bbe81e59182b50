import Foundation

/// A block compression codec of Avro object container files.
///
/// A container file names its codec in the header's `avro.codec` entry, and every data block
/// of the file is compressed with it. The codec transforms only the block's bytes; the object
/// count, the block size and the sync marker are never compressed.
///
/// The library provides the six codecs of the Avro specification (``AvroNullCodec``,
/// ``AvroDeflateCodec``, ``AvroSnappyCodec``, ``AvroZstandardCodec``, ``AvroBzip2Codec`` and
/// ``AvroXZCodec``). To read or write files with another codec, implement this protocol and
/// register it with ``AvroCodecs/register(_:)``:
///
/// ```swift
/// struct LZ4Codec: AvroCodec {
///     var name: String { "lz4" }
///     func compress(_ data: [UInt8]) throws -> [UInt8] { ... }
///     func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] { ... }
/// }
/// AvroCodecs.register(LZ4Codec())
/// ```
public protocol AvroCodec: Sendable {
    /// The name written in the file header's `avro.codec` (e.g. "deflate").
    var name: String { get }

    /// Compresses one block.
    ///
    /// - Parameter data: The bytes of the block: its serialized objects.
    /// - Returns: The compressed block, as it is stored in the file.
    /// - Throws: `AvroError` with code `.codec` when the codec's settings are invalid or it is
    ///   not available on this machine, `.limitExceeded` when the block is too large for it.
    func compress(_ data: [UInt8]) throws -> [UInt8]

    /// Decompresses one block.
    ///
    /// - Parameters:
    ///   - data: The compressed block, as it is stored in the file.
    ///   - limit: The largest number of bytes the decompressed block may have.
    /// - Returns: The bytes of the block.
    /// - Throws: `AvroError` with code `.limitExceeded` when the output would exceed `limit`
    ///   bytes (checked while decompressing, never after allocating it all), `.codec` when the
    ///   data is corrupt or the codec is not available on this machine.
    func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8]
}

/// The registry of block compression codecs, by the name in the `avro.codec` header entry.
///
/// ```swift
/// let codec = try AvroCodecs.codec(named: "zstandard")
/// let block = try codec.compress(bytes)
/// ```
public enum AvroCodecs {
    /// The names of the codecs of the Avro specification.
    static let standardNames = ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"]

    /// The codecs added with ``register(_:)``, by name.
    private static let registry = Locked<[String: any AvroCodec]>([:])

    /// Returns the codec for a header name.
    ///
    /// A codec added with ``register(_:)`` is returned first, so registering a codec named like
    /// a standard one replaces it. Standard codecs come with their default settings.
    ///
    /// - Parameter name: The value of the header's `avro.codec` entry.
    /// - Returns: The codec with that name: one of the six of the Avro specification or one
    ///   added with ``register(_:)``.
    /// - Throws: `AvroError` with code `.codec` naming an unknown codec.
    public static func codec(named name: String) throws -> any AvroCodec {
        if let codec = registry.withLock({ $0[name] }) { return codec }
        switch name {
        case "null": return AvroNullCodec()
        case "deflate": return AvroDeflateCodec()
        case "snappy": return AvroSnappyCodec()
        case "zstandard": return AvroZstandardCodec()
        case "bzip2": return AvroBzip2Codec()
        case "xz": return AvroXZCodec()
        default:
            let added = registry.withLock({ $0.keys.sorted() }).filter { !standardNames.contains($0) }
            let known = (standardNames + added).joined(separator: ", ")
            throw AvroError(.codec, "unknown codec '\(name)'; the known codecs are \(known)")
        }
    }

    /// Adds a codec, found afterwards by ``codec(named:)`` under its ``AvroCodec/name``.
    ///
    /// Registering a codec with the name of one already registered replaces it. This method
    /// may be called from any thread.
    ///
    /// - Parameter codec: The codec to add.
    public static func register(_ codec: any AvroCodec) {
        registry.withLock { $0[codec.name] = codec }
    }
}
