import Foundation
import Testing
@testable import Avro

/// The encoder and decoder keep their per-call state between calls on a thread
/// (`ThreadLocalSlot`); a call inside another, a failed call, or a state kept by user code
/// must not disturb later calls.
@Suite struct CoderStateReuseTests {
    static let pairSchema = #"{"type":"record","name":"Pair","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}"#

    struct Pair: Codable, Equatable {
        var a: Int64
        var b: String

        enum CodingKeys: String, CodingKey { case a, b }
    }

    /// Decodes a second, unrelated value from `userInfo` bytes while its own decoding is
    /// in progress.
    private struct Reentrant: Decodable {
        var outer: Int64
        var inner: Pair

        enum CodingKeys: String, CodingKey { case a, b }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            outer = try container.decode(Int64.self, forKey: .a)
            let bytes = decoder.userInfo[CoderStateReuseTests.innerBytes] as? [UInt8] ?? []
            inner = try AvroDecoder(schema: AvroSchema(parsing: CoderStateReuseTests.pairSchema)).decode(Pair.self, from: bytes)
            // The outer container still reads its own record after the inner call.
            _ = try container.decode(String.self, forKey: .b)
        }
    }

    fileprivate static let innerBytes = CodingUserInfoKey(rawValue: "innerBytes")!

    /// Keeps the decoder it was given.
    private final class Keeper: Decodable, @unchecked Sendable {
        static let kept = Locked<[any Decoder]>([])
        let a: Int64

        init(from decoder: any Decoder) throws {
            Self.kept.withLock { $0.append(decoder) }
            a = try decoder.container(keyedBy: Pair.CodingKeys.self).decode(Int64.self, forKey: .a)
        }
    }

    @Test func aDecodeInsideAnotherDecodeGetsItsOwnState() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let outerBytes = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 7, b: "outer"))
        let innerBytes = try AvroEncoder(schema: schema).encodeBytes(Pair(a: -3, b: "inner"))
        var decoder = AvroDecoder(schema: schema)
        decoder.userInfo[Self.innerBytes] = innerBytes
        let value = try decoder.decode(Reentrant.self, from: outerBytes)
        #expect(value.outer == 7)
        #expect(value.inner == Pair(a: -3, b: "inner"))
    }

    @Test func aFailedDecodeLeavesNothingBehindForTheNext() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let decoder = AvroDecoder(schema: schema)
        let good = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 150, b: "ok"))
        // The string's length runs past the end: the record's frame is open when it fails.
        #expect(throws: DecodingError.self) { try decoder.decode(Pair.self, from: [0x02, 0x40, 0x61]) }
        #expect(try decoder.decode(Pair.self, from: good) == Pair(a: 150, b: "ok"))
        #expect(try decoder.decode(Pair.self, from: good) == Pair(a: 150, b: "ok"))
    }

    @Test func aDecoderKeptByTheTypeIsNeverHandedToAnotherCall() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let decoder = AvroDecoder(schema: schema)
        let first = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 1, b: "x"))
        let second = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 2, b: "y"))
        #expect(try decoder.decode(Keeper.self, from: first).a == 1)
        #expect(try decoder.decode(Keeper.self, from: second).a == 2)
        let kept = Keeper.kept.withLock { $0 }
        #expect(kept.count == 2)
        #expect(kept.count == 2 && (kept[0] as AnyObject) !== (kept[1] as AnyObject))
        // Used after its call returned, a kept decoder reads nothing of the bytes it was
        // given (which may be gone): it throws.
        #expect(throws: AvroError.self) { _ = try kept.first?.container(keyedBy: Pair.CodingKeys.self).decode(String.self, forKey: .b) }
    }

    @Test func anEncodeInsideAnotherEncodeAndAfterAFailureWritesTheRightBytes() throws {
        struct Outer: Encodable {
            var a: Int64
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Pair.CodingKeys.self)
                try container.encode(a, forKey: .a)
                // Encoding something else on the same thread, in the middle.
                let inner = try AvroEncoder(schema: AvroSchema(parsing: CoderStateReuseTests.pairSchema)).encodeBytes(Pair(a: 5, b: "in"))
                try container.encode(String(inner.count), forKey: .b)
            }
        }
        let encoder = AvroEncoder(schema: try AvroSchema(parsing: Self.pairSchema))
        #expect(try encoder.encodeBytes(Outer(a: 1)) == [0x02, 0x02, 0x34])
        let tooBig = #"{"type":"record","name":"Pair","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}"#
        #expect(throws: EncodingError.self) { try AvroEncoder(schema: AvroSchema(parsing: tooBig)).encodeBytes(Pair(a: 1 << 40, b: "z")) }
        #expect(try encoder.encodeBytes(Pair(a: 1, b: "z")) == [0x02, 0x02, 0x7a])
    }

    /// Keeps the encoder it was given.
    private struct EncoderKeeper: Encodable {
        static let kept = Locked<[any Encoder]>([])
        var a: Int64

        func encode(to encoder: any Encoder) throws {
            Self.kept.withLock { $0.append(encoder) }
            var container = encoder.container(keyedBy: Pair.CodingKeys.self)
            try container.encode(a, forKey: .a)
            try container.encode("k", forKey: .b)
        }
    }

    @Test func anEncoderKeptByTheTypeHoldsNoneOfTheCallersBytes() throws {
        let encoder = AvroEncoder(schema: try AvroSchema(parsing: Self.pairSchema))
        var buffer: [UInt8] = [0xaa]
        try encoder.encode(EncoderKeeper(a: 1), into: &buffer)
        try encoder.encode(EncoderKeeper(a: 2), into: &buffer)
        #expect(buffer == [0xaa, 0x02, 0x02, 0x6b, 0x04, 0x02, 0x6b])
        let kept = EncoderKeeper.kept.withLock { $0 }
        #expect(kept.count == 2 && (kept[0] as AnyObject) !== (kept[1] as AnyObject))
        // The caller's array was moved back out of each state: the kept states hold other
        // storage, so the buffer is its only owner and grows in place.
        let states = kept.compactMap { $0 as? EncodingState }
        #expect(states.count == 2 && states.allSatisfy { $0.writer.count == 0 })
        try encoder.encode(EncoderKeeper(a: 3), into: &buffer)
        #expect(buffer == [0xaa, 0x02, 0x02, 0x6b, 0x04, 0x02, 0x6b, 0x06, 0x02, 0x6b])
    }

    /// Notes how many `userInfo` entries its coder had.
    private struct NotingUserInfo: Codable {
        nonisolated(unsafe) static var counts: [Int] = []
        init() {}
        init(from decoder: any Decoder) throws {
            Self.counts.append(decoder.userInfo.count)
            _ = try decoder.container(keyedBy: Pair.CodingKeys.self).decode(Int64.self, forKey: .a)
        }
        func encode(to encoder: any Encoder) throws {
            Self.counts.append(encoder.userInfo.count)
            var container = encoder.container(keyedBy: Pair.CodingKeys.self)
            try container.encode(Int64(1), forKey: .a)
            try container.encode("u", forKey: .b)
        }
    }

    @Test func theUserInfoOfOneCallIsNotSeenByTheNext() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        var withInfo = AvroEncoder(schema: schema)
        withInfo.userInfo[Self.innerBytes] = [UInt8(1)]
        var decoderWithInfo = AvroDecoder(schema: schema)
        decoderWithInfo.userInfo[Self.innerBytes] = [UInt8(1)]
        NotingUserInfo.counts = []
        let bytes = try withInfo.encodeBytes(NotingUserInfo())
        _ = try AvroEncoder(schema: schema).encodeBytes(NotingUserInfo())
        _ = try decoderWithInfo.decode(NotingUserInfo.self, from: bytes)
        _ = try AvroDecoder(schema: schema).decode(NotingUserInfo.self, from: bytes)
        #expect(NotingUserInfo.counts == [1, 0, 1, 0])
    }
}
