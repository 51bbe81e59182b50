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

    /// The MD5 digest of the protocol's compact JSON text, as Java's `Protocol.getMD5()`
    /// computes it and the handshake of Avro RPC sends it: the text is laid out as Java
    /// writes it, numbers included (`-1.0E12`).
    public var md5: [UInt8] {
        MD5.hash(Array(json.serialized(.init(javaStyle: true)).utf8))
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
