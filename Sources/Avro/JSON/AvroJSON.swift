/// A JSON value that keeps object key order and exact 64-bit integers.
///
/// `AvroJSON` is the JSON model used for Avro schemas, default values, custom properties and
/// the Avro JSON encoding. Unlike `JSONSerialization`, it keeps the members of an object in
/// the order they were written, and keeps integers exact up to the full `Int64` range.
///
/// ```swift
/// let json = try AvroJSON(parsing: #"{"type": "fixed", "size": 16}"#)
/// json["size"]?.integerValue // 16
/// json.serialized()          // {"type":"fixed","size":16}
/// ```
///
/// Values can also be written as literals:
///
/// ```swift
/// let field: AvroJSON = ["name": "id", "type": "long", "default": 0]
/// ```
///
/// Equality is structural and exact: `.integer(1)` and `.double(1.0)` are different values,
/// and two objects with the same members in a different order are different values.
public enum AvroJSON: Hashable, Sendable {
    /// The JSON literal `null`.
    case null
    /// The JSON literal `true` or `false`.
    case bool(Bool)
    /// A JSON number with no fraction and no exponent that fits in `Int64`.
    case integer(Int64)
    /// Any other JSON number: one with a fraction or an exponent, or an integer beyond `Int64`.
    case double(Double)
    /// A JSON string.
    case string(String)
    /// A JSON array.
    case array([AvroJSON])
    /// A JSON object, with its members in order.
    case object(Object)

    /// An ordered JSON object.
    ///
    /// The members keep the order in which they were added. Keys are unique: setting a key
    /// that is already present replaces its value in place. Equality is order-sensitive.
    ///
    /// ```swift
    /// var object = AvroJSON.Object()
    /// object["name"] = "Person"
    /// object["type"] = "record"
    /// object.keys // ["name", "type"]
    /// ```
    public struct Object: Hashable, Sendable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
        /// A member of the object: its key and its value.
        public typealias Element = (key: String, value: AvroJSON)
        /// The position of a member; members are numbered from zero in order.
        public typealias Index = Int

        /// Objects with more members than this keep a dictionary from key to position, so
        /// that looking a key up does not scan all members.
        private static let indexThreshold = 8

        private var storedKeys: [String] = []
        private var storedValues: [AvroJSON] = []
        /// Position of each key; present only when there are more than `indexThreshold` members.
        private var positions: [String: Int]?

        /// Creates an empty object.
        public init() {}

        /// Creates an object with the given members, in order.
        ///
        /// When a key appears more than once, the later value replaces the earlier one at
        /// the earlier position.
        public init(_ members: [(key: String, value: AvroJSON)]) {
            storedKeys.reserveCapacity(members.count)
            storedValues.reserveCapacity(members.count)
            for member in members {
                self[member.key] = member.value
            }
        }

        /// Creates an object from a dictionary literal, keeping the literal's order.
        public init(dictionaryLiteral elements: (String, AvroJSON)...) {
            self.init(elements.map { (key: $0.0, value: $0.1) })
        }

        /// The value for `key`, or `nil` when the object has no such member.
        ///
        /// Setting a value for a new key appends a member; setting a value for an existing
        /// key replaces it in place; setting `nil` removes the member.
        public subscript(key: String) -> AvroJSON? {
            get {
                guard let position = index(forKey: key) else { return nil }
                return storedValues[position]
            }
            set {
                let position = index(forKey: key)
                switch (position, newValue) {
                case let (position?, value?):
                    storedValues[position] = value
                case let (nil, value?):
                    appendNew(key, value)
                case let (position?, nil):
                    storedKeys.remove(at: position)
                    storedValues.remove(at: position)
                    rebuildPositions()
                case (nil, nil):
                    break
                }
            }
        }

        /// The keys of the members, in order.
        public var keys: [String] { storedKeys }

        /// The values of the members, in order.
        public var values: [AvroJSON] { storedValues }

        /// The position of the member with `key`, or `nil` when there is none.
        public func index(forKey key: String) -> Int? {
            if let positions { return positions[key] }
            return storedKeys.firstIndex(of: key)
        }

        /// Appends a member whose key the caller knows is not present yet.
        mutating func appendNew(_ key: String, _ value: AvroJSON) {
            storedKeys.append(key)
            storedValues.append(value)
            if positions != nil {
                positions?[key] = storedKeys.count - 1
            } else if storedKeys.count > Self.indexThreshold {
                rebuildPositions()
            }
        }

        private mutating func rebuildPositions() {
            guard storedKeys.count > Self.indexThreshold else {
                positions = nil
                return
            }
            var map = [String: Int](minimumCapacity: storedKeys.count)
            for (position, key) in storedKeys.enumerated() { map[key] = position }
            positions = map
        }

        // MARK: RandomAccessCollection

        /// The position of the first member.
        public var startIndex: Int { 0 }
        /// The position one past the last member.
        public var endIndex: Int { storedKeys.count }
        /// The member at `position`.
        public subscript(position: Int) -> Element {
            (key: storedKeys[position], value: storedValues[position])
        }

        // MARK: Hashable

        /// Whether the two objects have the same members in the same order.
        public static func == (lhs: Object, rhs: Object) -> Bool {
            lhs.storedKeys == rhs.storedKeys && lhs.storedValues == rhs.storedValues
        }

        /// Hashes the members in order, consistently with `==`.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(storedKeys)
            hasher.combine(storedValues)
        }
    }
}

// MARK: - Accessors

extension AvroJSON {
    /// The string, when this is a `.string`; otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The Boolean, when this is a `.bool`; otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer, when this is an `.integer`, or a `.double` that is integral and fits
    /// `Int64` exactly; otherwise `nil`.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .double(let value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// The number as a `Double`, when this is a `.double` or an `.integer` (converted to the
    /// nearest `Double`); otherwise `nil`.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The elements, when this is an `.array`; otherwise `nil`.
    public var arrayValue: [AvroJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when this is an `.object`; otherwise `nil`.
    public var objectValue: Object? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether this is `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member `key` of an object; `nil` when this is not an object or has no such member.
    public subscript(key: String) -> AvroJSON? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

// MARK: - Literals

extension AvroJSON: ExpressibleByStringLiteral {
    /// Creates a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension AvroJSON: ExpressibleByIntegerLiteral {
    /// Creates a JSON integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension AvroJSON: ExpressibleByFloatLiteral {
    /// Creates a JSON number with a fraction or an exponent.
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension AvroJSON: ExpressibleByBooleanLiteral {
    /// Creates `true` or `false`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AvroJSON: ExpressibleByArrayLiteral {
    /// Creates a JSON array.
    public init(arrayLiteral elements: AvroJSON...) { self = .array(elements) }
}

extension AvroJSON: ExpressibleByDictionaryLiteral {
    /// Creates an object from a dictionary literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, AvroJSON)...) {
        self = .object(Object(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension AvroJSON: ExpressibleByNilLiteral {
    /// Creates `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension AvroJSON: CustomStringConvertible {
    /// The value as compact JSON text; the same as ``serialized(_:)`` with default options.
    public var description: String { serialized() }
}
