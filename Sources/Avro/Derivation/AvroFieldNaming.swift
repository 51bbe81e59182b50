/// How Swift coding keys become Avro field names, in derived schemas and when encoding and
/// decoding records (like `JSONEncoder.keyEncodingStrategy`). Map keys are data and are
/// never converted.
public enum AvroFieldNaming: String, Hashable, Sendable {
    /// Field names are the coding keys as they are (`createdAt`).
    case codingKeys
    /// Field names are the coding keys in snake case (`createdAt` → `created_at`,
    /// `userID` → `user_id`).
    case snakeCase

    /// The Avro field name of coding key `key`.
    public func fieldName(forKey key: String) -> String {
        switch self {
        case .codingKeys: return key
        case .snakeCase: return Self.snakeCased(key)
        }
    }

    /// The coding key of Avro field `name` (the inverse of ``fieldName(forKey:)``).
    public func codingKey(forField name: String) -> String {
        switch self {
        case .codingKeys: return name
        case .snakeCase:
            var key = ""
            var upperNext = false
            for character in name {
                if character == "_" && !key.isEmpty {
                    upperNext = true
                } else {
                    key += upperNext ? character.uppercased() : String(character)
                    upperNext = false
                }
            }
            return key
        }
    }

    /// Splits at lowercase-to-uppercase steps and before the last capital of a run of
    /// capitals that a lowercase letter follows (`URLValue` → `url_value`).
    private static func snakeCased(_ key: String) -> String {
        let characters = Array(key)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase && index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    result += "_"
                }
            }
            result += character.lowercased()
        }
        return result
    }
}
