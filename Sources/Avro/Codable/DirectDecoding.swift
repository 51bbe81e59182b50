/// Arrays and string-keyed dictionaries read by the decoder in one loop over their blocks.
///
/// Swift's own `init(from:)` for them goes through an unkeyed or keyed container, asking the
/// runtime for generic metadata and boxing a container per item; reading the items here
/// gives the same values, errors and coding paths for a fraction of the cost.
protocol AvroDirectDecodable {
    /// Reads a value from the array or map at `node`.
    static func avroDecode(from state: DecodingState, at node: Int) throws -> Self
}

extension Array: AvroDirectDecodable where Element: Decodable {
    static func avroDecode(from state: DecodingState, at node: Int) throws -> [Element] {
        try state.decodeArray(of: Element.self, at: node)
    }
}

extension Dictionary: AvroDirectDecodable where Key == String, Value: Decodable {
    static func avroDecode(from state: DecodingState, at node: Int) throws -> [String: Value] {
        try state.decodeMap(of: Value.self, at: node)
    }
}

extension DecodingState {
    /// Reads the array at `node` item by item. An array frame stays open meanwhile, so that
    /// coding paths inside the items name their index.
    func decodeArray<Element: Decodable>(of type: Element.Type, at node: Int) throws -> [Element] {
        guard plan.info[node].kind == .array else {
            return try decodeWithContainers([Element].self, at: node)
        }
        let items = plan.info[node].child
        let minSize = plan.info[items].minSize
        let frame = push(DecodingFrame(node: node, kind: .array, start: reader.offset))
        var result: [Element] = []
        while true {
            let count = try reader.readBlockCount(minItemSize: minSize)
            if count == 0 { break }
            result.reserveCapacity(result.count + count)
            for _ in 0..<count {
                frames[frame].itemsRead += 1
                do {
                    result.append(try decode(Element.self, at: items))
                } catch let error as AvroError {
                    throw error.prefixingPath("[\(result.count)]")
                }
            }
        }
        frames.removeLast()
        return result
    }

    /// Reads the map at `node` entry by entry; of equal keys, the last wins. A map frame
    /// stays open meanwhile, so that coding paths inside the values name their key.
    func decodeMap<Value: Decodable>(of type: Value.Type, at node: Int) throws -> [String: Value] {
        guard plan.info[node].kind == .map else {
            return try decodeWithContainers([String: Value].self, at: node)
        }
        let values = plan.info[node].child
        let minSize = 1 &+ plan.info[values].minSize
        let frame = push(DecodingFrame(node: node, kind: .map, start: reader.offset))
        var result: [String: Value] = [:]
        while true {
            let count = try reader.readBlockCount(minItemSize: minSize)
            if count == 0 { break }
            result.reserveCapacity(result.count + count)
            for _ in 0..<count {
                let key = try reader.readString()
                setKey(key, frame: frame)
                do {
                    result[key] = try decode(Value.self, at: values)
                } catch let error as AvroError {
                    throw error.prefixingPath(key)
                }
            }
        }
        frames.removeLast()
        return result
    }
}
