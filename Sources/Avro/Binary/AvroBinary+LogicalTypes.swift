import Foundation

/// Writing the Foundation types that Avro logical types describe, as ``AvroEncoder`` writes
/// them: what a type conforming to ``AvroBinaryEncodable`` calls for such a field.
extension AvroBinaryWriter {
    /// Writes `date` as a `date` (an `int` of days since 1970-01-01) or as a `long` count of
    /// the units of a timestamp logical type (`timestamp-millis`, `-micros`, `-nanos` and
    /// their `local-` forms; milliseconds for any other).
    ///
    /// - Throws: ``AvroError/Code/valueOutOfRange`` when the count does not fit.
    public mutating func writeDate(_ date: Date, as logicalType: AvroLogicalType) throws(AvroError) {
        if logicalType == .date {
            guard let days = DateCounts.days(of: date) else {
                throw AvroError(.valueOutOfRange, "\(date) is out of the range of the date logical type")
            }
            return writeInt(days)
        }
        guard let count = DateCounts.count(of: date, unitsPerSecond: DateCounts.unitsPerSecond(logicalType)) else {
            throw AvroError(.valueOutOfRange, "\(date) is out of the range of \(logicalType.name) (64 bits)")
        }
        writeLong(count)
    }

    /// Writes `uuid` as the `uuid` logical type of a `string`: its lowercase text.
    public mutating func writeUUID(_ uuid: UUID) {
        writeString(uuid.uuidString.lowercased())
    }

    /// Writes `uuid` as the `uuid` logical type of a `fixed` of 16 bytes: its bytes in order.
    public mutating func writeFixedUUID(_ uuid: UUID) {
        withUnsafeBytes(of: uuid.uuid) { writeFixed($0) }
    }

    /// Writes `decimal` as the `decimal` logical type: the two's-complement bytes of its
    /// unscaled value, length-prefixed for `bytes` (`size` `nil`) or sign-extended to `size`
    /// bytes for a `fixed`.
    ///
    /// - Throws: ``AvroError/Code/valueOutOfRange`` when the value has more digits than
    ///   `precision`, more decimals than `scale`, or does not fit in `size` bytes.
    public mutating func writeDecimal(_ decimal: Decimal, scale: Int, precision: Int, size: Int? = nil) throws(AvroError) {
        let bytes = try DecimalBytes.encode(decimal, scale: scale, precision: precision, size: size)
        if size == nil { writeBytes(bytes) } else { writeFixed(bytes) }
    }

    /// Writes `duration` as the `duration` logical type: a `fixed` of 12 bytes.
    public mutating func writeDuration(_ duration: AvroDuration) {
        writeFixed(duration.bytes)
    }
}

/// Reading the Foundation types that Avro logical types describe, as ``AvroDecoder`` reads
/// them: what a type conforming to ``AvroBinaryDecodable`` calls for such a field.
extension AvroBinaryReader {
    /// Reads a `date` (an `int` of days) or a timestamp logical type (a `long` count of its
    /// units; milliseconds for any other logical type) as a `Date`.
    public mutating func readDate(as logicalType: AvroLogicalType) throws(AvroError) -> Date {
        if logicalType == .date { return DateCounts.date(days: try readInt()) }
        return DateCounts.date(count: try readLong(), unitsPerSecond: DateCounts.unitsPerSecond(logicalType))
    }

    /// Reads the `uuid` logical type of a `string`.
    ///
    /// - Throws: ``AvroError/Code/typeMismatch`` when the text is not a UUID.
    public mutating func readUUID() throws(AvroError) -> UUID {
        let start = offset
        let text = try readString()
        guard let uuid = UUID(uuidString: text) else {
            throw AvroError(.typeMismatch, "'\(text.prefix(40))' is not a UUID", offset: start)
        }
        return uuid
    }

    /// Reads the `uuid` logical type of a `fixed` of 16 bytes.
    public mutating func readFixedUUID() throws(AvroError) -> UUID {
        let b = try readRawBytes(count: 16)
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// Reads the `decimal` logical type of `bytes` (`size` `nil`) or of a `fixed` of `size`
    /// bytes, exactly.
    ///
    /// - Throws: ``AvroError/Code/valueOutOfRange`` when the value has more digits than
    ///   `precision` or than a `Decimal` holds.
    public mutating func readDecimal(scale: Int, precision: Int, size: Int? = nil) throws(AvroError) -> Decimal {
        let start = offset
        let bytes = if let size { try readRawBytes(count: size) } else { try readLengthPrefixedBytes() }
        do {
            return try DecimalBytes.decode(bytes, scale: scale, precision: precision)
        } catch {
            throw error.offset == nil ? AvroError(error.code, error.message, path: error.path, offset: start) : error
        }
    }

    /// Reads the `duration` logical type: a `fixed` of 12 bytes.
    public mutating func readDuration() throws(AvroError) -> AvroDuration {
        AvroDuration(bytes: try readRawBytes(count: 12))
    }
}
