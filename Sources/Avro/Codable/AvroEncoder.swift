import Foundation

/// An object that encodes instances of a data type as Avro binary.
///
/// ```swift
/// struct Person: Codable {
///     var name: String
///     var age: Int32
///     var email: String
/// }
///
/// let encoder = AvroEncoder(schema: personSchema)
/// let data = try encoder.encode(Person(name: "Alice", age: 30, email: "alice@example.com"))
/// ```
///
/// The encoder writes Avro binary straight from `encode(to:)`, with no intermediate tree,
/// driven by its schema compiled once. Struct properties are matched to record fields by
/// name, whatever order `encode(to:)` writes them in; a field that is never encoded gets its
/// default (or `null`, for an optional). Integers are range-checked against `int`, never
/// truncated. Without a schema, the encoder derives one from the type being encoded.
///
/// An `AvroEncoder` is a value: configure it once and use it from any thread.
public struct AvroEncoder: Sendable {
    /// The settings of an encoder: everything but its schema. ``AvroFileWriter`` takes them
    /// too, so that files are written as the encoder writes values.
    public struct Options: Sendable {
        /// How coding keys become record field names (and, without a schema, how the derived
        /// schema names its fields). Map keys are never converted. The default is
        /// ``AvroFieldNaming/codingKeys``.
        public var fieldNaming: AvroFieldNaming
        /// Contextual information for `encode(to:)` implementations.
        public var userInfo: [CodingUserInfoKey: any Sendable]
        /// The deepest nesting of values written (records in records, arrays of arrays…): a
        /// deeper value is an error, never a stack overflow. The default is the decoder's
        /// (``AvroDecoder/Options/maxDepth``).
        public var maxDepth: Int

        /// Creates options; each default is the one its property names.
        public init(fieldNaming: AvroFieldNaming = .codingKeys, userInfo: [CodingUserInfoKey: any Sendable] = [:],
                    maxDepth: Int = AvroNesting.defaultMaxDepth) {
            self.fieldNaming = fieldNaming
            self.userInfo = userInfo
            self.maxDepth = maxDepth
        }
    }

    /// The schema values are written with, or `nil` to derive one from each encoded type.
    public let schema: AvroSchema?
    /// The encoder's settings.
    public var options: Options
    /// How coding keys become record field names: ``Options/fieldNaming`` of ``options``.
    public var fieldNaming: AvroFieldNaming {
        get { options.fieldNaming }
        set { options.fieldNaming = newValue }
    }
    /// Contextual information for `encode(to:)` implementations: ``Options/userInfo`` of
    /// ``options``.
    public var userInfo: [CodingUserInfoKey: any Sendable] {
        get { options.userInfo }
        set { options.userInfo = newValue }
    }
    /// The deepest nesting of values written: ``Options/maxDepth`` of ``options``.
    public var maxDepth: Int {
        get { options.maxDepth }
        set { options.maxDepth = newValue }
    }
    let coderSchema: CoderSchema

    /// Creates an encoder that writes values with `schema`, or with the schema derived from
    /// each value's type when `schema` is `nil`, with `options`.
    public init(schema: AvroSchema? = nil, options: Options = .init()) {
        self.schema = schema
        self.options = options
        coderSchema = CoderSchema(schema)
    }

    /// Returns the Avro binary encoding of `value`.
    ///
    /// - Throws: `EncodingError.invalidValue` whose context has the coding path of the value
    ///   that does not fit the schema and an ``AvroError`` as underlying error.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodeBytes(value))
    }

    /// Returns the Avro binary encoding of `value` as bytes.
    public func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(value, into: &bytes)
        return bytes
    }

    /// Appends the Avro binary encoding of `value` to `buffer`. When encoding fails,
    /// `buffer` is left as it was.
    public func encode<T: Encodable>(_ value: T, into buffer: inout [UInt8]) throws {
        try encodeAny(value, into: &buffer)
    }

    /// Appends the encoding of any encodable `value` to `buffer`: through `Encodable`, or
    /// through ``AvroBinaryEncodable`` when the type conforms and its schema is the one written.
    func encodeAny<T: Encodable>(_ value: T, into buffer: inout [UInt8]) throws {
        let compiled: CompiledSchema
        do {
            compiled = try compiledSchema(for: T.self)
        } catch {
            throw Self.encodingError(error, value: value)
        }
        let start = buffer.count
        // A local, so that the closure below captures a number rather than the encoder.
        let maxDepth = maxDepth
        do {
            try EncodingState.with(schema: compiled, appendingTo: &buffer, userInfo: userInfo, fieldNaming: fieldNaming, maxDepth: maxDepth) { state in
                do {
                    // A type that writes itself (AvroBinaryEncodable) with its own schema does.
                    if let encodable = state.binaryCodings.encodable(T.self, compiled: compiled) {
                        state.writer.maxDepth = maxDepth
                        try encodable.avroEncode(value, to: &state.writer)
                    } else {
                        try state.encode(value, at: compiled.root)
                        try state.closeFrames(downTo: 0)
                    }
                } catch {
                    state.writer.truncate(to: start)
                    throw error
                }
            }
        } catch {
            throw Self.encodingError(error, value: value)
        }
    }

    /// Returns `value` in the Avro JSON encoding (unions as `{"branch": value}`, bytes as
    /// ISO-8859-1 strings), as compact or pretty text.
    public func encodeAvroJSON<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        let bytes = try encodeBytes(value)
        do {
            let schema = try compiledSchema(for: T.self).schema
            return try AvroValue(decoding: bytes, as: schema).avroJSONString(as: schema, pretty: pretty)
        } catch {
            throw Self.encodingError(error, value: value)
        }
    }

    /// The schema values of `type` are written with: the encoder's, or the type's derived one.
    func writerSchema<T>(for type: T.Type) throws -> AvroSchema {
        try compiledSchema(for: type).schema
    }

    func compiledSchema<T>(for type: T.Type) throws -> CompiledSchema {
        try coderSchema.compiled(for: type, fieldNaming: fieldNaming)
    }

    static func encodingError(_ error: any Error, value: Any) -> any Error {
        guard let avroError = error as? AvroError else { return error }
        let context = EncodingError.Context(codingPath: AvroCodingKey.path(avroError.path), debugDescription: avroError.code.rawValue, underlyingError: avroError)
        return EncodingError.invalidValue(value, context)
    }
}
