import Foundation
import Testing
@testable import Avro

/// The encoder and decoder lend out the keyed containers they made again (`ContainerReuse`):
/// only once nobody holds them, never one that user code kept, and a kept container stays
/// safe to call after its state was let go of.
@Suite struct ContainerReuseTests {
    private static let pairSchema = CoderStateReuseTests.pairSchema
    private typealias Pair = CoderStateReuseTests.Pair

    /// The box behind a container: the object the coders keep and lend out again.
    private static func box<Container>(_ container: Container) -> ObjectIdentifier {
        ObjectIdentifier(unsafeBitCast(container, to: AnyObject.self))
    }

    /// A box, not kept alive by the test: it stays alive only if the coder keeps it.
    private struct WeakBox {
        weak var object: AnyObject?
    }

    /// Notes the box of the container each decode and encode used, letting go of it.
    private struct Noting: Codable {
        nonisolated(unsafe) static var boxes: [WeakBox] = []
        var a: Int64

        init(a: Int64) { self.a = a }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Pair.CodingKeys.self)
            Self.boxes.append(WeakBox(object: unsafeBitCast(container, to: AnyObject.self)))
            a = try container.decode(Int64.self, forKey: .a)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Pair.CodingKeys.self)
            Self.boxes.append(WeakBox(object: unsafeBitCast(container, to: AnyObject.self)))
            try container.encode(a, forKey: .a)
            try container.encode("noted", forKey: .b)
        }
    }

    /// Keeps the containers it was given.
    private struct Holding: Codable {
        nonisolated(unsafe) static var decoding: [KeyedDecodingContainer<Pair.CodingKeys>] = []
        nonisolated(unsafe) static var encoding: [KeyedEncodingContainer<Pair.CodingKeys>] = []
        var a: Int64

        init(a: Int64) { self.a = a }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Pair.CodingKeys.self)
            Self.decoding.append(container)
            a = try container.decode(Int64.self, forKey: .a)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Pair.CodingKeys.self)
            Self.encoding.append(container)
            try container.encode(a, forKey: .a)
            try container.encode("held", forKey: .b)
        }
    }

    /// Lending containers again is on unless `SWIFT_AVRO_PLAIN_CONTAINERS` forces the plain
    /// path (CI runs the suite both ways); on, the layout check passed.
    @Test(.serialized, .enabled(if: !ContainerLayout.plainContainersAreForced), arguments: [false, true])
    func aContainerNobodyHoldsIsLentAgain(encoding: Bool) throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let bytes = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 5, b: "x"))
        // A chain deeper than the kept containers fills the thread's states with boxes of
        // another key type first: a new key type's box replaces one nobody holds.
        let chainSchema = try AvroSchema(parsing: Self.chainSchemaText)
        let chain = Self.chain(depth: 40)
        #expect(try Self.deepDecoder(chainSchema).decode(Chain.self, from: Self.deepEncoder(chainSchema).encodeBytes(chain)) == chain)
        Noting.boxes = []
        for value in [Int64(1), 2, 3] {
            if encoding {
                #expect(try AvroDecoder(schema: schema).decode(Pair.self, from: AvroEncoder(schema: schema).encodeBytes(Noting(a: value))) == Pair(a: value, b: "noted"))
            } else {
                #expect(try AvroDecoder(schema: schema).decode(Noting.self, from: bytes).a == 5)
            }
        }
        // One box, still alive (kept by the coder), lent out three times. (A box made anew
        // each time would be gone, though it might have had the same address.)
        let boxes = Noting.boxes.map(\.object)
        #expect(boxes.count == 3 && boxes.allSatisfy { $0 != nil && $0 === boxes[0] })
    }

    @Test func aContainerHeldByUserCodeIsNeverLentAgainAndFailsCleanlyLater() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let decoder = AvroDecoder(schema: schema)
        let encoder = AvroEncoder(schema: schema)
        Holding.decoding = []
        Holding.encoding = []
        for value in [Int64(7), 8] {
            let bytes = try encoder.encodeBytes(Holding(a: value))
            #expect(try decoder.decode(Pair.self, from: bytes) == Pair(a: value, b: "held"))
            #expect(try decoder.decode(Holding.self, from: bytes).a == value)
        }
        #expect(Holding.decoding.count == 2 && Self.box(Holding.decoding[0]) != Self.box(Holding.decoding[1]))
        #expect(Holding.encoding.count == 2 && Self.box(Holding.encoding[0]) != Self.box(Holding.encoding[1]))
        // Used after its call returned, a container throws instead of reading or writing
        // anything of a later call.
        let staleRead = expectAvroError(.unsupported) { _ = try Holding.decoding[0].decode(String.self, forKey: .b) }
        #expect(staleRead?.message.contains("after the value it belongs to was decoded") == true)
        var staleWriter = Holding.encoding[0]
        _ = expectAvroError(.unsupported) { try staleWriter.encode("late", forKey: .b) }
        #expect(Holding.decoding[0].allKeys.isEmpty)
    }

    /// Decodes a second value while its own decoding runs, so that its own state is not the
    /// one the thread keeps afterwards: the state is let go of while a container of it is held.
    private struct HoldingAcrossAnInnerDecode: Decodable {
        nonisolated(unsafe) static var held: [KeyedDecodingContainer<Pair.CodingKeys>] = []
        var a: Int64

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Pair.CodingKeys.self)
            Self.held.append(container)
            a = try container.decode(Int64.self, forKey: .a)
            let bytes = decoder.userInfo[ContainerReuseTests.innerBytes] as? [UInt8] ?? []
            _ = try AvroDecoder(schema: AvroSchema(parsing: ContainerReuseTests.pairSchema)).decode(Pair.self, from: bytes)
        }
    }

    fileprivate static let innerBytes = CodingUserInfoKey(rawValue: "innerBytes")!

    @Test func aHeldContainerKeepsAStateThatWasLetGoOf() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let bytes = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 11, b: "outer"))
        var decoder = AvroDecoder(schema: schema)
        decoder.userInfo[Self.innerBytes] = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 12, b: "inner"))
        HoldingAcrossAnInnerDecode.held = []
        #expect(try decoder.decode(HoldingAcrossAnInnerDecode.self, from: bytes).a == 11)
        // The outer call's state was not put back (the inner call's state was): the held
        // container keeps it alive, and still fails cleanly.
        let container = try #require(HoldingAcrossAnInnerDecode.held.first)
        _ = expectAvroError(.unsupported) { _ = try container.decode(String.self, forKey: .b) }
        #expect(container.codingPath.isEmpty)
        // Later calls on this thread are unaffected.
        #expect(try AvroDecoder(schema: schema).decode(Pair.self, from: bytes) == Pair(a: 11, b: "outer"))
    }

    private final class Chain: Codable, Equatable {
        let value: Int64
        let next: Chain?

        init(_ value: Int64, _ next: Chain?) {
            self.value = value
            self.next = next
        }

        static func == (lhs: Chain, rhs: Chain) -> Bool { lhs.value == rhs.value && lhs.next == rhs.next }
    }

    private static let chainSchemaText = #"{"type":"record","name":"Chain","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","Chain"]}]}"#

    /// Coders for chains of 40 (80 levels: a record and a union each), deeper than the
    /// default limit allows.
    private static func deepEncoder(_ schema: AvroSchema) -> AvroEncoder {
        var encoder = AvroEncoder(schema: schema)
        encoder.maxDepth = 128
        return encoder
    }

    private static func deepDecoder(_ schema: AvroSchema) -> AvroDecoder {
        AvroDecoder(schema: schema, options: .init(maxDepth: 128))
    }

    /// The chain 1, 2, … `depth`.
    private static func chain(depth: Int) -> Chain {
        var chain = Chain(Int64(depth), nil)
        for value in (1..<depth).reversed() { chain = Chain(Int64(value), chain) }
        return chain
    }

    @Test func containersNestedDeeperThanTheKeptOnesRoundTrip() throws {
        let schema = try AvroSchema(parsing: Self.chainSchemaText)
        // 40 containers of one key type open at once: more than the 32 a state keeps.
        let chain = Self.chain(depth: 40)
        let bytes = try Self.deepEncoder(schema).encodeBytes(chain)
        #expect(bytes.count == 80)
        for _ in 0..<3 {
            #expect(try Self.deepDecoder(schema).decode(Chain.self, from: bytes) == chain)
            #expect(try Self.deepEncoder(schema).encodeBytes(chain) == bytes)
        }
    }

    private struct Outer: Codable, Equatable {
        var name: String
        var pairs: [Pair]
        var chain: Chain?
    }

    @Test func threadsCodingAtOnceEachLendTheirOwnContainers() throws {
        let schema = try AvroSchema(deriving: Outer.self)
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                let encoder = Self.deepEncoder(schema)
                let decoder = Self.deepDecoder(schema)
                for round in 0..<300 {
                    let value = Outer(name: "t\(thread)-\(round)", pairs: (0..<(round % 5)).map { Pair(a: Int64($0 * thread), b: "p\($0)") },
                                      chain: round % 3 == 0 ? nil : Self.chain(depth: 1 + round % 40))
                    if try decoder.decode(Outer.self, from: encoder.encodeBytes(value)) != value { failures.withLock { $0 += 1 } }
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    /// The layout check: the standard library's containers pass on this toolchain; values that
    /// are not one reference to a box wrapping a container fail, so nothing would be kept.
    @Test func theLayoutCheckTellsContainersFromOtherValues() {
        #expect(ContainerLayout.boxesCanBeKept == !ContainerLayout.plainContainersAreForced)
        #expect(ContainerLayout.roundTripHolds(Int(7)) == false)
        #expect(ContainerLayout.roundTripHolds(NSObject()) == false)
        #expect(ContainerLayout.roundTripHolds([NSObject()]) == false)
        #expect(ContainerLayout.roundTripHolds(KeyedDecodingContainer(ContainerLayout.DecodingProbe<AvroCodingKey>(marker: .init()))))
    }

    /// With the plain path forced, every decode makes its container anew: no box outlives
    /// its call.
    @Test(.enabled(if: ContainerLayout.plainContainersAreForced))
    func theForcedPlainPathKeepsNoContainer() throws {
        let schema = try AvroSchema(parsing: Self.pairSchema)
        let bytes = try AvroEncoder(schema: schema).encodeBytes(Pair(a: 5, b: "x"))
        Noting.boxes = []
        #expect(try AvroDecoder(schema: schema).decode(Noting.self, from: bytes).a == 5)
        #expect(Noting.boxes.count == 1 && Noting.boxes.allSatisfy { $0.object == nil })
    }
}
