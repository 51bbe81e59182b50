import Foundation

extension AvroValue {
    /// Decodes a value written with `writerSchema` from `bytes` (exactly one value) as
    /// `readerSchema`, by the rules of schema resolution.
    public init(decoding bytes: some ContiguousBytes, writerSchema: AvroSchema, readerSchema: AvroSchema) throws {
        self = try bytes.withUnsafeBytes { buffer in
            var reader = AvroBinaryReader(buffer)
            let value = try AvroValue.resolve(from: &reader, writerSchema: writerSchema, readerSchema: readerSchema)
            guard reader.isAtEnd else {
                throw AvroError(.trailingData, "\(reader.remaining) bytes remain after the value", offset: reader.offset)
            }
            return value
        }
    }

    /// Decodes one value written with `writerSchema` from `reader` as `readerSchema`.
    public static func decode(from reader: inout AvroBinaryReader, writerSchema: AvroSchema, readerSchema: AvroSchema) throws -> AvroValue {
        try resolve(from: &reader, writerSchema: writerSchema, readerSchema: readerSchema)
    }

    private static func resolve(from reader: inout AvroBinaryReader, writerSchema: AvroSchema, readerSchema: AvroSchema) throws -> AvroValue {
        let readerPlan = try CompiledSchema.cached(readerSchema)
        let plan = try ResolutionPlan.cached(writer: writerSchema, reader: readerPlan)
        if plan.isIdentity { return try ValueCoder(schema: readerPlan).decode(node: readerPlan.root, from: &reader, depth: 0) }
        var buffer = AvroBinaryWriter(capacity: 256)
        try plan.transcode(from: &reader, to: &buffer)
        return try buffer.bytes.withUnsafeBytes { bytes in
            var resolved = AvroBinaryReader(bytes)
            return try ValueCoder(schema: readerPlan).decode(node: readerPlan.root, from: &resolved, depth: 0)
        }
    }
}
