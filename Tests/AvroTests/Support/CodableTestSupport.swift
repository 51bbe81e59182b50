import Foundation
import Testing
@testable import Avro

/// Helpers for the tests of `AvroEncoder` and `AvroDecoder`.
enum CodableCheck {
    /// The bytes of `value` encoded with `schema` (text of an Avro schema).
    static func encode<T: Encodable>(_ value: T, _ schema: String) throws -> [UInt8] {
        try AvroEncoder(schema: AvroSchema(parsing: schema)).encodeBytes(value)
    }

    /// `bytes` decoded as a `T` with `schema` (text of an Avro schema).
    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], _ schema: String) throws -> T {
        try AvroDecoder(schema: AvroSchema(parsing: schema)).decode(type, from: bytes)
    }

    /// The reference bytes of `value` with `schema`, written by ``AvroValue``.
    static func reference(_ value: AvroValue, _ schema: String) throws -> [UInt8] {
        try value.encoded(as: AvroSchema(parsing: schema))
    }
}

/// Runs `body`, expects an `EncodingError.invalidValue` whose coding path is `path` (key
/// string values; array items are `Index n`) and whose underlying error is an `AvroError`
/// with `code`, and returns that `AvroError`.
@discardableResult
func expectEncodingError(_ code: AvroError.Code, at path: [String], sourceLocation: SourceLocation = #_sourceLocation,
                         _ body: () throws -> Void) -> AvroError? {
    do {
        try body()
        Issue.record("expected an EncodingError (\(code)), but nothing was thrown", sourceLocation: sourceLocation)
    } catch EncodingError.invalidValue(_, let context) {
        #expect(context.codingPath.map(\.stringValue) == path, "\(context.debugDescription)", sourceLocation: sourceLocation)
        guard let error = context.underlyingError as? AvroError else {
            Issue.record("the underlying error is not an AvroError: \(String(describing: context.underlyingError))", sourceLocation: sourceLocation)
            return nil
        }
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected an EncodingError (\(code)), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Runs `body`, expects a `DecodingError` whose coding path (with the missing key, for
/// `keyNotFound`) is `path` and whose underlying error is an `AvroError` with `code`, and
/// returns that `AvroError`.
@discardableResult
func expectDecodingError(_ code: AvroError.Code, at path: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                         _ body: () throws -> Void) -> AvroError? {
    do {
        try body()
        Issue.record("expected a DecodingError (\(code)), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DecodingError {
        let (context, fullPath): (DecodingError.Context, [any CodingKey]) = switch error {
        case .keyNotFound(let key, let context): (context, context.codingPath + [key])
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context): (context, context.codingPath)
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: "\(error)"), [])
        }
        if let path { #expect(fullPath.map(\.stringValue) == path, "\(context.debugDescription)", sourceLocation: sourceLocation) }
        guard let avroError = context.underlyingError as? AvroError else {
            Issue.record("the underlying error is not an AvroError: \(error)", sourceLocation: sourceLocation)
            return nil
        }
        #expect(avroError.code == code, "\(avroError)", sourceLocation: sourceLocation)
        return avroError
    } catch {
        Issue.record("expected a DecodingError (\(code)), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
