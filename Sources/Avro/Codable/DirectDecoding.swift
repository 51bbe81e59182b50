/// Arrays and dictionaries read by the decoder in one loop over their blocks.
///
/// Swift's own `init(from:)` for them goes through an unkeyed or keyed container, asking the
/// runtime for generic metadata and boxing a container per item; reading the items here
/// gives the same values, errors and coding paths for a fraction of the cost.
///
/// The value comes back as `T`, the type the decoder was asked for, which is `Self`: found by
/// casting `T.self` to this protocol (remembered per type). `T` is passed down to the loops
/// and the value cast to it from the concrete array or dictionary type they make, so that
/// unspecialised code never asks for the metadata of `Self` (a runtime lookup of a few
/// hundred instructions per call: `Self == T`, or a cast from `Self`, each make one).
protocol AvroDirectDecodable {
    /// Reads a value from the array or map at `node`; `T` is `Self`.
    static func avroDecode<T>(from state: DecodingState, at node: Int, as type: T.Type) throws -> T
    /// The kind of schema node the value is read from: an array or a map.
    static var avroKind: NodeInfo.Kind { get }
}

extension Array: AvroDirectDecodable where Element: Decodable {
    static var avroKind: NodeInfo.Kind { .array }

    static func avroDecode<T>(from state: DecodingState, at node: Int, as type: T.Type) throws -> T {
        try state.decodeArray(of: Element.self, at: node, as: type)
    }
}

extension Dictionary: AvroDirectDecodable where Key: Decodable, Value: Decodable {
    static var avroKind: NodeInfo.Kind { .map }

    static func avroDecode<T>(from state: DecodingState, at node: Int, as type: T.Type) throws -> T {
        if Key.self == String.self { return try state.decodeMap(of: Value.self, at: node, as: type) }
        return reinterpret(try state.decodeMap(keyedBy: Key.self, of: Value.self, at: node), as: T.self)
    }
}

extension DecodingState {
    /// Reads the array at `node` item by item. An array frame stays open meanwhile, so that
    /// coding paths inside the items name their index. Arrays of the common scalars are read
    /// by code specialised for them, as maps are. `T` is `[Element]`.
    func decodeArray<Element: Decodable, T>(of type: Element.Type, at node: Int, as array: T.Type) throws -> T {
        if Element.self == String.self { return reinterpret(try readArray(of: String.self, at: node), as: T.self) }
        if Element.self == Int64.self { return reinterpret(try readArray(of: Int64.self, at: node), as: T.self) }
        if Element.self == Int.self { return reinterpret(try readArray(of: Int.self, at: node), as: T.self) }
        if Element.self == Int32.self { return reinterpret(try readArray(of: Int32.self, at: node), as: T.self) }
        if Element.self == Double.self { return reinterpret(try readArray(of: Double.self, at: node), as: T.self) }
        if Element.self == Bool.self { return reinterpret(try readArray(of: Bool.self, at: node), as: T.self) }
        return reinterpret(try readArray(of: Element.self, at: node), as: T.self)
    }

    private func readArray<Element: Decodable>(of type: Element.Type, at node: Int) throws -> [Element] {
        guard schema.info[node].kind == .array else {
            return try decodeWithContainers([Element].self, at: node)
        }
        let items = schema.info[node].child
        let minSize = schema.info[items].minSize
        let frame = push(DecodingFrame(node: node, kind: .array, start: reader.offset))
        var count = try reader.readBlockCount(minItemSize: minSize)
        var result: [Element] = []
        while count > 0 {
            result.reserveCapacity(result.count + count)
            for _ in 0..<count {
                frames[frame].itemsRead += 1
                do {
                    result.append(try decode(Element.self, at: items))
                } catch let error as AvroError {
                    throw error.prefixingPath("[\(result.count)]")
                }
            }
            count = try reader.readBlockCount(minItemSize: minSize)
        }
        frames.removeLast()
        return result
    }

    /// Reads the map at `node` entry by entry; of equal keys, the last wins. A map frame
    /// stays open meanwhile, so that coding paths inside the values name their key. `T` is
    /// `[String: Value]`.
    ///
    /// Maps of the common scalars are read by code specialised for them: in unspecialised
    /// code each insertion looks up the generic metadata of the dictionary's storage and of
    /// `Value?`, several hundred instructions.
    func decodeMap<Value: Decodable, T>(of type: Value.Type, at node: Int, as map: T.Type) throws -> T {
        if Value.self == String.self { return reinterpret(try readMap(of: String.self, at: node), as: T.self) }
        if Value.self == Int64.self { return reinterpret(try readMap(of: Int64.self, at: node), as: T.self) }
        if Value.self == Int.self { return reinterpret(try readMap(of: Int.self, at: node), as: T.self) }
        if Value.self == Int32.self { return reinterpret(try readMap(of: Int32.self, at: node), as: T.self) }
        if Value.self == Double.self { return reinterpret(try readMap(of: Double.self, at: node), as: T.self) }
        if Value.self == Bool.self { return reinterpret(try readMap(of: Bool.self, at: node), as: T.self) }
        return reinterpret(try readMap(of: Value.self, at: node), as: T.self)
    }

    /// Reads the map at `node` into a dictionary whose keys are parsed from their string form
    /// (see ``AvroMapKey``). A key that does not parse, or two keys that parse to the same
    /// key, are errors naming the key.
    func decodeMap<Key: Decodable, Value: Decodable>(keyedBy keyType: Key.Type, of type: Value.Type, at node: Int) throws -> [Key: Value] {
        guard AvroMapKey.hasStringForm(Key.self) else { throw AvroMapKey.unsupportedKeyType(Key.self) }
        let start = reader.offset
        let strings = try readMap(of: Value.self, at: node)
        var result = [Key: Value](minimumCapacity: strings.count)
        for (string, value) in strings {
            guard let key = AvroMapKey.key(Key.self, from: string) else {
                throw AvroError(.typeMismatch, "the map key '\(string)' is not the string form of a \(Key.self)", path: string, offset: start)
            }
            guard result.updateValue(value, forKey: key) == nil else {
                throw AvroError(.typeMismatch, "the map key '\(string)' is a \(Key.self) that another key of the map is too", path: string, offset: start)
            }
        }
        return result
    }

    private func readMap<Value: Decodable>(of type: Value.Type, at node: Int) throws -> [String: Value] {
        guard schema.info[node].kind == .map else {
            return try decodeWithContainers([String: Value].self, at: node)
        }
        let values = schema.info[node].child
        let minSize = 1 &+ schema.info[values].minSize
        let frame = push(DecodingFrame(node: node, kind: .map, start: reader.offset))
        var count = try reader.readBlockCount(minItemSize: minSize)
        // Made with the first block's capacity: `reserveCapacity` is not specialised.
        var result = [String: Value](minimumCapacity: count)
        while count > 0 {
            if !result.isEmpty { result.reserveCapacity(result.count + count) }
            for _ in 0..<count {
                let key = try reader.readString()
                setKey(key, frame: frame)
                do {
                    result[key] = try decode(Value.self, at: values)
                } catch let error as AvroError {
                    throw error.prefixingPath(key)
                }
            }
            count = try reader.readBlockCount(minItemSize: minSize)
        }
        frames.removeLast()
        return result
    }
}
