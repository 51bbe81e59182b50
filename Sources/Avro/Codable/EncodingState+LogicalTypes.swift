import Foundation

/// Writing the Foundation types that Avro logical types describe.
extension EncodingState {
    func writeDate(_ date: Date, at target: Int) throws {
        let node = try branch(of: target, for: "a Date") { node, _ in
            switch node.kind {
            case .long: node.logicalType != .timeMicros
            case .int: node.logicalType == .date
            default: false
            }
        }
        switch (schema.info[node].kind, schema.info[node].logicalType) {
        case (.int, .date?):
            guard let days = DateCounts.days(of: date) else {
                throw AvroError(.valueOutOfRange, "\(date) is out of the range of the date logical type")
            }
            writer.writeInt(days)
        case (.long, let logical) where logical != .timeMicros:
            guard let count = DateCounts.count(of: date, unitsPerSecond: DateCounts.unitsPerSecond(logical)) else {
                throw AvroError(.valueOutOfRange, "\(date) is out of the range of \(logical?.name ?? "timestamp-millis") (64 bits)")
            }
            writer.writeLong(count)
        default: throw mismatch("a Date", node)
        }
    }

    func writeUUID(_ uuid: UUID, at target: Int) throws {
        let node = try branch(of: target, for: "a UUID") { node, _ in
            switch node.kind {
            case .string: true
            case .fixed: node.child == 16
            default: false
            }
        }
        switch schema.info[node].kind {
        case .string: writer.writeUUID(uuid)
        case .fixed where schema.info[node].child == 16: writer.writeFixedUUID(uuid)
        default: throw mismatch("a UUID", node)
        }
    }

    func writeDecimal(_ decimal: Decimal, at target: Int) throws {
        let node = try branch(of: target, for: "a Decimal") { node, _ in
            switch node.logicalType {
            case .decimal?, .bigDecimal?: true
            default: if case .string = node.kind { true } else { false }
            }
        }
        switch (schema.info[node].kind, schema.info[node].logicalType) {
        case (.bytes, .decimal(let precision, let scale)?):
            writer.writeBytes(try DecimalBytes.encode(decimal, scale: scale, precision: precision, size: nil))
        case (.fixed, .decimal(let precision, let scale)?):
            writer.writeFixed(try DecimalBytes.encode(decimal, scale: scale, precision: precision, size: schema.info[node].child))
        case (.bytes, .bigDecimal?):
            let scale = max(0, -decimal.exponent)
            var inner = AvroBinaryWriter()
            inner.writeBytes(try DecimalBytes.encode(decimal, scale: scale, precision: nil, size: nil))
            inner.writeInt(Int32(scale))
            writer.writeBytes(inner.bytes)
        case (.string, _):
            writer.writeString(decimal.description)
        default:
            throw AvroError(.typeMismatch, "expected a value of type \(schema.typeName(of: node)), found a Decimal; a Decimal needs bytes or fixed with the decimal logical type")
        }
    }

    func writeDuration(_ duration: AvroDuration, at target: Int) throws {
        let node = try branch(of: target, for: "an AvroDuration") { node, _ in node.kind == .fixed && node.child == 12 }
        guard schema.info[node].kind == .fixed, schema.info[node].child == 12 else { throw mismatch("an AvroDuration", node) }
        writer.writeFixed(duration.bytes)
    }
}
