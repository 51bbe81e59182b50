import Foundation

/// Conversions between Foundation's `Date` and the counts of the Avro `date` and timestamp
/// logical types: days, or milli-, micro- or nanoseconds since
/// 1970-01-01T00:00.
///
/// A `Date` is a `Double` of seconds since 2001. Writing, its whole seconds and its fraction
/// are converted separately, with integer arithmetic for the seconds; the fraction is rounded
/// toward negative infinity, as Java and Python round (half a millisecond before 1970 is -1
/// ms), except that a count the `Double` is within its own precision of is taken as that count
/// (`Date(timeIntervalSince1970: 1700000000.123)` is a whole number of milliseconds, though the
/// `Double` holds 1700000000.12299990654). Reading, a count that a `Double` holds exactly is
/// divided as `JSONDecoder`'s `.millisecondsSince1970` divides it, so a `Date` of whole units
/// compares equal after a round trip.
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

    /// The count of `unitsPerSecond` units since 1970 at or before `date` (see above), or
    /// `nil` when it does not fit in 64 bits.
    static func count(of date: Date, unitsPerSecond: Int64) -> Int64? {
        let interval = date.timeIntervalSinceReferenceDate
        let whole = interval.rounded(.down)
        guard let seconds = unixSeconds(whole) else { return nil }
        let fraction = (interval - whole) * Double(unitsPerSecond)
        let nearest = fraction.rounded()
        // Two units in the last place of the interval, since 2001 or since 1970 (a Date is
        // often made from the latter): how far the Double may be from the instant it was
        // made for.
        let precision = 2 * max(interval.ulp, date.timeIntervalSince1970.ulp) * Double(unitsPerSecond)
        let units = Int64(abs(fraction - nearest) <= precision ? nearest : fraction.rounded(.down))
        let scaled = seconds.multipliedReportingOverflow(by: unitsPerSecond)
        guard !scaled.overflow else { return nil }
        let count = scaled.partialValue.addingReportingOverflow(units)
        return count.overflow ? nil : count.partialValue
    }

    /// `count` units of `from` per day in units of `to` per day (one divides the other),
    /// rounded toward negative infinity, as Java and Python round timestamps; `nil` when it
    /// does not fit in 64 bits.
    static func convert(_ count: Int64, from: Int64, to: Int64) -> Int64? {
        if to >= from {
            let scaled = count.multipliedReportingOverflow(by: to / from)
            return scaled.overflow ? nil : scaled.partialValue
        }
        let (quotient, remainder) = count.quotientAndRemainder(dividingBy: from / to)
        return remainder < 0 ? quotient - 1 : quotient
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
        if count.magnitude <= 1 << 53 { return Date(timeIntervalSince1970: Double(count) / Double(unitsPerSecond)) }
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
