import Foundation
import Testing
@testable import Avro

/// Many threads sharing one encoder, one decoder and one resolving decoder at once, with
/// errors thrown midway through values (cut input, an `encode(to:)` that throws, a value too
/// deep) and containers kept by user code past the call that lent them. Every value that
/// should round-trip does, every error is the one expected, and a kept container fails
/// cleanly instead of touching another call's data. Run under ThreadSanitizer in CI.
struct ThreadStressTests {
    enum Status: String, Codable, CaseIterable, AvroEnum { case open, paid, shipped }

    struct Line: Codable, Equatable {
        var sku: String
        var quantity: Int32
        var price: Double
    }

    struct Order: Codable, Equatable {
        var id: Int64
        var customer: String
        var lines: [Line]
        var note: String?
        var status: Status
        var totals: [String: Double]

        enum CodingKeys: String, CodingKey { case id, customer, lines, note, status, totals }
    }

    /// A later version of `Order`: `note` is gone and `priority` has a default.
    struct OrderV2: Codable, Equatable {
        var id: Int64
        var customer: String
        var lines: [Line]
        var status: Status
        var totals: [String: Double]
        var priority: Int32
    }

    /// Writes its first field, then throws.
    struct FailsMidway: Encodable {
        struct Refused: Error {}
        var id: Int64

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Order.CodingKeys.self)
            try container.encode(id, forKey: .id)
            throw Refused()
        }
    }

    /// Keeps the containers it is given past its call, in the ``Kept`` its coder's user info
    /// holds under ``keptKey``.
    struct Keeper: Codable {
        final class Kept: Sendable {
            let decoding = Locked<[KeyedDecodingContainer<Order.CodingKeys>]>([])
            let encoding = Locked<[KeyedEncodingContainer<Order.CodingKeys>]>([])
        }
        static let keptKey = CodingUserInfoKey(rawValue: "kept")!
        var id: Int64

        init(id: Int64) { self.id = id }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Order.CodingKeys.self)
            id = try container.decode(Int64.self, forKey: .id)
            (decoder.userInfo[Self.keptKey] as? Kept)?.decoding.withLock { $0.append(container) }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Order.CodingKeys.self)
            try container.encode(id, forKey: .id)
            (encoder.userInfo[Self.keptKey] as? Kept)?.encoding.withLock { $0.append(container) }
        }

        /// An encoder and a decoder of Keeper values that keep their containers in `kept`.
        static func coders(keepingIn kept: Kept) throws -> (AvroEncoder, AvroDecoder) {
            let schema = try AvroSchema(parsing: keeperSchema)
            var encoder = AvroEncoder(schema: schema)
            var decoder = AvroDecoder(schema: schema)
            encoder.userInfo[keptKey] = kept
            decoder.userInfo[keptKey] = kept
            return (encoder, decoder)
        }
    }

    static let keeperSchema = #"{"type": "record", "name": "Keeper", "fields": [{"name": "id", "type": "long"}]}"#

    static func order(thread: Int, round: Int) -> Order {
        Order(id: Int64(thread * 1_000_000 + round), customer: "customer \(thread)-\(round) ✓",
              lines: (0..<(round % 6)).map { Line(sku: "sku-\($0)", quantity: Int32($0 - 2), price: Double(round) / 8) },
              note: round % 3 == 0 ? nil : String(repeating: "n", count: round % 50),
              status: [Status.open, .paid, .shipped][round % 3],
              totals: Dictionary(uniqueKeysWithValues: (0..<(round % 4)).map { ("t\($0)", Double($0) * 1.5) }))
    }

    /// The Avro error a failed decode carries, directly or under a `DecodingError`.
    static func avroError(in error: any Error) -> AvroError? {
        if let error = error as? AvroError { return error }
        switch error as? DecodingError {
        case .dataCorrupted(let context)?, .keyNotFound(_, let context)?, .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return context.underlyingError as? AvroError
        default:
            return nil
        }
    }

    @Test func threadsSharingCodersGetTheirOwnResultsAndErrors() throws {
        let writerSchema = try AvroSchema(deriving: Order.self)
        let readerSchema = try AvroSchema(parsing: #"""
            {"type": "record", "name": "OrderV2", "fields": [
              {"name": "id", "type": "long"}, {"name": "customer", "type": "string"},
              {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
                {"name": "sku", "type": "string"}, {"name": "quantity", "type": "int"}, {"name": "price", "type": "double"}]}}},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["open", "paid", "shipped"]}},
              {"name": "totals", "type": {"type": "map", "values": "double"}},
              {"name": "priority", "type": "int", "default": 5}]}
            """#)
        let encoder = AvroEncoder(schema: writerSchema)
        let decoder = AvroDecoder(schema: writerSchema)
        let resolving = try AvroDecoder(schema: readerSchema).resolving(writerSchema: writerSchema)
        let keptContainers = Keeper.Kept()
        let (keeperEncoder, keeperDecoder) = try Keeper.coders(keepingIn: keptContainers)
        let problems = Locked<[String]>([])
        let threads = 8, rounds = 400

        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            func problem(_ text: String) { problems.withLock { $0.append("thread \(thread): \(text)") } }
            for round in 0..<rounds {
                let order = Self.order(thread: thread, round: round)
                do {
                    let bytes = try encoder.encodeBytes(order)
                    switch round % 5 {
                    case 0:
                        // Cut inside the value: a length that runs past the end, or the end
                        // itself, then a clean decode.
                        do {
                            _ = try decoder.decode(Order.self, from: bytes.prefix(bytes.count / 2))
                            problem("a cut value decoded")
                        } catch {
                            if ![.endOfData, .invalidLength].contains(Self.avroError(in: error)?.code) { problem("cut value: \(error)") }
                        }
                    case 1:
                        do {
                            _ = try encoder.encodeBytes(FailsMidway(id: order.id))
                            problem("a throwing encode(to:) succeeded")
                        } catch is FailsMidway.Refused {
                        } catch {
                            problem("throwing encode(to:): \(error)")
                        }
                    case 2:
                        let kept = try keeperEncoder.encodeBytes(Keeper(id: order.id))
                        if try keeperDecoder.decode(Keeper.self, from: kept).id != order.id { problem("keeper \(order.id)") }
                    default:
                        break
                    }
                    if try decoder.decode(Order.self, from: bytes) != order { problem("round \(round) decoded differently") }
                    let expected = OrderV2(id: order.id, customer: order.customer, lines: order.lines, status: order.status,
                                           totals: order.totals, priority: 5)
                    if try resolving.decode(OrderV2.self, from: bytes) != expected { problem("round \(round) resolved differently") }
                } catch {
                    problem("round \(round): \(error)")
                }
            }
        }
        #expect(problems.withLock { $0 } == [])

        // Every kept container throws, on any thread, instead of reading or writing the data
        // of whatever call now runs.
        let kept = keptContainers.decoding.withLock { $0.count }
        #expect(kept == threads * rounds / 5)
        #expect(keptContainers.encoding.withLock { $0.count } == kept)
        let unexpected = Locked(0)
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in stride(from: thread, to: kept, by: threads) {
                do {
                    _ = try keptContainers.decoding.withLock { $0[index] }.decode(String.self, forKey: .customer)
                    unexpected.withLock { $0 += 1 }
                } catch {
                    if Self.avroError(in: error)?.code != .unsupported { unexpected.withLock { $0 += 1 } }
                }
                var writer = keptContainers.encoding.withLock { $0[index] }
                do {
                    try writer.encode("late", forKey: .customer)
                    unexpected.withLock { $0 += 1 }
                } catch {
                    if Self.avroError(in: error)?.code != .unsupported { unexpected.withLock { $0 += 1 } }
                }
            }
        }
        #expect(unexpected.withLock { $0 } == 0)
    }

    /// A container kept past its call and used on another thread while the thread that lent it
    /// goes on coding: each use throws, and the lending thread's values come out right. (A
    /// state is never reused while somebody holds a container it lent; were it reused, the
    /// container's checks would read frames that the lending thread is changing.)
    @Test func containersKeptAndUsedOnAnotherThreadLeaveTheLendingThreadAlone() throws {
        let kept = Keeper.Kept()
        let (keeperEncoder, keeperDecoder) = try Keeper.coders(keepingIn: kept)
        let schema = try AvroSchema(deriving: Order.self)
        let encoder = AvroEncoder(schema: schema), decoder = AvroDecoder(schema: schema)
        #expect(try keeperDecoder.decode(Keeper.self, from: keeperEncoder.encodeBytes(Keeper(id: 7))).id == 7)
        #expect(kept.encoding.withLock { $0.count } == 1 && kept.decoding.withLock { $0.count } == 1)

        let isDone = Locked(false), uses = Locked(0), wrongOutcomes = Locked<[String]>([])
        let started = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let other = Thread {
            var writing = kept.encoding.withLock { $0[0] }
            let reading = kept.decoding.withLock { $0[0] }
            repeat {
                do {
                    try writing.encode("late", forKey: .customer)
                    wrongOutcomes.withLock { $0.append("a late encode succeeded") }
                } catch {
                    if Self.avroError(in: error)?.code != .unsupported { wrongOutcomes.withLock { $0.append("late encode: \(error)") } }
                }
                do {
                    _ = try reading.decode(String.self, forKey: .customer)
                    wrongOutcomes.withLock { $0.append("a late decode succeeded") }
                } catch {
                    if Self.avroError(in: error)?.code != .unsupported { wrongOutcomes.withLock { $0.append("late decode: \(error)") } }
                }
                if uses.withLock({ $0 += 1; return $0 }) == 1 { started.signal() }
            } while !isDone.withLock { $0 }
            finished.signal()
        }
        other.start()
        started.wait()
        var roundTripped = 0
        for round in 0..<3_000 {
            let order = Self.order(thread: 1, round: round)
            if try decoder.decode(Order.self, from: encoder.encodeBytes(order)) == order { roundTripped += 1 }
        }
        isDone.withLock { $0 = true }
        finished.wait()
        #expect(roundTripped == 3_000)
        #expect(wrongOutcomes.withLock { $0 } == [])
        #expect(uses.withLock { $0 } > 1)
    }

    /// Many threads deriving and compiling the same new types at once (the caches' first
    /// fill), and reading and writing container files of their own.
    @Test func threadsFillingTheCachesAtOnceAgree() throws {
        struct Fresh: Codable, Equatable {
            var name: String
            var values: [Int32]
            var child: Child?
        }
        struct Child: Codable, Equatable {
            var flag: Bool
        }
        let schemas = Locked<[String]>([])
        let problems = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                let schema = try AvroSchema(deriving: Fresh.self)
                schemas.withLock { $0.append(schema.canonicalForm) }
                let values = (0..<300).map { Fresh(name: "\(thread)-\($0)", values: Array(repeating: Int32($0), count: $0 % 4),
                                                   child: $0 % 2 == 0 ? nil : Child(flag: $0 % 3 == 0)) }
                let writer = try AvroFileWriter<Fresh>(schema: schema, codec: AvroDeflateCodec(), blockSize: 500)
                try writer.append(contentsOf: values)
                try writer.close()
                let read = try Array(AvroFileReader<Fresh>(data: writer.data))
                if read != values { problems.withLock { $0.append("thread \(thread): the file read differently") } }
            } catch {
                problems.withLock { $0.append("thread \(thread): \(error)") }
            }
        }
        #expect(problems.withLock { $0 } == [])
        let forms = schemas.withLock { $0 }
        #expect(forms.count == 8 && Set(forms).count == 1)
    }
}
