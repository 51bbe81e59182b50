/// The record fields whose schema name is not their coding key, per Swift type: the keys
/// given a name with ``AvroFieldOptions/name`` in ``AvroCustomizing/avroFields``. A coding
/// state remembers them per type, so a renamed key costs a dictionary lookup, not a protocol
/// conformance check.
struct FieldRenames {
    private var byType: [ObjectIdentifier: [String: String]] = [:]

    /// The schema name of coding key `key` of `type`, when `type` renames it.
    mutating func fieldName(forKey key: String, of type: Any.Type?) -> String? {
        guard let type else { return nil }
        return renames(of: type)[key]
    }

    /// The coding key of the field named `field` of `type`, when `type` renames it.
    mutating func codingKey(forField field: String, of type: Any.Type?) -> String? {
        guard let type else { return nil }
        return renames(of: type).first { $0.value == field }?.key
    }

    private mutating func renames(of type: Any.Type) -> [String: String] {
        let id = ObjectIdentifier(type)
        if let known = byType[id] { return known }
        let renames = (type as? any AvroCustomizing.Type)?.avroFields.compactMapValues(\.name) ?? [:]
        byType[id] = renames
        return renames
    }
}
