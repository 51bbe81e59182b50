import Avro

/// A small pseudo-random generator (SplitMix64) whose sequence depends only on its seed, on
/// every platform and Swift version.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0), by multiplication rather than the standard
    /// library's algorithm, so that it never changes.
    mutating func below(_ bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// A number in `range`.
    mutating func inRange(_ range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        let offset = width == 0 ? next() : width.multipliedFullWidth(by: next()).high
        return range.lowerBound &+ Int64(bitPattern: offset)
    }

    /// A double in `0..<1`.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }
}

/// Random values of a schema, valid for every logical type, for `avro random`.
///
/// Arrays and maps get 0 to 4 items, strings and bytes 0 to 16; past a nesting depth of
/// ``settleDepth`` arrays and maps are empty and unions take the branch that nests least, so
/// recursive schemas give finite values.
struct RandomValues {
    private var random: SplitMix64
    private let definitions: [AvroName: AvroSchema]
    /// The depth from which values stop growing.
    static let settleDepth = 6
    /// The depth at which a schema is deemed to have no finite value.
    static let maxDepth = 64

    private static let characters: [Character] = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-éßø世界🎉")

    /// Values of `schema`, reproducible from `seed`.
    init(schema: AvroSchema, seed: UInt64) {
        random = SplitMix64(seed: seed)
        definitions = schema.namedDefinitions
    }

    /// The next random value of `schema`.
    ///
    /// - Throws: ``AvroError`` with code ``AvroError/Code/unsupported`` when the schema has no
    ///   finite value (a record that contains itself without a union, array or map between),
    ///   or no value at all (an enum without symbols, a union without branches).
    mutating func value(of schema: AvroSchema, depth: Int = 0) throws -> AvroValue {
        guard depth < Self.maxDepth else {
            var name = schema.name?.fullname ?? schema.typeName
            if case .reference(let referenced) = schema.kind { name = referenced.fullname }
            throw AvroError(.unsupported, "the schema has no finite value: \(name) contains itself at every level, with no union, array or map to end it")
        }
        if let logical = logicalValue(of: schema) { return logical }
        switch schema.kind {
        case .null: return .null
        case .boolean: return .boolean(random.next() & 1 == 1)
        case .int: return .int(Int32(truncatingIfNeeded: random.next()))
        case .long: return .long(Int64(bitPattern: random.next()))
        case .float: return .float(Float(decimalNumber()))
        case .double: return .double(decimalNumber())
        case .bytes: return .bytes(bytes(count: random.below(17)))
        case .string: return .string(text(count: random.below(17)))
        case .fixed(let fixed): return .fixed(bytes(count: fixed.size))
        case .enumeration(let enumeration):
            guard !enumeration.symbols.isEmpty else {
                throw AvroError(.unsupported, "the schema has no value: the enum \(enumeration.name.fullname) has no symbols")
            }
            return .enumeration(enumeration.symbols[random.below(enumeration.symbols.count)])
        case .array(let items):
            var values: [AvroValue] = []
            for _ in 0..<itemCount(depth) { values.append(try value(of: items, depth: depth + 1)) }
            return .array(values)
        case .map(let valueSchema):
            var entries: [(key: String, value: AvroValue)] = []
            var keys: Set<String> = []
            for _ in 0..<itemCount(depth) {
                let key = text(count: 1 + random.below(8))
                guard keys.insert(key).inserted else { continue }
                entries.append((key, try value(of: valueSchema, depth: depth + 1)))
            }
            return .map(entries)
        case .record(let record):
            var fields: [(name: String, value: AvroValue)] = []
            for field in record.fields { fields.append((field.name, try value(of: field.type, depth: depth + 1))) }
            return .record(fields)
        case .union(let branches):
            guard !branches.isEmpty else { throw AvroError(.unsupported, "the schema has no value: it has a union with no branches") }
            let branch = depth >= Self.settleDepth ? shallowestBranch(of: branches) : random.below(branches.count)
            return .union(branch: branch, value: try value(of: branches[branch], depth: depth + 1))
        case .reference(let name):
            guard let definition = definitions[name] else {
                throw AvroError(.invalidSchema, "the schema refers to \(name.fullname), which it does not define")
            }
            return try value(of: definition, depth: depth)
        }
    }

    /// A valid value of the schema's logical type, or `nil` when it has none.
    private mutating func logicalValue(of schema: AvroSchema) -> AvroValue? {
        let day: Int64 = 86_400
        // Instants and local date-times from 1900-01-01 to 2100-01-01, in seconds.
        let seconds: ClosedRange<Int64> = -2_208_988_800...4_102_444_800
        func scaled(_ range: ClosedRange<Int64>, by factor: Int64) -> ClosedRange<Int64> {
            (range.lowerBound * factor)...(range.upperBound * factor)
        }
        switch (schema.logicalType, schema.kind) {
        case (.date?, _): return .int(Int32(random.inRange(-25_567...47_482)))
        case (.timeMillis?, _): return .int(Int32(random.inRange(0...(day * 1000 - 1))))
        case (.timeMicros?, _): return .long(random.inRange(0...(day * 1_000_000 - 1)))
        case (.timestampMillis?, _), (.localTimestampMillis?, _): return .long(random.inRange(scaled(seconds, by: 1000)))
        case (.timestampMicros?, _), (.localTimestampMicros?, _): return .long(random.inRange(scaled(seconds, by: 1_000_000)))
        case (.timestampNanos?, _), (.localTimestampNanos?, _): return .long(random.inRange(scaled(seconds, by: 1_000_000_000)))
        case (.uuid?, .fixed): return .fixed(uuidBytes())
        case (.uuid?, _): return .string(uuidText(uuidBytes()))
        case (.duration?, _):
            let parts = [UInt32(random.below(1200)), UInt32(random.below(31)), UInt32(random.below(86_400_000))]
            return .fixed(parts.flatMap { part in (0..<4).map { UInt8(truncatingIfNeeded: part >> (8 * $0)) } })
        case (.decimal(let precision, _)?, .fixed(let fixed)):
            return .fixed(twosComplement(unscaled(precision: precision), size: fixed.size))
        case (.decimal(let precision, _)?, _):
            return .bytes(twosComplement(unscaled(precision: precision), size: nil))
        case (.bigDecimal?, _):
            var writer = AvroBinaryWriter()
            writer.writeBytes(twosComplement(unscaled(precision: 18), size: nil))
            writer.writeInt(Int32(random.below(10)))
            return .bytes(writer.bytes)
        default: return nil
        }
    }

    /// An unscaled decimal of at most `precision` digits (and at most 18).
    private mutating func unscaled(precision: Int) -> Int64 {
        let digits = 1 + random.below(min(precision, 18))
        var limit: Int64 = 1
        for _ in 0..<digits { limit *= 10 }
        return random.inRange((1 - limit)...(limit - 1))
    }

    /// The big-endian two's-complement bytes of `value`: the fewest that hold it, or `size`.
    private func twosComplement(_ value: Int64, size: Int?) -> [UInt8] {
        var bytes = (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        if let size {
            let fill: UInt8 = value < 0 ? 0xff : 0
            return size >= 8 ? Array(repeating: fill, count: size - 8) + bytes : Array(bytes.suffix(size))
        }
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xff && bytes[1] >= 0x80) {
            bytes.removeFirst()
        }
        return bytes
    }

    /// 16 random bytes with the version (4) and variant bits of a random UUID.
    private mutating func uuidBytes() -> [UInt8] {
        var bytes = self.bytes(count: 16)
        bytes[6] = bytes[6] & 0x0f | 0x40
        bytes[8] = bytes[8] & 0x3f | 0x80
        return bytes
    }

    private func uuidText(_ bytes: [UInt8]) -> String {
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }

    /// A finite number with up to 4 decimals, between -1,000,000 and 1,000,000.
    private mutating func decimalNumber() -> Double {
        ((random.unit() * 2 - 1) * 10_000_000_000).rounded() / 10_000
    }

    private mutating func itemCount(_ depth: Int) -> Int {
        depth >= Self.settleDepth ? 0 : random.below(5)
    }

    private mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    private mutating func text(count: Int) -> String {
        String((0..<count).map { _ in Self.characters[random.below(Self.characters.count)] })
    }

    /// The branch whose values nest least: null first, then other unnamed leaves, enums and
    /// fixed, then arrays and maps (empty at this depth), then records.
    private func shallowestBranch(of branches: [AvroSchema]) -> Int {
        func rank(_ schema: AvroSchema) -> Int {
            switch schema.kind {
            case .null: 0
            case .boolean, .int, .long, .float, .double, .bytes, .string, .enumeration, .fixed: 1
            case .array, .map: 2
            case .reference(let name): definitions[name].map(rank) ?? 3
            case .record, .union: 3
            }
        }
        return branches.indices.min { rank(branches[$0]) < rank(branches[$1]) } ?? 0
    }
}
