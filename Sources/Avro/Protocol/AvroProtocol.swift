/// An Avro protocol: named types and the messages (remote calls) that use them, as an
/// `.avpr` file holds them.
///
/// ```swift
/// let greeter = try AvroProtocol(parsing: """
///     {"protocol": "Greeter", "namespace": "com.example",
///      "types": [{"type": "error", "name": "Refused", "fields": [{"name": "reason", "type": "string"}]}],
///      "messages": {"hello": {"request": [{"name": "greeting", "type": "string"}],
///                             "response": "string", "errors": ["Refused"]}}}
///     """)
/// greeter.messages[0].name      // "hello"
/// greeter.md5                   // the MD5 Java's Protocol.getMD5() gives
/// ```
///
/// Like a schema, a protocol defines each named type once, in full, at its first appearance:
/// in ``types`` in order, a type used inside an earlier one being defined there. Messages refer
/// to the types by name. A named type that a message of an `.avpr` file defines in place is
/// moved to the end of ``types`` when parsed, as Java prints it.
public struct AvroProtocol: Hashable, Sendable {
    /// The protocol's name and namespace (`com.example.Greeter`). The namespace is also the
    /// enclosing namespace of the types and messages.
    public var name: AvroName
    /// The protocol's documentation, or `nil`.
    public var doc: String?
    /// Attributes the specification does not define (`"version": "1.0.5"`), in order.
    public var properties: AvroJSON.Object
    /// The named types, each defined at its first appearance.
    public var types: [AvroSchema]
    /// The messages, in the order they were declared. Names are unique.
    public var messages: [Message]

    /// Creates a protocol.
    public init(name: AvroName, doc: String? = nil, properties: AvroJSON.Object = .init(), types: [AvroSchema] = [],
                messages: [Message] = []) {
        self.name = name
        self.doc = doc
        self.properties = properties
        self.types = types
        self.messages = messages
    }

    /// A message of a protocol: a remote call, with its parameters, its response and the errors
    /// it may return.
    public struct Message: Hashable, Sendable {
        /// The message's name, unique in its protocol.
        public var name: String
        /// The message's documentation, or `nil`.
        public var doc: String?
        /// Attributes the specification does not define, in order.
        public var properties: AvroJSON.Object
        /// The parameters, written like the fields of a record (name, type, default).
        public var request: [AvroSchema.Field]
        /// The type of the response: `null` for a message that returns nothing.
        public var response: AvroSchema
        /// The error types the message may return besides the system error (a string), as
        /// references to `error` records of the protocol.
        public var errors: [AvroSchema]
        /// Whether the message is one-way: no response is sent, not even an error. Its
        /// response is `null` and it has no errors.
        public var isOneWay: Bool

        /// Creates a message.
        public init(name: String, doc: String? = nil, properties: AvroJSON.Object = .init(), request: [AvroSchema.Field],
                    response: AvroSchema = .null, errors: [AvroSchema] = [], isOneWay: Bool = false) {
            self.name = name
            self.doc = doc
            self.properties = properties
            self.request = request
            self.response = response
            self.errors = errors
            self.isOneWay = isOneWay
        }
    }

    /// The message named `name`, if the protocol has one.
    public func message(named name: String) -> Message? { messages.first { $0.name == name } }

    /// Every named type of the protocol, by full name, including those defined inside others.
    public var namedTypes: [AvroName: AvroSchema] {
        var table: [AvroName: AvroSchema] = [:]
        for type in types {
            type.forEachNamedDefinition { name, definition in table[name] = definition }
        }
        return table
    }
}
