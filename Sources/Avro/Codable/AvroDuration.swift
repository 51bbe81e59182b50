/// The value of the Avro `duration` logical type: an amount of time in months, days and
/// milliseconds, each an unsigned 32-bit number. Encoded as a `fixed`
/// of 12 bytes.
public struct AvroDuration: Codable, Hashable, Sendable {
    /// The number of months.
    public var months: UInt32
    /// The number of days.
    public var days: UInt32
    /// The number of milliseconds.
    public var milliseconds: UInt32

    /// Creates a duration of `months`, `days` and `milliseconds`, each counted apart, as Avro's `duration` keeps them.
    public init(months: UInt32 = 0, days: UInt32 = 0, milliseconds: UInt32 = 0) {
        self.months = months
        self.days = days
        self.milliseconds = milliseconds
    }

    /// The 12 bytes of the Avro encoding: three little-endian 32-bit numbers.
    var bytes: [UInt8] {
        [months, days, milliseconds].flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) } }
    }

    /// The duration in the 12 bytes of its Avro encoding.
    init(bytes: UnsafeRawBufferPointer) {
        func word(_ start: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(bytes[start + $1]) << ($1 * 8) }
        }
        self.init(months: word(0), days: word(4), milliseconds: word(8))
    }
}
