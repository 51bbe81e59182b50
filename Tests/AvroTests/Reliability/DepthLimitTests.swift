import Foundation
import Testing
@testable import Avro

/// Every recursive path obeys the configured depth: the encoder (which had no limit), and the
/// decoder's skipping of fields it does not ask for (which obeyed a fixed 512 whatever
/// `AvroDecoder.Options.maxDepth` said).
@Suite struct DepthLimitTests {
    struct Node: Codable { var children: [Node] }

    static func chain(_ depth: Int) -> Node {
        var node = Node(children: [])
        for _ in 0..<depth { node = Node(children: [node]) }
        return node
    }

    /// Each level of `Node` is two: the record and its array.
    @Test func theEncoderRefusesValuesDeeperThanItsLimit() throws {
        var encoder = AvroEncoder()
        encoder.maxDepth = 40
        _ = try encoder.encodeBytes(Self.chain(19))
        let error = expectEncodingError(.limitExceeded, at: Array(repeating: ["children", "Index 0"], count: 20).flatMap { $0 }) {
            _ = try encoder.encodeBytes(Self.chain(20))
        }
        #expect(error?.message.contains("more than 40 levels") == true)
        // The default stops a 4,000-deep value with an error, not a stack overflow.
        let limit = AvroDecoder.Options().maxDepth
        expectEncodingError(.limitExceeded, at: Array(repeating: ["children", "Index 0"], count: limit / 2).flatMap { $0 }) {
            _ = try AvroEncoder().encodeBytes(Self.chain(4_000))
        }
    }

    struct Head: Codable { var value: Int64 }

    /// A field the type does not ask for is skipped within the decoder's own limit.
    @Test func skippingObeysTheDecodersLimit() throws {
        let list = try AvroSchema(parsing: #"{"type":"record","name":"LongList","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","LongList"]}]}"#)
        func bytes(_ depth: Int) -> [UInt8] { Array(repeating: [0x00, 0x02], count: depth).flatMap { $0 } + [0x00, 0x00] }
        let decoder = AvroDecoder(schema: list, options: .init(maxDepth: 30))
        #expect(try decoder.decode(Head.self, from: bytes(10)).value == 0)
        // Each list element is two levels (the record and the union).
        let error = expectDecodingError(.limitExceeded) { _ = try decoder.decode(Head.self, from: bytes(40)) }
        #expect(error?.message.contains("more than 30 levels") == true)
    }
}
