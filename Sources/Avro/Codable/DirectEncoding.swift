/// Arrays and dictionaries written by the encoder in one loop, with their count
/// known up front.
///
/// Swift's own `encode(to:)` for them goes through an unkeyed or keyed container, asking the
/// runtime for generic metadata per item, and the count of a container is only known when it
/// closes; writing the items here gives the same bytes, errors and coding paths for a
/// fraction of the cost.
///
/// The value is passed as `T`, the type the encoder was given, which is `Self`: found by
/// casting `T.self` to this protocol (remembered per type), not by casting the value. It is
/// cast from `T` straight to the concrete array or dictionary type the loops take, so that
/// unspecialised code never asks for the metadata of `Self` (a runtime lookup of a few
/// hundred instructions per call).
protocol AvroDirectEncodable {
    /// Writes `value` as the array or map at `node`; `T` is `Self`.
    static func avroEncode<T>(_ value: T, to state: EncodingState, at node: Int) throws
    /// The kind of schema node the value is written as: an array or a map.
    static var avroKind: NodeInfo.Kind { get }
}

extension Array: AvroDirectEncodable where Element: Encodable {
    static var avroKind: NodeInfo.Kind { .array }

    static func avroEncode<T>(_ value: T, to state: EncodingState, at node: Int) throws {
        try state.encodeArray(value, of: Element.self, at: node)
    }
}

extension Dictionary: AvroDirectEncodable where Key: Encodable, Value: Encodable {
    static var avroKind: NodeInfo.Kind { .map }

    static func avroEncode<T>(_ value: T, to state: EncodingState, at node: Int) throws {
        if Key.self == String.self { return try state.encodeMap(value, of: Value.self, at: node) }
        try state.encodeMap(reinterpret(value, as: [Key: Value].self), at: node)
    }
}

extension EncodingState {
    /// Writes `items` as the array at `node`: one block. An array frame stays open meanwhile,
    /// so that coding paths inside the items name their index. Arrays of the common scalars
    /// are written by code specialised for them (unspecialised, iterating looks up generic
    /// metadata). `T` is `[Element]`.
    func encodeArray<Element: Encodable, T>(_ items: T, of type: Element.Type, at node: Int) throws {
        if Element.self == String.self { return try writeArray(reinterpret(items, as: [String].self), at: node) }
        if Element.self == Int64.self { return try writeArray(reinterpret(items, as: [Int64].self), at: node) }
        if Element.self == Int.self { return try writeArray(reinterpret(items, as: [Int].self), at: node) }
        if Element.self == Int32.self { return try writeArray(reinterpret(items, as: [Int32].self), at: node) }
        if Element.self == Double.self { return try writeArray(reinterpret(items, as: [Double].self), at: node) }
        if Element.self == Bool.self { return try writeArray(reinterpret(items, as: [Bool].self), at: node) }
        try writeArray(reinterpret(items, as: [Element].self), at: node)
    }

    private func writeArray<Element: Encodable>(_ items: [Element], at node: Int) throws {
        guard schema.info[node].kind == .array else { return try encodeWithContainers(items, at: node) }
        let itemNode = schema.info[node].child
        if !items.isEmpty { writer.writeLong(Int64(items.count)) }
        let frame = push(EncodingFrame(node: node, kind: .array, start: writer.count))
        for item in items {
            frames[frame].count += 1
            do {
                try encode(item, at: itemNode)
            } catch let error as AvroError {
                throw error.prefixingPath("[\(frames[frame].count - 1)]")
            }
        }
        frames.removeLast()
        writer.writeLong(0)
    }

    /// Writes `entries` as the map at `node`: one block. A map frame stays open meanwhile, so
    /// that coding paths inside the values name their key. Maps of the common scalars are
    /// written by code specialised for them, as arrays are. `T` is `[String: Value]`.
    func encodeMap<Value: Encodable, T>(_ entries: T, of type: Value.Type, at node: Int) throws {
        if Value.self == String.self { return try writeMap(reinterpret(entries, as: [String: String].self), at: node) }
        if Value.self == Int64.self { return try writeMap(reinterpret(entries, as: [String: Int64].self), at: node) }
        if Value.self == Int.self { return try writeMap(reinterpret(entries, as: [String: Int].self), at: node) }
        if Value.self == Int32.self { return try writeMap(reinterpret(entries, as: [String: Int32].self), at: node) }
        if Value.self == Double.self { return try writeMap(reinterpret(entries, as: [String: Double].self), at: node) }
        if Value.self == Bool.self { return try writeMap(reinterpret(entries, as: [String: Bool].self), at: node) }
        try writeMap(reinterpret(entries, as: [String: Value].self), at: node)
    }

    /// Writes `entries`, whose keys are not strings, as the map at `node`, keyed by each key's
    /// string form (see ``AvroMapKey``). Two keys with the same string form are an error.
    func encodeMap<Key: Encodable, Value: Encodable>(_ entries: [Key: Value], at node: Int) throws {
        guard AvroMapKey.hasStringForm(Key.self) else { throw AvroMapKey.unsupportedKeyType(Key.self) }
        var strings = [String: Value](minimumCapacity: entries.count)
        for (key, value) in entries {
            guard let string = AvroMapKey.string(key) else { throw AvroMapKey.unsupportedKeyType(Key.self) }
            guard strings.updateValue(value, forKey: string) == nil else {
                throw AvroError(.typeMismatch, "two keys of the dictionary have the same string form '\(string)', and an Avro map can hold only one", path: string)
            }
        }
        try encodeMap(strings, of: Value.self, at: node)
    }

    private func writeMap<Value: Encodable>(_ entries: [String: Value], at node: Int) throws {
        guard schema.info[node].kind == .map else { return try encodeWithContainers(entries, at: node) }
        let valueNode = schema.info[node].child
        if !entries.isEmpty { writer.writeLong(Int64(entries.count)) }
        let frame = push(EncodingFrame(node: node, kind: .map, start: writer.count))
        for (key, value) in entries {
            writer.writeString(key)
            setKey(key, frame: frame)
            do {
                try encode(value, at: valueNode)
            } catch let error as AvroError {
                throw error.prefixingPath(key)
            }
        }
        frames.removeLast()
        writer.writeLong(0)
    }
}
