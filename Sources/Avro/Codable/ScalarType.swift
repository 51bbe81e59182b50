import Foundation

/// The Swift types the Codable coders read and write themselves, by their own Avro form,
/// rather than through the type's `init(from:)` or `encode(to:)`.
///
/// Telling a generic `T` apart once, as a value of this enum, lets the coders switch over it
/// and bit-cast a `T` to the one type its case names (and back): the case is the check that
/// makes the cast sound. Specialised code folds the lookup to a constant.
enum ScalarType {
    case string, int, int64, int32, double, bool, float, date, data, bytes, uuid, decimal, url
    case avroValue, duration, int16, int8, uint8, uint16, uint32, uint64, uint

    /// The case for `type`, or `nil` when the coders go through the type's own conformance.
    /// The most common types are compared first.
    @inline(__always)
    init?(_ type: Any.Type) {
        if type == String.self { self = .string }
        else if type == Int.self { self = .int }
        else if type == Int64.self { self = .int64 }
        else if type == Int32.self { self = .int32 }
        else if type == Double.self { self = .double }
        else if type == Bool.self { self = .bool }
        else if type == Float.self { self = .float }
        else if type == Date.self { self = .date }
        else if type == Data.self { self = .data }
        else if type == [UInt8].self { self = .bytes }
        else if type == UUID.self { self = .uuid }
        else if type == Decimal.self { self = .decimal }
        else if type == URL.self { self = .url }
        else if type == AvroValue.self { self = .avroValue }
        else if type == AvroDuration.self { self = .duration }
        else if type == Int16.self { self = .int16 }
        else if type == Int8.self { self = .int8 }
        else if type == UInt8.self { self = .uint8 }
        else if type == UInt16.self { self = .uint16 }
        else if type == UInt32.self { self = .uint32 }
        else if type == UInt64.self { self = .uint64 }
        else if type == UInt.self { self = .uint }
        else { return nil }
    }
}
