/// A logical type: an annotation on an underlying Avro type that gives its values a meaning
/// (a date, a decimal, a UUID…) without changing how they are encoded.
///
/// A schema carries a logical type only when it is valid for the underlying type. An unknown
/// or invalid `logicalType` attribute is kept in ``AvroSchema/properties`` and the value is
/// read and written as the underlying type, as the specification requires.
public enum AvroLogicalType: Hashable, Sendable {
    /// An arbitrary-precision decimal with a fixed scale, on `bytes` or `fixed`.
    case decimal(precision: Int, scale: Int)
    /// A decimal whose scale is stored with each value, on `bytes`.
    case bigDecimal
    /// A UUID, on `string` (36-character text) or `fixed` of size 16.
    case uuid
    /// Days since 1970-01-01, on `int`.
    case date
    /// Milliseconds after midnight, on `int`.
    case timeMillis
    /// Microseconds after midnight, on `long`.
    case timeMicros
    /// Milliseconds since the Unix epoch (an instant), on `long`.
    case timestampMillis
    /// Microseconds since the Unix epoch (an instant), on `long`.
    case timestampMicros
    /// Nanoseconds since the Unix epoch (an instant), on `long`.
    case timestampNanos
    /// Milliseconds since 1970-01-01T00:00 in an unspecified local time zone, on `long`.
    case localTimestampMillis
    /// Microseconds since 1970-01-01T00:00 local time, on `long`.
    case localTimestampMicros
    /// Nanoseconds since 1970-01-01T00:00 local time, on `long`.
    case localTimestampNanos
    /// Months, days and milliseconds as three little-endian 32-bit unsigned integers, on
    /// `fixed` of size 12.
    case duration

    /// The name written in the schema's `logicalType` attribute.
    public var name: String {
        switch self {
        case .decimal: "decimal"
        case .bigDecimal: "big-decimal"
        case .uuid: "uuid"
        case .date: "date"
        case .timeMillis: "time-millis"
        case .timeMicros: "time-micros"
        case .timestampMillis: "timestamp-millis"
        case .timestampMicros: "timestamp-micros"
        case .timestampNanos: "timestamp-nanos"
        case .localTimestampMillis: "local-timestamp-millis"
        case .localTimestampMicros: "local-timestamp-micros"
        case .localTimestampNanos: "local-timestamp-nanos"
        case .duration: "duration"
        }
    }

    /// The largest decimal precision a `fixed` of `size` bytes can hold:
    /// floor(log10(2^(8·size−1) − 1)).
    public static func maxDecimalPrecision(fixedSize size: Int) -> Int {
        guard size > 0 else { return 0 }
        // log10(2^(8n-1) - 1) is below an integer only when 2^(8n-1) is a power of ten, which
        // never happens, so floor((8n-1)·log10 2) is exact enough for every size.
        return Int((Double(8 * size - 1) * 0.30102999566398119521).rounded(.down))
    }

    /// The logical type that `attributes` of a schema over `base` describe, or `nil` when it is
    /// unknown or invalid (which means: use the underlying type).
    static func validated(name: String, attributes: AvroJSON.Object, base: AvroSchema.Kind) -> AvroLogicalType? {
        switch (name, base) {
        case ("decimal", .bytes), ("decimal", .fixed):
            guard let precision = attributes["precision"]?.integerValue, precision >= 1,
                  precision <= Int64(Int32.max) else { return nil }
            let scale = attributes["scale"] == nil ? 0 : attributes["scale"]?.integerValue
            guard let scale, scale >= 0, scale <= precision else { return nil }
            if case .fixed(let fixed) = base, precision > maxDecimalPrecision(fixedSize: fixed.size) {
                return nil
            }
            return .decimal(precision: Int(precision), scale: Int(scale))
        case ("big-decimal", .bytes): return .bigDecimal
        case ("uuid", .string): return .uuid
        case ("uuid", .fixed(let fixed)) where fixed.size == 16: return .uuid
        case ("date", .int): return .date
        case ("time-millis", .int): return .timeMillis
        case ("time-micros", .long): return .timeMicros
        case ("timestamp-millis", .long): return .timestampMillis
        case ("timestamp-micros", .long): return .timestampMicros
        case ("timestamp-nanos", .long): return .timestampNanos
        case ("local-timestamp-millis", .long): return .localTimestampMillis
        case ("local-timestamp-micros", .long): return .localTimestampMicros
        case ("local-timestamp-nanos", .long): return .localTimestampNanos
        case ("duration", .fixed(let fixed)) where fixed.size == 12: return .duration
        default: return nil
        }
    }

    /// The attributes that describe this logical type in a schema object, in print order.
    var attributes: [(key: String, value: AvroJSON)] {
        if case .decimal(let precision, let scale) = self {
            return [("logicalType", .string(name)), ("precision", .integer(Int64(precision))),
                    ("scale", .integer(Int64(scale)))]
        }
        return [("logicalType", .string(name))]
    }
}
