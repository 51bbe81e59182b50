import Avro
import Foundation

/// The entry points the fuzzer drives, each with the properties it checks beyond "no crash,
/// no hang, no unbounded memory". Bad input must give an error; input that is accepted must
/// survive a round trip: what was decoded encodes, and decodes again to the same bytes.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `AvroSchema(parsing:)` of the input as JSON text; a schema that parses prints to JSON
    /// and to its canonical form, both of which parse to the same schema again.
    case schema
    /// `AvroValue` binary decoding of values of one of ``FuzzSchemas/schemas`` (picked by the
    /// first byte), one after another until the input ends or an error.
    case value
    /// `AvroDecoder` decoding into one of the ``FuzzModels`` types (picked by the first byte).
    case codable
    /// Resolving decoding from a writer schema to a reader schema of
    /// ``FuzzSchemas/evolutions`` (`AvroValue`), or from ``FuzzModels/Order`` to
    /// ``FuzzModels/OrderSummary`` (Codable), picked by the first byte.
    case resolving
    /// `AvroFileReader` over the input as an object container file, every record read,
    /// stopping at the first error and again skipping corrupt blocks. Blocks are limited to
    /// 1 MiB (``maxBlockSize``) rather than the reader's default 200 MiB, so that an input
    /// claiming a huge block is refused as fast as the fuzzer can make them, and reading stops
    /// after ``maxRecords`` records (the test data's files hold thousands of records of the
    /// same shape, which would cost ten times the rest of a run).
    case container
    /// Avro JSON: `AvroJSON(parsing:)`, then the value of one of ``FuzzSchemas/schemas``
    /// (picked by the first byte) it encodes, and one of the ``FuzzModels`` types (picked by
    /// the first byte too) from the same text.
    case json
    /// Avro IDL: `AvroIDL(parsing:)` of the input as UTF-8 text, whose relative imports find
    /// no file (its directory does not exist); an absolute one reads a regular file of at most
    /// 64 MiB, as any import does. What is read prints to JSON that reads back the same: the
    /// protocol, the main schema and each named type; the protocol's MD5 and canonical form
    /// are computed.
    case idl
    /// `AvroProtocol(parsing:)` of the input as JSON text; a protocol that parses prints to
    /// JSON that parses to the same protocol, and its MD5 and canonical form are computed.
    case avroProtocol = "protocol"

    /// A property that does not hold for an input: a bug, which the fuzzer reports.
    public struct Violation: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the target on `input` and tells whether the input was accepted (read without
    /// error, all of it); throws only when a property does not hold.
    @discardableResult
    public func run(_ input: [UInt8]) throws(Violation) -> Bool {
        switch self {
        case .schema: try Self.schema(input)
        case .value: try Self.value(input)
        case .codable: try Self.codable(input)
        case .resolving: try Self.resolving(input)
        case .container: try Self.container(input)
        case .json: try Self.json(input)
        case .idl: try Self.idl(input)
        case .avroProtocol: try Self.avroProtocol(input)
        }
    }

    /// `body`'s result, or `nil` when it throws: the input was refused, as bad input may be.
    private static func accepted<T>(_ body: () throws -> T) -> T? {
        try? body()
    }

    /// `body`'s result; an error is a violation described by `what`.
    private static func must<T>(_ what: @autoclosure () -> String, _ body: () throws -> T) throws(Violation) -> T {
        do {
            return try body()
        } catch {
            throw Violation(description: "\(what()): \(error)")
        }
    }

    private static func expect(_ condition: Bool, _ what: @autoclosure () -> String) throws(Violation) {
        if !condition { throw Violation(description: what()) }
    }

    /// The first byte picks one of `count` choices; the rest is the data.
    private static func split(_ input: [UInt8], among count: Int) -> (choice: Int, data: [UInt8])? {
        guard let first = input.first, count > 0 else { return nil }
        return (Int(first) % count, Array(input.dropFirst()))
    }

    private static func schema(_ input: [UInt8]) throws(Violation) -> Bool {
        guard let schema = accepted({ try AvroSchema(parsing: Data(input)) }) else { return false }
        let printed = schema.jsonString()
        let reparsed = try must("the printed schema \(printed) does not parse") { try AvroSchema(parsing: printed) }
        try expect(reparsed == schema, "the printed schema \(printed) parses to another schema")
        let canonical = schema.canonicalForm
        let fromCanonical = try must("the canonical form \(canonical) does not parse") { try AvroSchema(parsing: canonical) }
        try expect(fromCanonical.canonicalForm == canonical, "the canonical form \(canonical) is not its own canonical form")
        try expect(fromCanonical.fingerprint(.sha256) == schema.fingerprint(.sha256), "fingerprints differ")
        return true
    }

    private static func idl(_ input: [UInt8]) throws(Violation) -> Bool {
        guard let text = String(validating: input, as: UTF8.self),
              let idl = accepted({ try AvroIDL(parsing: text, directory: URL(fileURLWithPath: "/nonexistent-avro-fuzz")) }) else { return false }
        if let avroProtocol = idl.avroProtocol { try protocolRoundTrip(avroProtocol) }
        let options = AvroSchema.ParsingOptions(allowsUnicodeNames: true)
        for schema in [idl.mainSchema].compactMap({ $0 }) + idl.namedSchemas {
            let printed = schema.jsonString()
            let reparsed = try must("the printed schema \(printed) does not parse") { try AvroSchema(parsing: printed, options: options) }
            try expect(reparsed == schema, "the printed schema \(printed) parses to another schema")
        }
        return true
    }

    private static func avroProtocol(_ input: [UInt8]) throws(Violation) -> Bool {
        guard let avroProtocol = accepted({ try AvroProtocol(parsing: Data(input)) }) else { return false }
        try protocolRoundTrip(avroProtocol)
        return true
    }

    /// The protocol prints to JSON that parses to the same protocol; its digest and canonical
    /// form are computed.
    private static func protocolRoundTrip(_ avroProtocol: AvroProtocol) throws(Violation) {
        let printed = avroProtocol.jsonString()
        let options = AvroSchema.ParsingOptions(allowsUnicodeNames: true)
        let reparsed = try must("the printed protocol \(printed) does not parse") { try AvroProtocol(parsing: printed, options: options) }
        try expect(reparsed == avroProtocol, "the printed protocol \(printed) parses to another protocol")
        try expect(avroProtocol.md5.count == 16 && !avroProtocol.canonicalForm.isEmpty, "no digest or canonical form")
    }

    /// Encodes `value` as `schema`, decodes it and encodes it again: the same bytes.
    private static func roundTrip(_ value: AvroValue, as schema: AvroSchema) throws(Violation) {
        let bytes = try must("a decoded value does not encode") { try value.encoded(as: schema) }
        do {
            let again = try AvroValue(decoding: bytes, as: schema).encoded(as: schema)
            try expect(again == bytes, "a value encodes to other bytes once decoded again")
        } catch let error as AvroError where error.code == .limitExceeded {
            // Fewer bytes (blocks written without their sizes) can allow fewer empty items.
        } catch let violation as Violation {
            throw violation
        } catch {
            throw Violation(description: "the encoding of a decoded value does not decode: \(error)")
        }
    }

    private static func value(_ input: [UInt8]) throws(Violation) -> Bool {
        guard let (choice, data) = split(input, among: FuzzSchemas.schemas.count) else { return false }
        let schema = FuzzSchemas.schemas[choice]
        let (values, allRead): ([AvroValue], Bool) = data.withUnsafeBytes { buffer in
            var reader = AvroBinaryReader(buffer)
            var values: [AvroValue] = []
            while !reader.isAtEnd, values.count < 64 {
                guard let value = try? AvroValue.decode(from: &reader, as: schema) else { return (values, false) }
                values.append(value)
            }
            return (values, reader.isAtEnd)
        }
        for value in values { try roundTrip(value, as: schema) }
        return allRead && !values.isEmpty
    }

    /// Decodes `T` from `data` with its derived schema; a value that decodes encodes, and
    /// decodes again to an equal value.
    private static func codableRoundTrip<T: Codable & Equatable>(_ type: T.Type, _ data: [UInt8]) throws(Violation) -> Bool {
        let schema = try must("\(T.self) has no derived schema") { try AvroSchema(deriving: T.self) }
        guard let value = accepted({ try AvroDecoder(schema: schema).decode(T.self, from: data) }) else { return false }
        let bytes = try must("a decoded \(T.self) does not encode") { try AvroEncoder(schema: schema).encodeBytes(value) }
        let again = try must("an encoded \(T.self) does not decode") { try AvroDecoder(schema: schema).decode(T.self, from: bytes) }
        try expect(again == value, "a \(T.self) changes once encoded and decoded again: \(value) became \(again)")
        return true
    }

    private static func codable(_ input: [UInt8]) throws(Violation) -> Bool {
        guard let (choice, data) = split(input, among: 3) else { return false }
        switch choice {
        case 0: return try codableRoundTrip(FuzzModels.Order.self, data)
        case 1: return try codableRoundTrip(FuzzModels.Tree.self, data)
        default: return try codableRoundTrip(FuzzModels.Scalars.self, data)
        }
    }

    private static func resolving(_ input: [UInt8]) throws(Violation) -> Bool {
        let evolutions = FuzzSchemas.evolutions
        guard let (choice, data) = split(input, among: evolutions.count + 1) else { return false }
        guard choice < evolutions.count else {
            let writer = try must("Order has no derived schema") { try AvroSchema(deriving: FuzzModels.Order.self) }
            let reader = try must("OrderSummary's schema does not parse") { try FuzzModels.summarySchema() }
            guard let decoder = accepted({ try AvroDecoder(schema: reader).resolving(writerSchema: writer) }),
                  let summary = accepted({ try decoder.decode(FuzzModels.OrderSummary.self, from: data) }) else { return false }
            _ = try must("a resolved OrderSummary does not encode") { try AvroEncoder(schema: reader).encodeBytes(summary) }
            return true
        }
        let (writer, reader) = evolutions[choice]
        guard let value = accepted({ try AvroValue(decoding: data, writerSchema: writer, readerSchema: reader) }) else { return false }
        try roundTrip(value, as: reader)
        return true
    }

    /// The largest block the container target reads.
    public static let maxBlockSize = 1 << 20
    /// The most records the container target reads from one input, each time it reads it.
    public static let maxRecords = 256

    private static func container(_ input: [UInt8]) throws(Violation) -> Bool {
        var allRead = true
        for skipsCorruptBlocks in [false, true] {
            let options = AvroFileReaderOptions(maxBlockSize: maxBlockSize, skipsCorruptBlocks: skipsCorruptBlocks)
            guard let reader = accepted({ try AvroFileReader<AvroValue>(data: Data(input), options: options) })
            else { return false }
            let schema = reader.header.schema
            for _ in 0..<maxRecords {
                guard let next = accepted({ try reader.next() }) else {
                    allRead = false
                    break
                }
                guard let value = next else { break }
                _ = try must("a record read from a file does not encode") { try value.encoded(as: schema) }
            }
        }
        return allRead
    }

    private static func json(_ input: [UInt8]) throws(Violation) -> Bool {
        guard let (choice, data) = split(input, among: FuzzSchemas.schemas.count) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        let model: Any? = switch Int(input[0]) % 3 {
        case 0: accepted { try AvroDecoder().decode(FuzzModels.Order.self, fromAvroJSON: text) }
        case 1: accepted { try AvroDecoder().decode(FuzzModels.Tree.self, fromAvroJSON: text) }
        default: accepted { try AvroDecoder().decode(FuzzModels.Scalars.self, fromAvroJSON: text) }
        }
        guard let json = accepted({ try AvroJSON(parsing: data) }) else { return false }
        let serialized = json.description
        let reparsed = try must("serialized JSON \(serialized) does not parse") { try AvroJSON(parsing: serialized) }
        try expect(reparsed == json, "serialized JSON \(serialized) parses to another value")
        let schema = FuzzSchemas.schemas[choice]
        guard let value = accepted({ try AvroValue(avroJSON: json, as: schema) }) else { return model != nil }
        let printed = try must("a value read from Avro JSON does not print") { try value.avroJSONString(as: schema) }
        let back = try must("printed Avro JSON \(printed) does not read back") { try AvroValue(avroJSONString: printed, as: schema) }
        let bytes = try must("a value read from Avro JSON does not encode") { try value.encoded(as: schema) }
        try expect((try? back.encoded(as: schema)) == bytes, "Avro JSON \(printed) reads back to another value")
        return true
    }
}
