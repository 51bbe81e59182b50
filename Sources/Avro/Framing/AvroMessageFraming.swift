import Foundation

/// The two ways a single Avro value travels as a message (Kafka, queues, caches), naming the
/// schema it was written with.
public enum AvroMessageFraming {
    /// The single-object encoding of the specification: `c3 01`, the writer schema's
    /// CRC-64-AVRO fingerprint as 8 little-endian bytes, then the value.
    public static let singleObjectMarker: [UInt8] = [0xC3, 0x01]
    /// The first byte of Confluent's wire format, followed by the schema id as 4 big-endian
    /// bytes, then the value.
    public static let confluentMagic: UInt8 = 0

    /// The 10-byte single-object header for values written with `schema`.
    public static func singleObjectHeader(for schema: AvroSchema) -> [UInt8] {
        singleObjectMarker + schema.fingerprint(.crc64Avro)
    }

    /// The 5-byte Confluent header for schema id `id`.
    public static func confluentHeader(schemaID id: UInt32) -> [UInt8] {
        [confluentMagic] + withUnsafeBytes(of: id.bigEndian) { Array($0) }
    }

    /// Reads a single-object header: the writer's fingerprint and where the value starts.
    public static func parseSingleObject(_ message: some ContiguousBytes) throws -> (fingerprint: UInt64, bodyOffset: Int) {
        try message.withUnsafeBytes { bytes in
            guard bytes.count >= 10, bytes[0] == singleObjectMarker[0], bytes[1] == singleObjectMarker[1] else {
                throw AvroError(.invalidMessage, bytes.count < 10
                    ? "a single-object message has at least 10 bytes of header, found \(bytes.count) bytes"
                    : "expected the single-object marker c3 01, found \(String(format: "%02x %02x", bytes[0], bytes[1]))", offset: 0)
            }
            let fingerprint = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[2 + $1]) << (8 * $1) }
            return (fingerprint, 10)
        }
    }

    /// Reads a Confluent header: the schema id and where the value starts.
    public static func parseConfluent(_ message: some ContiguousBytes) throws -> (schemaID: UInt32, bodyOffset: Int) {
        try message.withUnsafeBytes { bytes in
            guard bytes.count >= 5, bytes[0] == confluentMagic else {
                throw AvroError(.invalidMessage, bytes.count < 5
                    ? "a Confluent message has at least 5 bytes of header, found \(bytes.count) bytes"
                    : "expected the Confluent magic byte 00, found \(String(format: "%02x", bytes[0]))", offset: 0)
            }
            return ((1..<5).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[$1]) }, 5)
        }
    }
}

extension AvroEncoder {
    /// Returns `value` in the single-object encoding: `c3 01`, the fingerprint of the
    /// encoder's schema (or the type's derived schema), then the Avro binary.
    public func encodeSingleObject<T: Encodable>(_ value: T) throws -> Data {
        var bytes = AvroMessageFraming.singleObjectHeader(for: try writerSchema(for: T.self))
        try encode(value, into: &bytes)
        return Data(bytes)
    }

    /// Returns `value` in Confluent's wire format for the schema registered as `schemaID`
    /// (the encoder's schema, or the type's derived schema, must be the registered one).
    public func encodeConfluent<T: Encodable>(_ value: T, schemaID: UInt32) throws -> Data {
        var bytes = AvroMessageFraming.confluentHeader(schemaID: schemaID)
        try encode(value, into: &bytes)
        return Data(bytes)
    }
}

extension AvroDecoder {
    /// Decodes a single-object message: finds its writer schema in `schemas` by fingerprint
    /// and resolves the value into this decoder's schema (or the type's derived schema).
    ///
    /// - Throws: ``AvroError`` with code ``AvroError/Code/invalidMessage`` for a bad header,
    ///   ``AvroError/Code/unknownSchema`` for a fingerprint the store does not have, and the
    ///   errors of ``AvroDecoder/decode(_:from:writerSchema:)-(_,ContiguousBytes,_)``.
    public func decodeSingleObject<T: Decodable>(_ type: T.Type, from message: some ContiguousBytes, schemas: AvroSchemaStore) throws -> T {
        let (fingerprint, offset) = try AvroMessageFraming.parseSingleObject(message)
        guard let writer = schemas.schema(fingerprint: fingerprint) else {
            throw AvroError(.unknownSchema, "no schema with the fingerprint \(String(fingerprint, radix: 16)) (\(Int64(bitPattern: fingerprint))) is in the store", offset: 2)
        }
        return try decodeBody(type, of: message, from: offset, writerSchema: writer)
    }

    /// Decodes a message in Confluent's wire format: finds its writer schema in `schemas` by
    /// registry id and resolves the value into this decoder's schema (or the type's derived schema).
    public func decodeConfluent<T: Decodable>(_ type: T.Type, from message: some ContiguousBytes, schemas: AvroSchemaStore) throws -> T {
        let (id, offset) = try AvroMessageFraming.parseConfluent(message)
        guard let writer = schemas.schema(id: id) else {
            throw AvroError(.unknownSchema, "no schema with the registry id \(id) is in the store", offset: 1)
        }
        return try decodeBody(type, of: message, from: offset, writerSchema: writer)
    }

    private func decodeBody<T: Decodable>(_ type: T.Type, of message: some ContiguousBytes, from offset: Int, writerSchema: AvroSchema) throws -> T {
        try message.withUnsafeBytes { bytes in
            try decode(type, from: UnsafeRawBufferPointer(rebasing: bytes[offset...]), writerSchema: writerSchema)
        }
    }
}
