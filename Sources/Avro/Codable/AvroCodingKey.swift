/// A coding key for paths the Avro coders build: a record field or map key by name, or an
/// array item by index.
struct AvroCodingKey: CodingKey, Hashable, Sendable {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        self.init(index: intValue)
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    /// The keys of an error path such as `address.zip` or `items[3]`.
    static func path(_ path: String?) -> [AvroCodingKey] {
        guard let path, !path.isEmpty else { return [] }
        var keys: [AvroCodingKey] = []
        var current = ""
        var inBrackets = false
        for character in path {
            switch character {
            case "." where !inBrackets:
                if !current.isEmpty { keys.append(AvroCodingKey(stringValue: current)) }
                current = ""
            case "[" where !inBrackets:
                if !current.isEmpty { keys.append(AvroCodingKey(stringValue: current)) }
                current = ""
                inBrackets = true
            case "]" where inBrackets:
                if let index = Int(current) {
                    keys.append(AvroCodingKey(index: index))
                } else {
                    keys.append(AvroCodingKey(stringValue: current.trimmingCharacters(in: ["\""])))
                }
                current = ""
                inBrackets = false
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { keys.append(AvroCodingKey(stringValue: current)) }
        return keys
    }
}
