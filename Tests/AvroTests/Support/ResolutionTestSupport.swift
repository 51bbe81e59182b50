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

    /// Malformed writer bytes never crash a decode: every truncation of `bytes` throws, and
    /// every single bit flip decodes or throws, for each of `decodes` (which some flips make
    /// throw).
    static func expectMalformedInputThrows(_ bytes: [UInt8], _ decodes: [(String, ([UInt8]) throws -> Void)],
                                           sourceLocation: SourceLocation = #_sourceLocation) {
        for length in 0..<bytes.count {
            for (name, decode) in decodes {
                #expect(throws: DecodingError.self, "\(name) cut to \(length) bytes", sourceLocation: sourceLocation) { try decode(Array(bytes[..<length])) }
            }
        }
        var thrown = 0
        for position in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[position] ^= 1 << bit
                for (_, decode) in decodes {
                    do { try decode(flipped) } catch is DecodingError { thrown += 1 } catch {
                        Issue.record("a bit flip threw \(error), not a DecodingError", sourceLocation: sourceLocation)
                    }
                }
            }
        }
        #expect(thrown > 0, sourceLocation: sourceLocation)
    }
}
