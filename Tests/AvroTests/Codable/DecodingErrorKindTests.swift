import Foundation
import Testing
@testable import Avro

/// Decoding errors are the kinds `JSONDecoder` throws for the same mistakes, at the same
/// coding paths: `typeMismatch` and `valueNotFound` with the type asked for, `keyNotFound`
/// with the key, `dataCorrupted` only for bytes that are not valid Avro.
@Suite struct DecodingErrorKindTests {
    /// The case of `error` with its type or key and its coding path, as text.
    static func kind(of error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(let type, let context)?: "typeMismatch(\(type)) at \(context.codingPath.map(\.stringValue))"
        case .valueNotFound(let type, let context)?: "valueNotFound(\(type)) at \(context.codingPath.map(\.stringValue))"
        case .keyNotFound(let key, let context)?: "keyNotFound(\(key.stringValue)) at \(context.codingPath.map(\.stringValue))"
        case .dataCorrupted(let context)?: "dataCorrupted at \(context.codingPath.map(\.stringValue))"
        default: "\(type(of: error))"
        }
    }

    static func kind(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return kind(of: error)
        }
    }

    struct Written: Codable { var name: Int64?; var tags: [String]?; var inner: Inner? }
    struct Inner: Codable { var count: Int64 }
    struct Read: Codable { var name: String; var tags: [String]; var inner: Inner }
    struct ReadList: Codable { var name: Int64?; var tags: Int64 }
    struct ReadMore: Codable { var name: Int64?; var extra: String }

    /// The same mistakes through JSONDecoder and AvroDecoder: each pair must be the same kind
    /// of error at the same path.
    @Test func theKindsAreJSONDecoders() throws {
        let schema = try AvroSchema(deriving: Written.self)
        let cases: [(Written, String, (AvroDecoder, [UInt8]) throws -> Void, (Data) throws -> Void)] = [
            // An int where a String is asked for.
            (Written(name: 5, tags: [], inner: Inner(count: 1)), #"{"name": 5, "tags": [], "inner": {"count": 1}}"#,
             { _ = try $0.decode(Read.self, from: $1) }, { _ = try JSONDecoder().decode(Read.self, from: $0) }),
            // null where a String is asked for.
            (Written(name: nil, tags: [], inner: Inner(count: 1)), #"{"name": null, "tags": [], "inner": {"count": 1}}"#,
             { _ = try $0.decode(Read.self, from: $1) }, { _ = try JSONDecoder().decode(Read.self, from: $0) }),
            // null where an array is asked for (an unkeyed container).
            (Written(name: 1, tags: nil, inner: Inner(count: 1)), #"{"name": 1, "tags": null, "inner": {"count": 1}}"#,
             { _ = try $0.decode(Read.self, from: $1) }, { _ = try JSONDecoder().decode(Read.self, from: $0) }),
            // An array where an integer is asked for.
            (Written(name: 1, tags: ["a"], inner: nil), #"{"name": 1, "tags": ["a"], "inner": null}"#,
             { _ = try $0.decode(ReadList.self, from: $1) }, { _ = try JSONDecoder().decode(ReadList.self, from: $0) }),
            // null where a struct is asked for (a keyed container).
            (Written(name: 1, tags: [], inner: nil), #"{"name": 1, "tags": [], "inner": null}"#,
             { _ = try $0.decode(Read.self, from: $1) }, { _ = try JSONDecoder().decode(Read.self, from: $0) }),
            // A field the data lacks.
            (Written(name: 1, tags: [], inner: nil), #"{"name": 1, "tags": []}"#,
             { _ = try $0.decode(ReadMore.self, from: $1) }, { _ = try JSONDecoder().decode(ReadMore.self, from: $0) }),
        ]
        for (written, json, avro, foundation) in cases {
            let bytes = try AvroEncoder(schema: schema).encodeBytes(written)
            let avroKind = Self.kind { try avro(AvroDecoder(schema: schema), bytes) }
            let jsonKind = Self.kind { try foundation(Data(json.utf8)) }
            #expect(avroKind == jsonKind, "\(json)")
            #expect(avroKind != "no error")
        }
        // Bytes that are not Avro (the union branch 2 of two): corrupt data, at its field.
        #expect(Self.kind { _ = try AvroDecoder(schema: schema).decode(Written.self, from: [0x04]) } == #"dataCorrupted at ["name"]"#)
    }

    /// The Avro JSON entry points throw the coders' errors too.
    @Test func avroJSONErrorsAreCodingErrors() throws {
        let decoder = AvroDecoder()
        #expect(Self.kind { _ = try decoder.decode(Inner.self, fromAvroJSON: #"{"count": "many"}"#) }.hasPrefix("dataCorrupted"))
        #expect(Self.kind { _ = try decoder.decode(Inner.self, fromAvroJSON: #"{"count": 1"#) }.hasPrefix("dataCorrupted"))
        #expect(try decoder.decode(Inner.self, fromAvroJSON: #"{"count": 7}"#).count == 7)
        do {
            _ = try decoder.decode(Inner.self, fromAvroJSON: #"{"count": "many"}"#)
        } catch DecodingError.dataCorrupted(let context) {
            #expect((context.underlyingError as? AvroError)?.code == .typeMismatch)
        }
    }

    /// Printing a coding error shows the Avro error's message once: the context's
    /// `debugDescription` is the error's code, its `underlyingError` the whole `AvroError`.
    @Test func theMessageIsPrintedOnce() throws {
        let schema = try AvroSchema(deriving: Written.self)
        let bytes = try AvroEncoder(schema: schema).encodeBytes(Written(name: 5, tags: [], inner: Inner(count: 1)))
        let errors: [any Error] = [
            Self.error { _ = try AvroDecoder(schema: schema).decode(Read.self, from: bytes) },
            Self.error { _ = try AvroDecoder(schema: schema).decode(Written.self, from: [0x04]) },
            Self.error { _ = try AvroDecoder(schema: schema).decode(Written.self, from: [0x02]) },
            Self.error { _ = try AvroEncoder(schema: try AvroSchema(parsing: #""int""#)).encodeBytes(Int64.max) },
        ]
        for error in errors {
            guard let avroError = Self.underlying(error) else {
                Issue.record("no AvroError under \(error)")
                continue
            }
            let printed = "\(error)"
            #expect(printed.components(separatedBy: avroError.message).count == 2, "\(printed)")
            #expect(printed.hasSuffix("Debug description: \(avroError.code). Underlying error: \(avroError)"), "\(printed)")
        }
    }

    /// The `AvroError` a coding error carries.
    static func underlying(_ error: any Error) -> AvroError? {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context):
            context.underlyingError as? AvroError
        case EncodingError.invalidValue(_, let context): context.underlyingError as? AvroError
        default: nil
        }
    }

    static func error(_ body: () throws -> Void) -> any Error {
        do {
            try body()
            return AvroError(.unsupported, "no error was thrown")
        } catch {
            return error
        }
    }
}

