import Foundation

/// The string form of a dictionary key. Avro map keys are strings, so a dictionary whose keys
/// are not `String` is written as a map keyed by each key's string form, as `JSONEncoder`
/// writes such a dictionary as a JSON object, and read back by parsing each key:
/// - `UUID`: its `uuidString` (upper case; either case is read);
/// - `CodingKeyRepresentable` keys (`Int`, and enums that declare it): `codingKey.stringValue`;
/// - `RawRepresentable` keys whose raw value is `String`, an integer or another
///   `LosslessStringConvertible` type (enums with raw values): the raw value's `description`;
/// - other `LosslessStringConvertible` keys (every integer type, `Double`, `Float`, `Bool`,
///   `Character`): `description`, which their `init?(_:)` parses back exactly.
///
/// Two keys with the same string form, and a map key that does not parse, are errors: no
/// entry is ever dropped or changed silently. A key type with none of these forms cannot be
/// derived or written.
enum AvroMapKey {
    /// The string form of `key`, or `nil` when its type has none.
    static func string<Key>(_ key: Key) -> String? {
        if let string = key as? String { return string }
        if let uuid = key as? UUID { return uuid.uuidString }
        if let representable = key as? any CodingKeyRepresentable { return representable.codingKey.stringValue }
        if let raw = key as? any RawRepresentable, let string = rawString(raw) { return string }
        if let lossless = key as? any LosslessStringConvertible { return lossless.description }
        return nil
    }

    /// The key of type `Key` whose string form is `string`, or `nil` when it does not parse.
    static func key<Key>(_ type: Key.Type, from string: String) -> Key? {
        if Key.self == String.self { return string as? Key }
        if Key.self == UUID.self { return UUID(uuidString: string) as? Key }
        if let representable = type as? any CodingKeyRepresentable.Type {
            return codingKeyRepresented(representable, string) as? Key
        }
        if let raw = type as? any RawRepresentable.Type, isRawStringConvertible(raw) { return rawRepresented(raw, string) as? Key }
        if let lossless = type as? any LosslessStringConvertible.Type { return lossless.init(string) as? Key }
        return nil
    }

    /// Whether keys of `type` have a string form.
    static func hasStringForm(_ type: Any.Type) -> Bool {
        if type == String.self || type == UUID.self || type is any CodingKeyRepresentable.Type { return true }
        if let raw = type as? any RawRepresentable.Type, isRawStringConvertible(raw) { return true }
        return type is any LosslessStringConvertible.Type
    }

    /// The error for a dictionary whose key type has no string form.
    static func unsupportedKeyType(_ type: Any.Type) -> AvroError {
        AvroError(.unsupported, "dictionary keys of type \(type) have no string form for an Avro map's keys; use String, an integer, UUID, "
            + "an enum with raw values, or a key type that conforms to CodingKeyRepresentable or LosslessStringConvertible")
    }

    private static func rawString<R: RawRepresentable>(_ value: R) -> String? {
        (value.rawValue as? any LosslessStringConvertible)?.description
    }

    private static func isRawStringConvertible<R: RawRepresentable>(_ type: R.Type) -> Bool {
        R.RawValue.self is any LosslessStringConvertible.Type
    }

    private static func rawRepresented<R: RawRepresentable>(_ type: R.Type, _ string: String) -> R? {
        guard let parse = R.RawValue.self as? any LosslessStringConvertible.Type, let raw = parse.init(string) as? R.RawValue else { return nil }
        return R(rawValue: raw)
    }

    private static func codingKeyRepresented<K: CodingKeyRepresentable>(_ type: K.Type, _ string: String) -> K? {
        K(codingKey: MapKeyCodingKey(stringValue: string))
    }
}

/// A map key handed to `CodingKeyRepresentable.init?(codingKey:)`: its integer value is the
/// key's, when it is an integer (`Int` reads only that).
private struct MapKeyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = Int(stringValue)
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
