import Foundation

/// Conversions between Foundation's `Date` and the counts of the Avro `date` and timestamp
/// logical types (checklist items 41, 43, 45): days, or milli-, micro- or nanoseconds since
/// 1970-01-01T00:00.
///
/// A `Date` is a `Double` of seconds since 2001. Its whole seconds and its fraction are
/// converted separately, with integer arithmetic for the seconds, and the fraction is rounded
/// to the nearest unit: a count read from Avro and written back gives the same count, and
/// nothing is lost beyond what the `Double` itself cannot hold.
enum DateCounts {
    /// The units per second of a timestamp logical type: 1000 for millis (and for a plain
    /// `long`), 1 000 000 for micros, 1 000 000 000 for nanos.
    static func unitsPerSecond(_ logicalType: AvroLogicalType?) -> Int64 {
        switch logicalType {
        case .timestampMicros?, .localTimestampMicros?: 1_000_000
        case .timestampNanos?, .localTimestampNanos?: 1_000_000_000
        default: 1_000
        }
    }

    /// The count of `unitsPerSecond` units since 1970 nearest to `date`, or `nil` when it does
    /// not fit in 64 bits.
    static func count(of date: Date, unitsPerSecond: Int64) -> Int64? {
        let interval = date.timeIntervalSinceReferenceDate
        let whole = interval.rounded(.down)
        guard let seconds = unixSeconds(whole) else { return nil }
        let units = Int64(((interval - whole) * Double(unitsPerSecond)).rounded())
        let scaled = seconds.multipliedReportingOverflow(by: unitsPerSecond)
        guard !scaled.overflow else { return nil }
        let count = scaled.partialValue.addingReportingOverflow(units)
        return count.overflow ? nil : count.partialValue
    }

    /// The days since 1970-01-01 of the UTC day that contains `date`, or `nil` when it does
    /// not fit in 32 bits.
    static func days(of date: Date) -> Int32? {
        guard let seconds = unixSeconds(date.timeIntervalSinceReferenceDate.rounded(.down)) else { return nil }
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return Int32(exactly: remainder < 0 ? quotient - 1 : quotient)
    }

    /// The date `count` units of `unitsPerSecond` after 1970.
    static func date(count: Int64, unitsPerSecond: Int64) -> Date {
        var (seconds, units) = count.quotientAndRemainder(dividingBy: unitsPerSecond)
        if units < 0 {
            seconds -= 1
            units += unitsPerSecond
        }
        return Date(timeIntervalSinceReferenceDate: Double(seconds - referenceOffset) + Double(units) / Double(unitsPerSecond))
    }

    /// The date at the start of the UTC day `days` after 1970-01-01.
    static func date(days: Int32) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(Int64(days) * 86_400 - referenceOffset))
    }

    /// Seconds from 1970 to 2001, Foundation's reference date.
    private static let referenceOffset = Int64(Date.timeIntervalBetween1970AndReferenceDate)

    /// The whole seconds since 1970 of `whole` seconds since 2001, or `nil` out of range.
    private static func unixSeconds(_ whole: Double) -> Int64? {
        guard let seconds = Int64(exactly: whole) else { return nil }
        let unix = seconds.addingReportingOverflow(referenceOffset)
        return unix.overflow ? nil : unix.partialValue
    }
}
