extension AvroProtocol {
    /// The protocol as JSON text (an `.avpr` file), compact or pretty.
    ///
    /// The attributes come in the order Java's `Protocol.toString()` writes them: `protocol`,
    /// `namespace`, `doc`, the properties, `types`, `messages`; each message has `doc`, its
    /// properties, `request`, `response`, then `errors` or `"one-way": true`. Parsing the text
    /// gives back an equal protocol.
    public func jsonString(pretty: Bool = false) -> String {
        json.serialized(pretty: pretty)
    }

    /// The protocol as a JSON value.
    public var json: AvroJSON {
        var object = AvroJSON.Object()
        object["protocol"] = .string(name.name)
        if !name.namespace.isEmpty { object["namespace"] = .string(name.namespace) }
        if let doc { object["doc"] = .string(doc) }
        for (key, value) in properties { object[key] = value }
        object["types"] = .array(types.map { $0.json(namespace: name.namespace) })
        var messagesObject = AvroJSON.Object()
        for message in messages { messagesObject[message.name] = message.json(namespace: name.namespace) }
        object["messages"] = .object(messagesObject)
        return .object(object)
    }

    /// The MD5 digest of the protocol as Java Avro computes it once it has parsed the
    /// protocol (`Protocol.parse(text).getMD5()`, what the handshake of Avro RPC sends): the
    /// digest of its compact JSON text laid out as Java writes it, numbers included
    /// (`-1.0E12`), with the types in the order Java's parser lists them (each record after the
    /// types defined inside it).
    public var md5: [UInt8] {
        MD5.hash(Array(javaText.utf8))
    }

    /// The compact text Java prints for this protocol once it has parsed it.
    var javaText: String {
        javaParsed.json.serialized(.init(javaStyle: true))
    }

    /// This protocol as Java holds it once it has parsed it: the same, with its types in the
    /// order Java's parser lists them.
    var javaParsed: AvroProtocol {
        var java = self
        if let reordered = try? javaParsedTypes() { java.types = reordered }
        return java
    }

    /// The types in the order Java's parser registers them, a record after the types defined
    /// in its fields, each defined in full where Java first writes it.
    private func javaParsedTypes() throws -> [AvroSchema] {
        var table = NamedTypeTable()
        for type in types {
            for definition in NamedTypeTable.definitionsAsJavaParses(type) { table.add(definition) }
        }
        var written: Set<AvroName> = []
        return try table.definedInOrder(written: &written, maxDepth: .max)
    }
}

extension AvroProtocol.Message {
    func json(namespace: String) -> AvroJSON {
        var object = AvroJSON.Object()
        if let doc { object["doc"] = .string(doc) }
        for (key, value) in properties { object[key] = value }
        object["request"] = .array(request.map { $0.json(namespace: namespace) })
        object["response"] = response.json(namespace: namespace)
        if isOneWay {
            object["one-way"] = true
        } else if !errors.isEmpty {
            object["errors"] = .array(errors.map { $0.json(namespace: namespace) })
        }
        return .object(object)
    }
}
