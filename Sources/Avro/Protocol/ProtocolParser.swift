import Foundation

extension AvroProtocol {
    /// Parses a protocol from its JSON text (an `.avpr` file).
    ///
    /// The types are read in order, each able to use those before it; the messages may use
    /// them all. Every rule of schemas applies to the types, the parameters and the
    /// responses, and parameter defaults are checked against their types.
    ///
    /// - Parameters:
    ///   - text: The protocol as JSON: an object with `protocol`, and optionally `namespace`,
    ///     `doc`, `types`, `messages` and other properties.
    ///   - knownTypes: Named types defined elsewhere that the protocol may refer to by name;
    ///     one that is used is defined in ``types`` at its first use.
    ///   - options: The options of schema parsing.
    /// - Throws: ``AvroError`` with code ``AvroError/Code/invalidJSON``,
    ///   ``AvroError/Code/invalidSchema`` or ``AvroError/Code/invalidDefault``, whose path
    ///   names the place (`types[2].fields[0].type`, `messages.hello.errors[0]`).
    public init(parsing text: String, knownTypes: [AvroSchema] = [], options: AvroSchema.ParsingOptions = .init()) throws {
        try self.init(json: AvroJSON(parsing: text, maxDepth: options.maxDepth), knownTypes: knownTypes, options: options)
    }

    /// Parses a protocol from JSON text in UTF-8.
    public init(parsing data: Data, knownTypes: [AvroSchema] = [], options: AvroSchema.ParsingOptions = .init()) throws {
        try self.init(json: AvroJSON(parsing: [UInt8](data), maxDepth: options.maxDepth), knownTypes: knownTypes, options: options)
    }

    /// Builds a protocol from parsed JSON.
    public init(json: AvroJSON, knownTypes: [AvroSchema] = [], options: AvroSchema.ParsingOptions = .init()) throws {
        var parser = SchemaParser(options: options)
        for known in knownTypes { parser.learn(known) }
        self = try ProtocolParser.parse(json, with: &parser)
        try parser.checkDefaults()
    }
}

/// Turns the JSON form of a protocol into an ``AvroProtocol``, with one ``SchemaParser`` for
/// its types and messages so that the messages can use the types.
enum ProtocolParser {
    /// The attributes the specification defines for a protocol; any other is a property.
    private static let protocolAttributes: Set<String> = ["protocol", "namespace", "doc", "types", "messages"]
    /// The attributes the specification defines for a message.
    private static let messageAttributes: Set<String> = ["doc", "request", "response", "errors", "one-way"]

    static func parse(_ json: AvroJSON, with parser: inout SchemaParser) throws -> AvroProtocol {
        guard case .object(let object) = json else { throw parser.invalid("", "expected a protocol object, found \(json)") }
        let name = try protocolName(object, parser: parser)
        var types: [AvroSchema] = []
        if let typesJSON = object["types"] {
            guard case .array(let items) = typesJSON else { throw parser.invalid("types", "expected an array of named types, found \(typesJSON)") }
            for (index, item) in items.enumerated() {
                let path = "types[\(index)]"
                let type = try parser.parse(item, namespace: name.namespace, path: path)
                guard type.name != nil, !isReference(type) else {
                    throw parser.invalid(path, "expected the definition of a record, error, enum or fixed, found \(item)")
                }
                types.append(type)
            }
        }
        var messages: [AvroProtocol.Message] = []
        if let messagesJSON = object["messages"] {
            guard case .object(let members) = messagesJSON else { throw parser.invalid("messages", "expected an object of messages, found \(messagesJSON)") }
            for (messageName, messageJSON) in members {
                let path = "messages".dot(messageName)
                try parser.checkName(messageName, path: path, what: "message name")
                var message = try parseMessage(messageName, messageJSON, namespace: name.namespace, path: path, parser: &parser)
                hoistDefinitions(of: &message, into: &types)
                messages.append(message)
            }
        }
        return AvroProtocol(name: name, doc: try doc(object, path: "", parser: parser), properties: AvroJSON.Object(object.filter { !protocolAttributes.contains($0.key) }),
                            types: types, messages: messages)
    }

    /// The `doc` of the object at `path`, which must be a string when present.
    private static func doc(_ object: AvroJSON.Object, path: String, parser: SchemaParser) throws -> String? {
        switch object["doc"] {
        case nil: return nil
        case .string(let text)?: return text
        case let other?: throw parser.invalid(path.dot("doc"), "expected a doc string, found \(other)")
        }
    }

    private static func isReference(_ schema: AvroSchema) -> Bool {
        if case .reference = schema.kind { return true }
        return false
    }

    /// The protocol's full name: `protocol` may hold a namespace too (`org.foo.Bar`).
    private static func protocolName(_ object: AvroJSON.Object, parser: SchemaParser) throws -> AvroName {
        guard let nameJSON = object["protocol"] else { throw parser.invalid("", "the protocol has no 'protocol' (its name)") }
        guard case .string(let written) = nameJSON else { throw parser.invalid("protocol", "expected a name string, found \(nameJSON)") }
        var namespace = ""
        switch object["namespace"] {
        case nil, .null?: break
        case .string(let explicit)?: namespace = explicit
        case let other?: throw parser.invalid("namespace", "expected a namespace string, found \(other)")
        }
        let name = written.contains(".") ? AvroName(fullname: written) : AvroName(name: written, namespace: namespace)
        try parser.checkName(name.name, path: "protocol", what: "protocol name")
        if !name.namespace.isEmpty {
            for part in name.namespace.split(separator: ".", omittingEmptySubsequences: false) {
                try parser.checkName(String(part), path: written.contains(".") ? "protocol" : "namespace", what: "namespace '\(name.namespace)'")
            }
        }
        return name
    }

    private static func parseMessage(_ name: String, _ json: AvroJSON, namespace: String, path: String,
                                     parser: inout SchemaParser) throws -> AvroProtocol.Message {
        guard case .object(let object) = json else { throw parser.invalid(path, "expected a message object, found \(json)") }
        guard let requestJSON = object["request"] else { throw parser.invalid(path, "the message '\(name)' has no 'request'") }
        guard case .array(let items) = requestJSON else {
            throw parser.invalid(path.dot("request"), "expected an array of parameters, found \(requestJSON)")
        }
        let request = try parser.parseFields(items, of: "the message '\(name)'", namespace: namespace, path: path.dot("request"))
        var isOneWay = false
        switch object["one-way"] {
        case nil: break
        case .bool(let value)?: isOneWay = value
        case let other?: throw parser.invalid(path.dot("one-way"), "expected true or false, found \(other)")
        }
        var response = AvroSchema.null
        if let responseJSON = object["response"] {
            response = try parser.parse(responseJSON, namespace: namespace, path: path.dot("response"))
        } else if !isOneWay {
            throw parser.invalid(path, "the message '\(name)' has no 'response'")
        }
        var errors: [AvroSchema] = []
        if let errorsJSON = object["errors"] {
            guard case .array(let names) = errorsJSON else {
                throw parser.invalid(path.dot("errors"), "expected an array of error type names, found \(errorsJSON)")
            }
            for (index, item) in names.enumerated() {
                errors.append(try errorType(item, namespace: namespace, path: path.dot("errors") + "[\(index)]", parser: &parser))
            }
        }
        if isOneWay {
            if case .null = response.kind {} else {
                throw parser.invalid(path.dot("response"), "the one-way message '\(name)' must have the response \"null\", found \(response.typeName)")
            }
            if !errors.isEmpty { throw parser.invalid(path.dot("errors"), "the one-way message '\(name)' cannot have errors") }
        }
        return AvroProtocol.Message(name: name, doc: try doc(object, path: path, parser: parser), properties: AvroJSON.Object(object.filter { !messageAttributes.contains($0.key) }),
                                    request: request, response: response, errors: errors, isOneWay: isOneWay)
    }

    /// A reference to the error type `json` names, which must be an `error` record.
    private static func errorType(_ json: AvroJSON, namespace: String, path: String, parser: inout SchemaParser) throws -> AvroSchema {
        guard case .string = json else { throw parser.invalid(path, "expected the name of an error type, found \(json)") }
        let type = try parser.parse(json, namespace: namespace, path: path)
        guard let name = type.name, case .record(let record)? = parser.definitions[name]?.kind, record.isError else {
            throw parser.invalid(path, "\(json) is not an error type: a message can only return records declared with \"type\": \"error\"")
        }
        return AvroSchema(.reference(name))
    }

    /// Moves the named types a message defines in place to the end of `types`, leaving
    /// references in the message.
    private static func hoistDefinitions(of message: inout AvroProtocol.Message, into types: inout [AvroSchema]) {
        for index in message.request.indices {
            message.request[index].type = hoisting(message.request[index].type, into: &types)
        }
        message.response = hoisting(message.response, into: &types)
    }

    private static func hoisting(_ schema: AvroSchema, into types: inout [AvroSchema]) -> AvroSchema {
        if case .reference = schema.kind { return schema }
        if let name = schema.name {
            types.append(schema)
            return AvroSchema(.reference(name))
        }
        var copy = schema
        switch schema.kind {
        case .array(let items): copy.kind = .array(hoisting(items, into: &types))
        case .map(let values): copy.kind = .map(hoisting(values, into: &types))
        case .union(let branches): copy.kind = .union(branches.map { hoisting($0, into: &types) })
        default: break
        }
        return copy
    }
}
