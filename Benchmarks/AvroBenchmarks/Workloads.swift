import Avro
import BenchmarkTypes
import Foundation

// The three workloads of ../shared/bench-peers (same schemas and value shapes), generated
// in-process from a fixed seed.

struct Person: Codable, Equatable {
    var name: String
    var age: Int32
    var email: String
}

enum Kind: String, Codable, AvroEnum, CaseIterable {
    case ALPHA, BETA, GAMMA, DELTA
}

struct Location: Codable, Equatable {
    var lat: Double
    var lon: Double
}

struct Wide: Codable, Equatable {
    var id: Int64
    var score: Double
    var ratio: Float
    var active: Bool
    var name: String
    var nickname: String?
    var kind: Kind
    var tags: [Int32]
    var attrs: [String: Int64]
    var created: Date
    var location: Location
}

struct Item: Codable, Equatable {
    var k: String
    var v: Int64
}

struct Nested: Codable, Equatable {
    var items: [Item]
}

/// The workloads' schemas: those of the generated types (BenchmarkTypes' .avsc files), so the
/// Codable structs above and the generated types code the same bytes.
enum Schemas {
    static var person: AvroSchema { BenchPerson.avroSchema }
    static var wide: AvroSchema { BenchWide.avroSchema }
    static var nested: AvroSchema { BenchNested.avroSchema }
}

/// A workload's Codable struct and the type generated from its schema, for the rows that
/// compare the Codable path with the direct path on the same values.
protocol GeneratedTwin {
    associatedtype Generated: AvroBinaryCodable & Codable & Equatable
    /// The same value as the generated type.
    var generated: Generated { get }
}

extension Person: GeneratedTwin {
    var generated: BenchPerson { BenchPerson(name: name, age: age, email: email) }
}

extension Wide: GeneratedTwin {
    var generated: BenchWide {
        BenchWide(id: id, score: score, ratio: ratio, active: active, name: name, nickname: nickname,
                  kind: BenchKind.allCases[Kind.allCases.firstIndex(of: kind) ?? 0], tags: tags, attrs: attrs,
                  created: created, location: BenchLocation(lat: location.lat, lon: location.lon))
    }
}

extension Nested: GeneratedTwin {
    var generated: BenchNested { BenchNested(items: items.map { BenchItem(k: $0.k, v: $0.v) }) }
}

struct PersonV2: Codable, Equatable {
    var fullName: String
    var age: Int64
    var email: String
    var country: String
}

/// SplitMix64: a small, fast, seeded generator for the workloads.
struct Generator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func word(_ range: ClosedRange<Int>) -> String {
        String((0..<int(range)).map { _ in Character(Unicode.Scalar(UInt8(97 + int(0...25)))) })
    }
}

enum Workloads {
    static let domains = ["example.com", "mail.org", "test.net", "corp.io", "inbox.de", "web.fr"]
    static let attrKeys = ["color", "size", "weight", "height", "depth", "rank", "level", "zone"]

    static let personSeed: UInt64 = 20_240_601

    static func people(_ count: Int) -> [Person] {
        var random = Generator(seed: personSeed)
        return (0..<count).map { _ in person(&random) }
    }

    /// The next person from `random`, for the callers that stream them.
    static func person(_ random: inout Generator) -> Person {
        Person(name: random.word(4...12).capitalized, age: Int32(random.int(0...99)),
               email: random.word(6...10) + String(random.int(10...99)) + "@" + domains[random.int(0...5)])
    }

    static func wides(_ count: Int) -> [Wide] {
        var random = Generator(seed: 20_240_602)
        let base: Int64 = 1_577_836_800_000
        return (0..<count).map { _ in
            var keys = attrKeys
            var attrs: [String: Int64] = [:]
            for _ in 0..<3 { attrs[keys.remove(at: random.int(0...(keys.count - 1)))] = Int64(random.int(0...1_000_000)) }
            return Wide(id: Int64(random.next() >> 24), score: random.unit() * 1000, ratio: Float(random.unit()), active: random.unit() < 0.5,
                        name: random.word(4...12).capitalized, nickname: random.unit() < 0.5 ? random.word(3...10) : nil,
                        kind: Kind.allCases[random.int(0...3)], tags: (0..<8).map { _ in Int32(random.int(0...63)) }, attrs: attrs,
                        created: Date(timeIntervalSince1970: Double(base + Int64(random.int(0...(5 * 365 * 86_400_000)))) / 1000),
                        location: Location(lat: random.unit() * 180 - 90, lon: random.unit() * 360 - 180))
        }
    }

    static func nesteds(_ count: Int) -> [Nested] {
        var random = Generator(seed: 20_240_603)
        return (0..<count).map { _ in
            Nested(items: (0..<50).map { _ in Item(k: random.word(3...8), v: Int64(random.int(-1_000_000...1_000_000))) })
        }
    }
}
