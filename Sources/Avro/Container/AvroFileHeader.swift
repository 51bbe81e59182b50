import Foundation

/// The header of an Avro object container file: the writer's schema, the codec of the data
/// blocks, the file's metadata and its sync marker.
///
/// ```swift
/// let reader = try AvroFileReader<AvroValue>(url: url)
/// print(reader.header.schema.jsonString())
/// print(reader.header.codecName) // "deflate"
/// ```
public struct AvroFileHeader: Hashable, Sendable {
    /// The 4 bytes every container file starts with: `Obj` and the format version 1.
    public static let magic: [UInt8] = [0x4f, 0x62, 0x6a, 0x01]
    /// The number of bytes of a sync marker.
    public static let syncMarkerSize = 16
    /// The metadata key of the writer's schema, as JSON text.
    public static let schemaKey = "avro.schema"
    /// The metadata key of the codec name. A file without it uses the `null` codec.
    public static let codecKey = "avro.codec"

    /// The schema the file's data was written with (its `avro.schema`).
    public let schema: AvroSchema
    /// The name of the codec of the data blocks (its `avro.codec`, or `"null"` when absent).
    public let codecName: String
    /// Every metadata entry of the header, including the reserved `avro.schema` and
    /// `avro.codec`. Values are bytes: user entries need not be UTF-8 text.
    public let metadata: [String: [UInt8]]
    /// The 16 random bytes written after the header and after every block.
    public let syncMarker: [UInt8]

    init(schema: AvroSchema, codecName: String, metadata: [String: [UInt8]], syncMarker: [UInt8]) {
        self.schema = schema
        self.codecName = codecName
        self.metadata = metadata
        self.syncMarker = syncMarker
    }

    /// A header for writing: `userMetadata` with the schema and the codec name added.
    ///
    /// - Throws: `AvroError(.invalidFile)` when a user key starts with `avro.` (those are
    ///   reserved) or the sync marker does not have 16 bytes.
    init(writing schema: AvroSchema, codecName: String, userMetadata: [String: [UInt8]], syncMarker: [UInt8]) throws {
        if let reserved = userMetadata.keys.sorted().first(where: { $0.hasPrefix("avro.") }) {
            throw AvroError(.invalidFile, "the metadata key '\(reserved)' is reserved: keys starting with 'avro.' belong to Avro")
        }
        guard syncMarker.count == Self.syncMarkerSize else {
            throw AvroError(.invalidFile, "a sync marker has \(Self.syncMarkerSize) bytes, found \(syncMarker.count)")
        }
        var metadata = userMetadata
        metadata[Self.schemaKey] = Array(schema.jsonString().utf8)
        metadata[Self.codecKey] = Array(codecName.utf8)
        self.init(schema: schema, codecName: codecName, metadata: metadata, syncMarker: syncMarker)
    }

    /// The header's bytes: magic, metadata map (`avro.schema`, `avro.codec`, then the other keys
    /// sorted), sync marker.
    func encoded() -> [UInt8] {
        var writer = AvroBinaryWriter()
        writer.writeFixed(Self.magic)
        let reserved = [Self.schemaKey, Self.codecKey].filter { metadata[$0] != nil }
        let keys = reserved + metadata.keys.filter { !reserved.contains($0) }.sorted()
        if !keys.isEmpty {
            writer.writeLong(Int64(keys.count))
            for key in keys {
                writer.writeString(key)
                writer.writeBytes(metadata[key] ?? [])
            }
        }
        writer.writeLong(0)
        writer.writeFixed(syncMarker)
        return writer.bytes
    }

    /// Reads and checks a header: magic, metadata, sync marker; then parses and compiles the
    /// schema (untrusted input) and looks up the codec.
    ///
    /// - Parameter limit: The largest metadata key or value accepted, in bytes.
    /// - Throws: `AvroError(.invalidFile)` for a malformed or truncated header, the schema
    ///   parser's error for a schema that cannot be used, `.codec` for an unknown codec.
    static func read(from input: AvroFileInput, limit: Int) throws -> (header: AvroFileHeader, codec: any AvroCodec) {
        let magic: [UInt8]
        let metadata: [String: [UInt8]]
        let syncMarker: [UInt8]
        do {
            magic = try input.readBytes(count: Self.magic.count)
            guard magic == Self.magic else {
                if magic.starts(with: Self.magic.prefix(3)), magic[3] == 0 {
                    throw AvroError(.unsupported, "this is an Avro 1.2 file (magic 4f 62 6a 00); only version 1 files (4f 62 6a 01) are supported", offset: 0)
                }
                throw AvroError(.invalidFile, "expected the magic 4f 62 6a 01 ('Obj' 1), found \(hex(magic))", offset: 0)
            }
            metadata = try readMetadata(from: input, limit: limit)
            syncMarker = try input.readBytes(count: syncMarkerSize)
        } catch let error as AvroError where error.code == .endOfData || error.code == .invalidVarint {
            throw AvroError(.invalidFile, "malformed header: \(error.message)", offset: error.offset)
        }
        guard let schemaBytes = metadata[schemaKey] else {
            throw AvroError(.invalidFile, "the header has no '\(schemaKey)' entry")
        }
        guard let schemaText = String(validating: schemaBytes, as: UTF8.self) else {
            throw AvroError(.invalidFile, "the header's '\(schemaKey)' is not UTF-8 text")
        }
        let schema: AvroSchema
        do {
            // Names as other implementations write them are accepted: the data is readable.
            schema = try AvroSchema(parsing: schemaText, options: .lenientNames)
            _ = try CompiledSchema.cached(schema)
        } catch var error as AvroError {
            error.message = "the header's '\(schemaKey)' is not a usable schema: " + error.message
            throw error
        }
        var codecName = "null"
        if let codecBytes = metadata[codecKey] {
            guard let name = String(validating: codecBytes, as: UTF8.self) else {
                throw AvroError(.invalidFile, "the header's '\(codecKey)' is not UTF-8 text")
            }
            codecName = name
        }
        let codec = try AvroCodecs.codec(named: codecName)
        return (AvroFileHeader(schema: schema, codecName: codecName, metadata: metadata, syncMarker: syncMarker), codec)
    }

    /// Reads the metadata map: blocks of entries (a negative count is followed by the block's
    /// byte size), each a UTF-8 key and a bytes value, ended by a count of 0.
    private static func readMetadata(from input: AvroFileInput, limit: Int) throws -> [String: [UInt8]] {
        var metadata: [String: [UInt8]] = [:]
        while true {
            let start = input.offset
            guard var count = try input.readLong() else {
                throw AvroError(.invalidFile, "the file ends inside the header's metadata", offset: start)
            }
            if count == 0 { return metadata }
            if count < 0 {
                guard count != .min else {
                    throw AvroError(.invalidFile, "found a metadata block count of \(count)", offset: start)
                }
                count = -count
                _ = try readLength(of: "the metadata block size", from: input, limit: .max)
            }
            // Each entry takes at least 2 bytes: the lengths of its key and value.
            if let remaining = input.remaining, count > Int64(remaining / 2) {
                throw AvroError(.invalidFile, "found a metadata block of \(count) entries, but only \(remaining) bytes remain", offset: start)
            }
            for _ in 0..<count {
                let keyOffset = input.offset
                let keyBytes = try input.readBytes(count: readLength(of: "a metadata key", from: input, limit: limit))
                guard let key = String(validating: keyBytes, as: UTF8.self) else {
                    throw AvroError(.invalidFile, "a metadata key is not UTF-8 text: \(hex(keyBytes.prefix(32)))", offset: keyOffset)
                }
                metadata[key] = try input.readBytes(count: readLength(of: "the value of '\(key)'", from: input, limit: limit))
            }
        }
    }

    private static func readLength(of what: String, from input: AvroFileInput, limit: Int) throws -> Int {
        let start = input.offset
        guard let length = try input.readLong() else {
            throw AvroError(.endOfData, "the file ends before the length of \(what)", offset: start)
        }
        guard length >= 0 else { throw AvroError(.invalidFile, "found a negative length \(length) for \(what)", offset: start) }
        guard length <= Int64(limit) else {
            throw AvroError(.limitExceeded, "\(what) has \(length) bytes, more than the limit of \(limit)", offset: start)
        }
        return Int(length)
    }

    /// Bytes as spaced lowercase hex, for error messages.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
    }
}
