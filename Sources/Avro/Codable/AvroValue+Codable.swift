/// `AvroValue` as a property of a `Codable` type, for data whose shape is only known at run
/// time:
///
/// ```swift
/// struct Event: Codable {
///     var id: Int
///     var payload: AvroValue   // written and read as the schema's `payload` field says
/// }
/// ```
///
/// `AvroEncoder` and `AvroDecoder` write and read such a property straight from the schema.
/// Other encoders and decoders (JSON, property lists) have no Avro schema to give the value
/// its meaning, so they throw.
extension AvroValue: Codable {
    /// Throws `EncodingError.invalidValue`: only `AvroEncoder` can encode an `AvroValue`.
    public func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(self, EncodingError.Context(
            codingPath: encoder.codingPath,
            debugDescription: "an AvroValue can only be encoded by AvroEncoder, which has its schema"))
    }

    /// Throws `DecodingError.typeMismatch`: only `AvroDecoder` can decode an `AvroValue`.
    public init(from decoder: any Decoder) throws {
        throw DecodingError.typeMismatch(AvroValue.self, DecodingError.Context(
            codingPath: decoder.codingPath,
            debugDescription: "an AvroValue can only be decoded by AvroDecoder, which has its schema"))
    }
}
