import Foundation

// The coders' entry points for types that code themselves (AvroBinaryEncodable,
// AvroBinaryDecodable), chosen by the compiler over the `Encodable`/`Decodable` ones when the
// type is known where the coder is called. They skip the Codable machinery altogether: no
// coding state is set up, and the type's code runs on the caller's writer or reader. Generic
// callers (`T: Decodable`) reach the same code through the coding state, which finds the
// conformance at run time and remembers it; these entry points ask the thread's free state
// what it remembers (a first call on a thread takes the general path and fills it in).

extension AvroEncoder {
    /// Returns the Avro binary encoding of `value`, a type that writes itself.
    ///
    /// The value writes itself (``AvroBinaryEncodable/avroEncode(to:)``) when the encoder's
    /// schema is the type's own ``AvroSchemaProviding/avroSchema`` (or the encoder has none);
    /// with any other schema it is encoded through `Encodable`, as any value.
    ///
    /// - Throws: `EncodingError.invalidValue` with an ``AvroError`` as underlying error.
    public func encode<T: AvroBinaryEncodable>(_ value: T) throws -> Data {
        Data(try encodeBytes(value))
    }

    /// Returns the Avro binary encoding of `value`, a type that writes itself, as bytes.
    public func encodeBytes<T: AvroBinaryEncodable>(_ value: T) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, into: &bytes)
        return bytes
    }

    /// Appends the Avro binary encoding of `value`, a type that writes itself, to `buffer`.
    /// When encoding fails, `buffer` is left as it was.
    public func encode<T: AvroBinaryEncodable>(_ value: T, into buffer: inout [UInt8]) throws {
        var writesItself = coderSchema.writesItself.answer(for: T.self)
        if writesItself == nil {
            do {
                let compiled = try compiledSchema(for: T.self)
                // No answer yet when the thread has no free state (its first call).
                writesItself = EncodingState.binaryCodings(orElse: nil, { $0.encodable(T.self, compiled: compiled) != nil })
            } catch {
                throw Self.encodingError(error, value: value)
            }
            if let writesItself { coderSchema.writesItself.remember(writesItself, for: T.self) }
        }
        guard writesItself == true else { return try encodeAny(value, into: &buffer) }
        try encode(value, into: &buffer) { try $0.avroEncode(to: &$1) }
    }

    /// The type, when values of `type` write themselves with this encoder's schema: asked once
    /// by callers that encode many values of one type (the file writer).
    func selfEncoding<T>(_ type: T.Type) -> (any AvroBinaryEncodable.Type)? {
        guard let compiled = try? compiledSchema(for: T.self) else { return nil }
        return BinaryCoding(T.self, compiled: compiled).encodable
    }

    /// Appends `value`, which writes itself as `encodable` (from ``selfEncoding(_:)``), to `buffer`.
    func encode<T>(_ value: T, writingItselfAs encodable: any AvroBinaryEncodable.Type, into buffer: inout [UInt8]) throws {
        try encode(value, into: &buffer) { try encodable.avroEncode($0, to: &$1) }
    }

    /// Appends `value` to `buffer` with `write`, the value's own code, on a writer with the
    /// encoder's depth limit; leaves `buffer` as it was when `write` throws.
    private func encode<T>(_ value: T, into buffer: inout [UInt8], _ write: (T, inout AvroBinaryWriter) throws -> Void) throws {
        var writer = AvroBinaryWriter()
        writer.maxDepth = maxDepth
        writer.swapBytes(with: &buffer)
        defer { writer.swapBytes(with: &buffer) }
        let start = writer.count
        do {
            try write(value, &writer)
        } catch {
            writer.truncate(to: start)
            throw Self.encodingError(error, value: value)
        }
    }
}

extension AvroDecoder {
    /// Decodes a value of `type`, a type that reads itself, from `bytes`, which must hold
    /// exactly one value.
    ///
    /// The type reads itself (``AvroBinaryDecodable/init(avroFrom:)``) when the decoder's
    /// schema is the type's own ``AvroSchemaProviding/avroSchema`` (or the decoder has none)
    /// and no writer schema is to be resolved; otherwise the value is decoded as any value
    /// (through `Decodable`, or resolved first and then read by the type).
    ///
    /// - Throws: `DecodingError` with an ``AvroError`` (code, path, byte offset) as
    ///   underlying error.
    public func decode<T: AvroBinaryDecodable>(_ type: T.Type, from bytes: some ContiguousBytes) throws -> T {
        try decodeWhole(type, from: bytes) { try decode(type, from: &$0) }
    }

    /// Decodes one value of `type`, a type that reads itself, from `reader`, leaving the
    /// reader after it.
    public func decode<T: AvroBinaryDecodable>(_ type: T.Type, from reader: inout AvroBinaryReader) throws -> T {
        guard writerResolution == nil else { return try decodeAny(type, from: &reader) }
        var readsItself = coderSchema.readsItself.answer(for: T.self)
        if readsItself == nil {
            do {
                let compiled = try compiledSchema(for: T.self)
                // No answer yet when the thread has no free state (its first call).
                readsItself = DecodingState.binaryCodings(orElse: nil, { $0.decodable(T.self, compiled: compiled) != nil })
            } catch {
                throw Self.decodingError(error)
            }
            if let readsItself { coderSchema.readsItself.remember(readsItself, for: T.self) }
        }
        guard readsItself == true else { return try decodeAny(type, from: &reader) }
        return try Self.readItself(from: &reader, maxDepth: options.maxDepth) { try T(avroFrom: &$0) }
    }

    /// The type, when values of `type` read themselves with this decoder's schema and no
    /// writer schema is to be resolved: asked once by callers that decode many values of one
    /// type (the file reader).
    func selfDecoding<T>(_ type: T.Type) -> (any AvroBinaryDecodable.Type)? {
        guard writerResolution == nil, let compiled = try? compiledSchema(for: T.self) else { return nil }
        return BinaryCoding(T.self, compiled: compiled).decodable
    }

    /// Decodes a value of `T`, which reads itself as `decodable` (from ``selfDecoding(_:)``),
    /// through `slot`.
    func decode<T>(readingItselfAs decodable: any AvroBinaryDecodable.Type, through slot: ValueSlot<T>, from reader: inout AvroBinaryReader) throws -> T {
        try Self.readItself(from: &reader, maxDepth: options.maxDepth) { try slot.read(decodable, from: &$0) }
    }

    /// Reads a value with `read`, the type's own code, with the depth limit `maxDepth` (the
    /// caller's reader keeps its own). Static, so that the coding state's closure, which also
    /// calls it, captures a number rather than the decoder.
    static func readItself<T>(from reader: inout AvroBinaryReader, maxDepth: Int, _ read: (inout AvroBinaryReader) throws -> T) throws -> T {
        let callersDepth = reader.maxDepth
        reader.maxDepth = maxDepth
        defer { reader.maxDepth = callersDepth }
        do {
            return try read(&reader)
        } catch {
            throw decodingError(error)
        }
    }
}
