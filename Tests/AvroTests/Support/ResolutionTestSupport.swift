import Foundation
import Testing
@testable import Avro

/// Helpers for the schema-resolution tests: schemas are given as JSON text, values are
/// written with the writer's schema and read back with the reader's.
enum ResolutionCheck {
    /// `value` written with `writer`, read as an ``AvroValue`` of `reader`.
    static func read(_ value: AvroValue, writer: String, reader: String) throws -> AvroValue {
        let writerSchema = try AvroSchema(parsing: writer)
        return try AvroValue(decoding: value.encoded(as: writerSchema), writerSchema: writerSchema, readerSchema: AvroSchema(parsing: reader))
    }

    /// `bytes` written with `writer`, read as an ``AvroValue`` of `reader`.
    static func read(bytes: [UInt8], writer: String, reader: String) throws -> AvroValue {
        try AvroValue(decoding: bytes, writerSchema: AvroSchema(parsing: writer), readerSchema: AvroSchema(parsing: reader))
    }

    /// `value` written with `writer`, decoded as a `T` with the `reader` schema.
    static func decode<T: Decodable>(_ type: T.Type, _ value: AvroValue, writer: String, reader: String) throws -> T {
        let writerSchema = try AvroSchema(parsing: writer)
        return try AvroDecoder(schema: AvroSchema(parsing: reader)).decode(type, from: value.encoded(as: writerSchema), writerSchema: writerSchema)
    }

    /// Every reason `reader` cannot read `writer`'s data, as `path: message` lines.
    static func problems(reader: String, writer: String) throws -> [String] {
        try AvroSchemaCompatibility.check(reader: AvroSchema(parsing: reader), writer: AvroSchema(parsing: writer)).map(\.description)
    }

    /// A record schema `name` with the given fields (JSON objects, without brackets).
    static func record(_ name: String, _ fields: String...) -> String {
        #"{"type":"record","name":"\#(name)","fields":[\#(fields.joined(separator: ","))]}"#
    }
}
