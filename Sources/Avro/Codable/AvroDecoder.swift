import Foundation

/// An object that decodes instances of a data type from Avro binary.
///
/// ```swift
/// let decoder = AvroDecoder(schema: personSchema)
/// let person = try decoder.decode(Person.self, from: data)
/// ```
///
/// The decoder reads straight from the caller's bytes into `init(from:)`, with no
/// intermediate tree, driven by its schema compiled once. Properties may be requested in
/// any order; record fields the type does not ask for are skipped. Lengths and counts in the
/// input are checked against the bytes that remain before anything is allocated, so
/// malformed input throws an error and never crashes. Without a schema, the decoder uses the
/// schema derived from the type being decoded.
///
/// An `AvroDecoder` is a value: configure it once and use it from any thread.
public struct AvroDecoder: Sendable {
    /// The settings of a decoder, everything but its schema: how it names fields, what it
    /// gives `init(from:)`, and the limits on what it accepts. ``AvroFileReaderOptions/decoding``
    /// holds them for files.
    public struct Options: Sendable {
        /// The deepest nesting of values accepted (records in records, arrays of arrays…),
        /// also in fields the decoder skips and in data it resolves from a writer's schema.
        /// The default, ``AvroNesting/defaultMaxDepth``, fits a 512 KiB thread stack; data
        /// nested deeper than the stack has room for is refused whatever this says
        /// (see ``AvroNesting``).
        public var maxDepth: Int
        /// How many items of zero-byte types (arrays of `null` or of empty records) one
        /// decode may create; other items are bounded by the input's length.
        public var maxZeroSizeItems: Int
        /// How many items of zero-byte types one byte of input may make: a count of such items
        /// takes a few bytes for millions of values, so without this bound a 5-byte message
        /// could cost hundreds of megabytes. The limit of a decode is this times the input's
        /// size, and at most ``maxZeroSizeItems``. The default is 1,000.
        public var maxZeroSizeItemsPerInputByte: Int
        /// How coding keys become record field names (and, without a schema, how the derived
        /// schema names its fields). Map keys are never converted. The default is
        /// ``AvroFieldNaming/codingKeys``.
        public var fieldNaming: AvroFieldNaming
        /// Contextual information for `init(from:)` implementations.
        public var userInfo: [CodingUserInfoKey: any Sendable]

        /// Creates options; each default is the one its property names.
        public init(maxDepth: Int = AvroNesting.defaultMaxDepth, maxZeroSizeItems: Int = defaultMaxZeroSizeItems,
                    maxZeroSizeItemsPerInputByte: Int = defaultMaxZeroSizeItemsPerInputByte,
                    fieldNaming: AvroFieldNaming = .codingKeys, userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
            self.maxDepth = maxDepth
            self.maxZeroSizeItems = maxZeroSizeItems
            self.maxZeroSizeItemsPerInputByte = maxZeroSizeItemsPerInputByte
            self.fieldNaming = fieldNaming
            self.userInfo = userInfo
        }

        /// The default of ``maxZeroSizeItems``.
        public static let defaultMaxZeroSizeItems = 10_000_000
        /// The default of ``maxZeroSizeItemsPerInputByte``.
        public static let defaultMaxZeroSizeItemsPerInputByte = 1_000

        /// How many zero-byte items a decode of `size` bytes of input may make.
        func zeroSizeItemLimit(forInputOf size: Int) -> Int {
            Self.zeroSizeItemLimit(forInputOf: size, perByte: maxZeroSizeItemsPerInputByte, atMost: maxZeroSizeItems)
        }

        /// How many zero-byte items a decode of `size` bytes of input may make, at `perByte`
        /// items per byte and `atMost` in all. (Static, so that a reader with the default
        /// limits makes no options value, whose user info dictionary costs an allocation check.)
        static func zeroSizeItemLimit(forInputOf size: Int, perByte: Int = defaultMaxZeroSizeItemsPerInputByte,
                                      atMost: Int = defaultMaxZeroSizeItems) -> Int {
            let (scaled, overflow) = max(size, 1).multipliedReportingOverflow(by: max(perByte, 0))
            return overflow ? atMost : min(atMost, scaled)
        }
    }

    /// The schema the data was written with, or `nil` to use each type's derived schema.
    public let schema: AvroSchema?
    /// The decoder's settings.
    public var options: Options
    /// How coding keys become record field names: ``Options/fieldNaming`` of ``options``.
    public var fieldNaming: AvroFieldNaming {
        get { options.fieldNaming }
        set { options.fieldNaming = newValue }
    }
    /// Contextual information for `init(from:)` implementations: ``Options/userInfo`` of
    /// ``options``.
    public var userInfo: [CodingUserInfoKey: any Sendable] {
        get { options.userInfo }
        set { options.userInfo = newValue }
    }
    /// The schema data is written with when it differs from ``schema``: set by
    /// ``resolving(writerSchema:)``.
    public var writerSchema: AvroSchema? { writerResolution?.writer.schema }
    let coderSchema: CoderSchema
    private(set) var writerResolution: WriterResolution?

    /// Creates a decoder that reads data written with `schema`, or with the schema derived
    /// from each decoded type when `schema` is `nil`.
    public init(schema: AvroSchema? = nil, options: Options = .init()) {
        self.schema = schema
        self.options = options
        coderSchema = CoderSchema(schema)
    }

    /// Returns a decoder like this one for data written with `writerSchema`: each `decode`
    /// resolves the data into this decoder's schema (or the type's derived schema) by the
    /// rules of schema evolution, as ``decode(_:from:writerSchema:)-(_,ContiguousBytes,_)`` does.
    ///
    /// Use it when many values share one writer schema (the messages of one producer, say):
    /// the writer schema is compiled here once, and the resolution for each decoded type is
    /// found without comparing schemas on every call.
    ///
    /// ```swift
    /// let v1 = try AvroDecoder(schema: personV2).resolving(writerSchema: personV1)
    /// let person = try v1.decode(PersonV2.self, from: message)
    /// ```
    ///
    /// - Throws: ``AvroError`` with the code ``AvroError/Code/invalidSchema`` when
    ///   `writerSchema` refers to a named type it does not define.
    public func resolving(writerSchema: AvroSchema) throws -> AvroDecoder {
        var decoder = self
        decoder.writerResolution = WriterResolution(writer: try CompiledSchema.cached(writerSchema), reader: coderSchema.compiled)
        return decoder
    }

    /// Decodes a value of `type` from `bytes` (`Data`, `[UInt8]` or any contiguous bytes),
    /// which must hold exactly one value.
    ///
    /// - Throws: `DecodingError` with the coding path of the value that could not be read and
    ///   an ``AvroError`` (code, path, byte offset) as underlying error. As `JSONDecoder`'s:
    ///   `typeMismatch` when the data holds another type than the one asked for,
    ///   `valueNotFound` when it holds `null` for a type that is not optional, `keyNotFound`
    ///   for a field the data lacks, and `dataCorrupted` for bytes that are not valid Avro.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some ContiguousBytes) throws -> T {
        try decodeWhole(type, from: bytes) { try decodeAny(type, from: &$0) }
    }

    /// Reads one value of `type` from `bytes` with `read`, which must read them all.
    func decodeWhole<T>(_ type: T.Type, from bytes: some ContiguousBytes, _ read: (inout AvroBinaryReader) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { buffer in
            var reader = AvroBinaryReader(buffer, zeroSizeItemLimit: options.zeroSizeItemLimit(forInputOf: buffer.count))
            let value = try read(&reader)
            guard reader.isAtEnd else {
                throw Self.decodingError(AvroError(.trailingData, "\(reader.remaining) bytes remain after the \(T.self) value", offset: reader.offset))
            }
            return value
        }
    }

    /// Decodes one value of `type` from `reader`, leaving the reader after it (for a stream
    /// of values, such as a block of an object container file).
    public func decode<T: Decodable>(_ type: T.Type, from reader: inout AvroBinaryReader) throws -> T {
        try decodeAny(type, from: &reader)
    }

    /// Decodes one value of any decodable `type` from `reader`: through `Decodable`, or
    /// through ``AvroBinaryDecodable`` when the type conforms and its schema is the one read.
    func decodeAny<T: Decodable>(_ type: T.Type, from reader: inout AvroBinaryReader) throws -> T {
        let compiled: CompiledSchema
        do {
            compiled = try compiledSchema(for: T.self)
        } catch {
            throw Self.decodingError(error)
        }
        if let writerResolution {
            return try decode(type, from: &reader, resolution: writerResolution.plan(reading: compiled))
        }
        return try decode(type, from: &reader, schema: compiled)
    }

    /// Decodes one value of `type` as `schema` from `reader`, which holds data written with
    /// `schema` or, with a `resolution`, with the resolution's writer schema.
    private func decode<T: Decodable>(_ type: T.Type, from reader: inout AvroBinaryReader, schema: CompiledSchema, resolution: ResolutionPlan? = nil) throws -> T {
        do {
            return try DecodingState.with(schema: schema, reader: &reader, resolution: resolution, decoding: T.self, userInfo: userInfo,
                                          maxDepth: options.maxDepth, fieldNaming: fieldNaming) { state, decodable in
                // A type that reads itself (AvroBinaryDecodable) with its own schema does.
                if let decodable {
                    return try Self.readItself(from: &state.reader, maxDepth: state.maxDepth) { try decodable.avroDecode(type, from: &$0) }
                }
                let value = try state.decode(type, at: schema.root)
                try state.closeFrames(downTo: 0)
                return value
            }
        } catch {
            throw Self.decodingError(error)
        }
    }

    /// Decodes a value of `type` from its Avro JSON encoding.
    ///
    /// - Throws: `DecodingError`, as decoding bytes does, also for text
    ///   that is not the Avro JSON of the type's schema (`dataCorrupted`, the ``AvroError``
    ///   naming the line and column).
    public func decode<T: Decodable>(_ type: T.Type, fromAvroJSON text: String) throws -> T {
        let bytes: [UInt8]
        do {
            let schema = try compiledSchema(for: T.self).schema
            bytes = try AvroValue(avroJSONString: text, as: schema).encoded(as: schema)
        } catch {
            throw Self.decodingError(error)
        }
        return try decode(type, from: bytes)
    }

    /// Decodes a value of `type` from `bytes` written with `writerSchema`, resolving it
    /// into this decoder's schema (or the type's derived schema) by the rules of schema
    /// evolution: fields matched by name or alias, added fields from their defaults, dropped
    /// fields skipped, numbers promoted, enum symbols and union branches mapped.
    ///
    /// - Throws: `DecodingError` whose underlying ``AvroError`` has the code
    ///   ``AvroError/Code/incompatibleSchemas`` when the data cannot be read as the reader's schema.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some ContiguousBytes, writerSchema: AvroSchema) throws -> T {
        try decodeWhole(type, from: bytes) { try decode(type, from: &$0, writerSchema: writerSchema) }
    }

    /// Decodes one value of `type` written with `writerSchema` from `reader`, leaving the
    /// reader after it.
    public func decode<T: Decodable>(_ type: T.Type, from reader: inout AvroBinaryReader, writerSchema: AvroSchema) throws -> T {
        let resolution: ResolutionPlan
        do {
            resolution = try ResolutionPlan.cached(writer: writerSchema, reader: try compiledSchema(for: T.self))
        } catch {
            throw Self.decodingError(error)
        }
        return try decode(type, from: &reader, resolution: resolution)
    }

    /// Decodes one value with a resolution plan made beforehand (container files keep one).
    func decode<T: Decodable>(_ type: T.Type, from reader: inout AvroBinaryReader, resolution: ResolutionPlan) throws -> T {
        try decode(type, from: &reader, schema: resolution.reader, resolution: resolution.isIdentity ? nil : resolution)
    }

    func compiledSchema<T>(for type: T.Type) throws -> CompiledSchema {
        try coderSchema.compiled(for: type, fieldNaming: fieldNaming)
    }

    static func decodingError(_ error: any Error) -> any Error {
        guard let avroError = error as? AvroError else { return error }
        let path = AvroCodingKey.path(avroError.path)
        let context = DecodingError.Context(codingPath: path, debugDescription: avroError.code.rawValue, underlyingError: avroError)
        if avroError.code == .missingField, let key = path.last {
            return DecodingError.keyNotFound(key, DecodingError.Context(codingPath: path.dropLast(), debugDescription: avroError.code.rawValue, underlyingError: avroError))
        }
        if let (type, foundNull) = avroError.swiftType {
            return foundNull ? DecodingError.valueNotFound(type, context) : DecodingError.typeMismatch(type, context)
        }
        return DecodingError.dataCorrupted(context)
    }
}
