/// The error thrown by every part of the Avro library.
///
/// An `AvroError` names what went wrong (``code``), why (``message``), and where: the
/// ``path`` inside the schema or value (`fields[2].type`, `Person.address.zip`) and the
/// ``offset`` of the byte in the input where the problem was found, when they are known.
///
/// ```swift
/// do {
///     let schema = try AvroSchema(parsing: text)
/// } catch let error as AvroError where error.code == .invalidSchema {
///     print(error) // "invalid schema at fields[2].type: unknown type 'panther'"
/// }
/// ```
///
/// The Codable entry points (`AvroEncoder`, `AvroDecoder`) throw `EncodingError` and
/// `DecodingError` whose `underlyingError` is an `AvroError`, as `JSONDecoder` puts the
/// syntax error under its own: the context's `debugDescription` names only the kind of
/// error (the code), so that printing the `DecodingError` shows the message once.
///
/// ```swift
/// print(error) // a String field read as an Int:
/// // DecodingError.typeMismatch: expected value of type Int. Path: age. Debug description:
/// // type mismatch. Underlying error: type mismatch at age: expected an integer (Int), but
/// // the schema has string (at byte 0)
/// ```
public struct AvroError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of an ``AvroError``. New codes can be added without breaking callers that
    /// switch over the ones they care about.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's name (`"invalidSchema"`).
        public let rawValue: String
        /// Creates the code named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's name.
        public var description: String { rawValue }

        /// Text that is not valid JSON (RFC 8259).
        public static let invalidJSON = Code(rawValue: "invalid JSON")
        /// JSON that is not a valid Avro schema.
        public static let invalidSchema = Code(rawValue: "invalid schema")
        /// Avro IDL text that cannot be read; the path is the file, line and column.
        public static let invalidIDL = Code(rawValue: "invalid IDL")
        /// A default value that does not fit its field's type.
        public static let invalidDefault = Code(rawValue: "invalid default")
        /// The input ended before the value did.
        public static let endOfData = Code(rawValue: "unexpected end of data")
        /// A zig-zag varint longer than the type allows (5 bytes for int, 10 for long).
        public static let invalidVarint = Code(rawValue: "invalid varint")
        /// A number that does not fit the type it is read or written as.
        public static let valueOutOfRange = Code(rawValue: "value out of range")
        /// A length or block count that is negative or larger than the input that remains.
        public static let invalidLength = Code(rawValue: "invalid length")
        /// A union branch index outside the union.
        public static let invalidUnionBranch = Code(rawValue: "invalid union branch")
        /// An enum index outside the symbols, or a symbol the enum does not have.
        public static let invalidEnumSymbol = Code(rawValue: "invalid enum symbol")
        /// Bytes that are not valid UTF-8 where a string is expected.
        public static let invalidUTF8 = Code(rawValue: "invalid UTF-8")
        /// A boolean byte other than 0 or 1.
        public static let invalidBoolean = Code(rawValue: "invalid boolean")
        /// A value whose shape does not match the schema it is written or read with.
        public static let typeMismatch = Code(rawValue: "type mismatch")
        /// A record field that was neither written nor has a default.
        public static let missingField = Code(rawValue: "missing field")
        /// A configured limit (depth, size, count) was exceeded.
        public static let limitExceeded = Code(rawValue: "limit exceeded")
        /// Input left over after a value that should have used all of it.
        public static let trailingData = Code(rawValue: "trailing data")
        /// The reader's schema cannot read data written with the writer's schema.
        public static let incompatibleSchemas = Code(rawValue: "incompatible schemas")
        /// A container file that is malformed (magic, header, block, sync marker).
        public static let invalidFile = Code(rawValue: "invalid file")
        /// A compression codec failed, is unknown, or is not available on this machine.
        public static let codec = Code(rawValue: "codec error")
        /// Reading or writing a file failed.
        public static let io = Code(rawValue: "I/O error")
        /// A message whose framing (single-object or Confluent header) is malformed.
        public static let invalidMessage = Code(rawValue: "invalid message")
        /// A message names a writer schema (fingerprint or registry id) the store does not have.
        public static let unknownSchema = Code(rawValue: "unknown schema")
        /// Something this library does not support.
        public static let unsupported = Code(rawValue: "unsupported")
    }

    /// The kind of error.
    public var code: Code {
        get { storage.code }
        set { storage = Storage(newValue, message, path: path, offset: offset, swiftType: swiftType) }
    }
    /// Why it happened, naming what was expected and what was found.
    public var message: String {
        get { storage.message }
        set { storage = Storage(code, newValue, path: path, offset: offset, swiftType: swiftType) }
    }
    /// Where in the schema or value it happened (`fields[2].type`, `Person.address.zip`), or
    /// `nil` at the top level.
    public var path: String? {
        get { storage.path }
        set { storage = Storage(code, message, path: newValue, offset: offset, swiftType: swiftType) }
    }
    /// The offset of the offending byte in the input, when the input is bytes or text.
    public var offset: Int? {
        get { storage.offset }
        set { storage = Storage(code, message, path: path, offset: newValue, swiftType: swiftType) }
    }
    /// The Swift type a decoder was asked for when the data held something else: the type of
    /// the `DecodingError.typeMismatch` or `.valueNotFound` the decoder throws.
    var swiftType: (type: Any.Type, foundNull: Bool)? { storage.swiftType }

    /// This error, for a decode of `type` that found a value of another type (`null`, when
    /// `foundNull`).
    func expecting(_ type: Any.Type, foundNull: Bool) -> AvroError {
        var error = self
        error.storage = Storage(code, message, path: path, offset: offset, swiftType: (type, foundNull))
        return error
    }

    /// The error's parts, behind one reference: every function that can throw keeps a slot
    /// for an error on its stack frame, and one word per slot rather than the parts' nine
    /// keeps the frames of the library's recursive readers and writers small.
    private final class Storage: Sendable {
        let code: Code
        let message: String
        let path: String?
        let offset: Int?
        let swiftType: (type: Any.Type, foundNull: Bool)?

        init(_ code: Code, _ message: String, path: String?, offset: Int?, swiftType: (type: Any.Type, foundNull: Bool)? = nil) {
            self.code = code
            self.message = message
            self.path = path
            self.offset = offset
            self.swiftType = swiftType
        }
    }

    private var storage: Storage

    /// Creates an error.
    public init(_ code: Code, _ message: String, path: String? = nil, offset: Int? = nil) {
        storage = Storage(code, message, path: path, offset: offset)
    }

    /// Whether the two errors have the same code, message, path and offset.
    public static func == (lhs: AvroError, rhs: AvroError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.path == rhs.path && lhs.offset == rhs.offset
    }

    /// Hashes the code, message, path and offset.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(path)
        hasher.combine(offset)
    }

    /// The whole error in one line: `code at path: message (at byte N)`.
    public var description: String {
        var text = code.rawValue
        if let path, !path.isEmpty { text += " at \(path)" }
        text += ": " + message
        if let offset { text += " (at byte \(offset))" }
        return text
    }

    /// Returns `error` with `prefix` put in front of its path when it is an ``AvroError``, and
    /// any other error as it is: what generated code adds when reading or writing a field
    /// fails, so that the error names the field.
    public static func prefixingPath(_ prefix: String, to error: any Error) -> any Error {
        (error as? AvroError)?.prefixingPath(prefix) ?? error
    }

    /// Returns this error with `prefix` put in front of its path (`prefix.path`, or
    /// `prefix[2]` for an index): what a type conforming to ``AvroBinaryDecodable`` or
    /// ``AvroBinaryEncodable`` adds when reading or writing one of its fields fails, so that
    /// the error names the field.
    public func prefixingPath(_ prefix: String) -> AvroError {
        var copy = self
        if let path, !path.isEmpty {
            copy.path = path.hasPrefix("[") ? prefix + path : prefix + "." + path
        } else {
            copy.path = prefix
        }
        return copy
    }
}
