/// A dynamic Avro value: data of any schema, without a Swift type of its own (what other
/// implementations call a generic record).
///
/// ```swift
/// let alice: AvroValue = .record([("name", "Alice"), ("age", .int(30)), ("email", "alice@example.com")])
/// let bytes = try alice.encoded(as: personSchema)
/// let back = try AvroValue(decoding: bytes, as: personSchema)
/// ```
///
/// Records and maps keep their order. Equality compares floats and doubles by bit pattern,
/// so a NaN equals the same NaN and `-0.0` differs from `0.0`; values are equal only if
/// they encode to the same bytes.
public indirect enum AvroValue: Hashable, Sendable {
    /// A `null`.
    case null
    /// A `boolean`.
    case boolean(Bool)
    /// An `int`.
    case int(Int32)
    /// A `long`.
    case long(Int64)
    /// A `float`.
    case float(Float)
    /// A `double`.
    case double(Double)
    /// A `bytes` value.
    case bytes([UInt8])
    /// A `string`.
    case string(String)
    /// The bytes of a `fixed` value.
    case fixed([UInt8])
    /// An enum value, by symbol.
    case enumeration(String)
    /// An array's items, in order.
    case array([AvroValue])
    /// A map's entries, in order.
    case map([(key: String, value: AvroValue)])
    /// A record's fields by name, in order.
    case record([(name: String, value: AvroValue)])
    /// A value of union branch `branch` (0-based). When writing, a value that is not
    /// `.union` is written with the first branch it fits.
    case union(branch: Int, value: AvroValue)

    /// The value of the record field or map entry `key`, or `nil`.
    public subscript(key: String) -> AvroValue? {
        switch self {
        case .record(let fields): fields.first { $0.name == key }?.value
        case .map(let entries): entries.first { $0.key == key }?.value
        case .union(_, let value): value[key]
        default: nil
        }
    }

    /// The value without its union wrapper.
    public var unwrapped: AvroValue {
        if case .union(_, let value) = self { return value.unwrapped }
        return self
    }

    /// Whether the two values are the same: floats and doubles are compared by bit pattern.
    public static func == (lhs: AvroValue, rhs: AvroValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.boolean(let a), .boolean(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.long(let a), .long(let b)): a == b
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
        case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
        case (.bytes(let a), .bytes(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.fixed(let a), .fixed(let b)): a == b
        case (.enumeration(let a), .enumeration(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): a.elementsEqual(b) { $0.key == $1.key && $0.value == $1.value }
        case (.record(let a), .record(let b)): a.elementsEqual(b) { $0.name == $1.name && $0.value == $1.value }
        case (.union(let i, let a), .union(let j, let b)): i == j && a == b
        default: false
        }
    }

    /// Hashes the value, consistently with `==` (floats and doubles by bit pattern).
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .boolean(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .long(let value): hasher.combine(value)
        case .float(let value): hasher.combine(value.bitPattern)
        case .double(let value): hasher.combine(value.bitPattern)
        case .bytes(let value), .fixed(let value): hasher.combine(value)
        case .string(let value), .enumeration(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .map(let entries):
            for (key, value) in entries { hasher.combine(key); hasher.combine(value) }
        case .record(let fields):
            for (name, value) in fields { hasher.combine(name); hasher.combine(value) }
        case .union(let branch, let value):
            hasher.combine(branch)
            hasher.combine(value)
        }
    }
}

extension AvroValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByArrayLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// A string literal is a `string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is a `boolean`.
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    /// `nil` is `null`.
    public init(nilLiteral: ()) { self = .null }
    /// An array literal is an `array`.
    public init(arrayLiteral elements: AvroValue...) { self = .array(elements) }
    /// An integer literal is a `long`; write `.int(…)` for an `int`.
    public init(integerLiteral value: Int64) { self = .long(value) }
    /// A float literal is a `double`; write `.float(…)` for a `float`.
    public init(floatLiteral value: Double) { self = .double(value) }
}
