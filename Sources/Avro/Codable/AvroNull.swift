/// The value of the Avro `null` type where a Swift value must stand for it: a record field of
/// type `null`, or a generated type's. It has one value and takes no bytes.
public struct AvroNull: Codable, Hashable, Sendable {
    /// Creates the null value.
    public init() {}

    /// Decodes the null value: the decoder must hold `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard container.decodeNil() else {
            throw DecodingError.typeMismatch(AvroNull.self, .init(codingPath: decoder.codingPath, debugDescription: "expected null"))
        }
    }

    /// Encodes `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
