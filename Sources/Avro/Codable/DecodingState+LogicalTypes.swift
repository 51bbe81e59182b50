import Foundation

/// Reading the Foundation types that Avro logical types describe.
extension DecodingState {
    func readDate(at target: Int) throws -> Date {
        let node = try valueNode(target)
        switch (schema.info[node].kind, schema.info[node].logicalType) {
        case (.int, .date?):
            return DateCounts.date(days: try reader.readInt())
        case (.long, let logical) where logical != .timeMicros:
            return DateCounts.date(count: try reader.readLong(), unitsPerSecond: DateCounts.unitsPerSecond(logical))
        default: throw mismatch(Date.self, "a Date", node)
        }
    }

    func readUUID(at target: Int) throws -> UUID {
        let node = try valueNode(target)
        switch schema.info[node].kind {
        case .string: return try reader.readUUID()
        case .fixed where schema.info[node].child == 16: return try reader.readFixedUUID()
        default: throw mismatch(UUID.self, "a UUID", node)
        }
    }

    func readDecimal(at target: Int) throws -> Decimal {
        let node = try valueNode(target)
        let start = reader.offset
        do {
            switch (schema.info[node].kind, schema.info[node].logicalType) {
            case (.bytes, .decimal(let precision, let scale)?):
                return try DecimalBytes.decode(try reader.readLengthPrefixedBytes(), scale: scale, precision: precision)
            case (.fixed, .decimal(let precision, let scale)?):
                return try DecimalBytes.decode(try reader.readRawBytes(count: schema.info[node].child), scale: scale, precision: precision)
            case (.bytes, .bigDecimal?):
                let content = try reader.readLengthPrefixedBytes()
                var inner = AvroBinaryReader(content)
                let unscaled = try inner.readLengthPrefixedBytes()
                let scale = try inner.readInt()
                guard scale >= 0, inner.isAtEnd else {
                    throw AvroError(.typeMismatch, "the big-decimal has a negative scale \(scale) or bytes after its scale")
                }
                return try DecimalBytes.decode(unscaled, scale: Int(scale), precision: nil)
            case (.string, _):
                return try DecimalBytes.decode(text: try reader.readString())
            default:
                throw mismatch(Decimal.self, "a Decimal (bytes or fixed with the decimal logical type)", node)
            }
        } catch var error as AvroError {
            if error.offset == nil { error.offset = start }
            throw error
        }
    }

    func readURL(at target: Int) throws -> URL {
        let start = reader.offset
        let text = try readString(at: target)
        guard let url = URL(string: text) else {
            throw AvroError(.typeMismatch, "'\(text.prefix(60))' is not a URL", offset: start)
        }
        return url
    }

    func readDuration(at target: Int) throws -> AvroDuration {
        let node = try valueNode(target)
        guard schema.info[node].kind == .fixed, schema.info[node].child == 12 else { throw mismatch(AvroDuration.self, "an AvroDuration", node) }
        return AvroDuration(bytes: try reader.readRawBytes(count: 12))
    }
}
