import Foundation
import Testing
@testable import Avro

/// Every recursive path, at the default depth limit, runs on a thread with a 512 KiB stack
/// (the size of a secondary thread on macOS) and leaves ``AvroNesting/stackReserve`` unused;
/// one level more is refused for its depth. Run in every build the suite runs in (debug,
/// release, AddressSanitizer, ThreadSanitizer), this is the check that the default fits.
@Suite struct SmallStackTests {
    /// A linked list: each element is two levels (the record and the union).
    static let list = try! AvroSchema(parsing: #"{"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}"#)
    /// The same list written with `int` values: reading it as `list` resolves every element.
    static let intList = try! AvroSchema(parsing: #"{"type":"record","name":"LongList","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","LongList"]}]}"#)

    final class LongList: Codable, @unchecked Sendable {
        let value: Int64
        let next: LongList?
        init(value: Int64, next: LongList?) { self.value = value; self.next = next }
    }
    struct Head: Codable { var value: Int64 }

    static func bytes(_ elements: Int) -> [UInt8] { Array(repeating: [0x00, 0x02], count: elements - 1).flatMap { $0 } + [0x00, 0x00] }
    static func value(_ elements: Int) -> AvroValue {
        var value = AvroValue.record([("value", .long(0)), ("next", .null)])
        for _ in 1..<elements { value = .record([("value", .long(0)), ("next", .union(branch: 1, value: value))]) }
        return value
    }
    static func object(_ elements: Int) -> LongList {
        var list = LongList(value: 0, next: nil)
        for _ in 1..<elements { list = LongList(value: 0, next: list) }
        return list
    }
    static func json(_ elements: Int) -> String {
        String(repeating: #"{"value":0,"next":{"LongList":"#, count: elements - 1) + #"{"value":0,"next":null}"# + String(repeating: "}}", count: elements - 1)
    }
    /// Arrays of arrays, `levels` deep: one JSON level per array.
    static func nestedArrays(_ levels: Int) -> String {
        String(repeating: #"{"type":"array","items":"#, count: levels) + "\"long\"" + String(repeating: "}", count: levels)
    }

    /// One recursive path: runs on `n` elements (or levels), throwing what it throws.
    struct Path: Sendable, CustomTestStringConvertible {
        let name: String
        let run: @Sendable (Int) throws -> Void
        var testDescription: String { name }
    }

    static let paths: [Path] = [
        Path(name: "AvroValue binary decode") { n in _ = try AvroValue(decoding: bytes(n), as: list) },
        Path(name: "AvroValue binary encode") { n in _ = try value(n).encoded(as: list) },
        Path(name: "AvroValue resolving decode") { n in _ = try AvroValue(decoding: bytes(n), writerSchema: intList, readerSchema: list) },
        Path(name: "AvroValue to Avro JSON") { n in _ = try value(n).avroJSONString(as: list) },
        Path(name: "AvroValue from Avro JSON") { n in _ = try AvroValue(avroJSONString: json(n), as: list) },
        Path(name: "Codable decode") { n in _ = try AvroDecoder(schema: list).decode(LongList.self, from: bytes(n)) },
        Path(name: "Codable decode skipping a field") { n in _ = try AvroDecoder(schema: list).decode(Head.self, from: bytes(n)) },
        Path(name: "Codable resolving decode") { n in _ = try AvroDecoder(schema: list).decode(LongList.self, from: bytes(n), writerSchema: intList) },
        Path(name: "Codable encode") { n in _ = try AvroEncoder(schema: list).encodeBytes(object(n)) },
        Path(name: "schema parse") { n in _ = try AvroSchema(parsing: nestedArrays(n)) },
        Path(name: "schema print, canonical form, compatibility") { n in
            let schema = try AvroSchema(parsing: nestedArrays(n))
            _ = schema.jsonString()
            _ = schema.canonicalForm
            _ = AvroSchemaCompatibility.check(reader: schema, writer: schema)
            _ = try AvroValue(decoding: [0], as: schema)
        },
    ]

    /// The `AvroError` thrown, or underlying the `DecodingError` or `EncodingError` thrown.
    static func avroError(in error: any Error) -> AvroError? {
        switch error {
        case let error as AvroError: error
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
             DecodingError.valueNotFound(_, let context), DecodingError.keyNotFound(_, let context),
             EncodingError.invalidValue(_, let context as DecodingError.Context):
            context.underlyingError as? AvroError
        case EncodingError.invalidValue(_, let context): context.underlyingError as? AvroError
        default: nil
        }
    }

    /// The largest `n` a path accepts with the default limits, found on a large stack.
    static func deepestAccepted(_ path: Path) -> Int? {
        StackUsage.onThread(stackSize: 64 << 20) {
            var n = 1
            while n < 10_000 {
                do { try path.run(n + 1) } catch { return n }
                n += 1
            }
            return nil
        }
    }

    @Test(arguments: paths)
    func theDefaultDepthFitsASmallStack(_ path: Path) throws {
        let deepest = try #require(Self.deepestAccepted(path), "the default limit stops nothing")
        let limit = AvroNesting.defaultMaxDepth
        // On a 512 KiB stack: the deepest accepted input still works…
        let atLimit: String? = StackUsage.onThread {
            do { try path.run(deepest); return nil } catch { return "\(error)" }
        }
        #expect(atLimit == nil)
        // …and one more is refused for the configured depth, not for the stack's room.
        let beyond: AvroError? = StackUsage.onThread {
            do { try path.run(deepest + 1); return nil } catch { return Self.avroError(in: error) }
        }
        #expect(beyond?.code == .limitExceeded)
        #expect(beyond?.message.contains("\(limit)") == true, "\(String(describing: beyond))")
        #expect(beyond?.message.contains("stack") == false, "\(String(describing: beyond))")
        // The stack used at the limit leaves the reserve unused.
        let used = try #require(StackUsage.measure { _ = try? path.run(deepest) })
        #expect(used + AvroNesting.stackReserve <= StackUsage.smallStack, "\(path.name) used \(used) bytes of stack")
        print("stack at the depth limit: \(path.name): \(deepest) deep, \(used) bytes")
    }

    /// A configured depth larger than the stack can hold is stopped by the stack's room: a
    /// clear error, never a stack overflow. (The hostile input of a 322-byte list nested 160
    /// deep crashed the value decoder on such a thread before.)
    @Test func aDepthTheStackCannotHoldIsRefusedNotACrash() throws {
        let deep = 20_000
        let bytes = Self.bytes(deep)
        let object = Self.object(deep)
        let arrays = Self.nestedArrays(deep)
        let errors: [AvroError?] = StackUsage.onThread {
            func error(_ body: () throws -> Void) -> AvroError? {
                do { try body(); return nil } catch { return Self.avroError(in: error) }
            }
            var encoder = AvroEncoder(schema: Self.list)
            encoder.maxDepth = .max
            return [
                error { _ = try AvroDecoder(schema: Self.list, options: .init(maxDepth: .max)).decode(LongList.self, from: bytes) },
                error { _ = try AvroDecoder(schema: Self.list, options: .init(maxDepth: .max)).decode(Head.self, from: bytes) },
                error { _ = try AvroDecoder(schema: Self.list, options: .init(maxDepth: .max)).decode(LongList.self, from: bytes, writerSchema: Self.intList) },
                error { _ = try encoder.encodeBytes(object) },
                error { _ = try AvroSchema(parsing: arrays, options: .init(maxDepth: .max)) },
            ]
        }
        for error in errors {
            #expect(error?.code == .limitExceeded)
            #expect(error?.message.contains("more than this thread's stack has room for") == true, "\(String(describing: error))")
        }
        // The list is let go of here, on the test's own thread, whose stack its release fits.
        withExtendedLifetime(object) {}
    }
}
