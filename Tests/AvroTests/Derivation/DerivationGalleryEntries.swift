import Foundation
import Testing
@testable import Avro

/// One type of the ``Gallery``, erased: its golden file name, its derived schema, sample
/// values to round-trip, and what fastavro should read from the first sample.
struct GalleryEntry: Sendable, CustomTestStringConvertible {
    /// The golden file is `Fixtures/derivation/<name>.avsc`.
    let name: String
    /// `AvroSchema(deriving:)` of the type.
    let derive: @Sendable () throws -> AvroSchema
    /// Encodes every sample with `AvroEncoder()` and decodes it with `AvroDecoder()`;
    /// returns the samples that did not come back equal.
    let roundTripFailures: @Sendable () throws -> [String]
    /// The first sample encoded with `AvroEncoder()`.
    let firstSampleBytes: @Sendable () throws -> [UInt8]
    /// The first sample as `check_with_fastavro.py` prints it (compact JSON, sorted keys).
    let fastavroJSON: String

    init<T: Codable & Equatable & Sendable>(_ type: T.Type, samples: [T], fastavro: String) {
        name = String(describing: T.self)
        derive = { try AvroSchema(deriving: T.self) }
        roundTripFailures = {
            try samples.compactMap { sample in
                let decoded = try AvroDecoder().decode(T.self, from: AvroEncoder().encodeBytes(sample))
                return decoded == sample ? nil : "\(sample) came back as \(decoded)"
            }
        }
        firstSampleBytes = { try samples.first.map { try AvroEncoder().encodeBytes($0) } ?? [] }
        fastavroJSON = fastavro
    }

    var testDescription: String { name }

    /// The golden `.avsc` text.
    func golden() throws -> String {
        try String(contentsOf: TestData.fixture("derivation/\(name).avsc"), encoding: .utf8)
    }
}

extension Gallery {
    static let address = Address(street: "1 Main St", zip: "12345")

    /// The gallery. fastavro reads a union holding a record as `[record name, record]`, and
    /// a `uuid` on `fixed` as its 16 bytes.
    static let entries: [GalleryEntry] = [
        GalleryEntry(Person.self, samples: [Person(name: "Alice", age: 30, email: "alice@example.com")],
                     fastavro: #"{"age":30,"email":"alice@example.com","name":"Alice"}"#),
        GalleryEntry(Primitives.self, samples: [
            Primitives(bool: true, int: -1_234_567_890_123, int8: -8, int16: -1600, int32: .min, int64: .min, uint: 42, uint8: 255,
                       uint16: 65535, uint32: .max, uint64: 1 << 62, float: 1.5, double: -0.25, string: "héllo ✓"),
            Primitives(bool: false, int: .max, int8: .max, int16: .min, int32: .max, int64: .max, uint: 0, uint8: 0,
                       uint16: 0, uint32: 0, uint64: UInt64(Int64.max), float: -0.0, double: .infinity, string: ""),
        ], fastavro: #"{"bool":true,"double":-0.25,"float":1.5,"int":-1234567890123,"int16":-1600,"int32":-2147483648,"int64":-9223372036854775808,"int8":-8,"string":"h\u00e9llo \u2713","uint":42,"uint16":65535,"uint32":4294967295,"uint64":4611686018427387904,"uint8":255}"#),
        GalleryEntry(Customer.self, samples: [
            Customer(name: "Ann", home: address, work: nil, previous: [Address(street: "2 Side Rd", zip: "99")]),
            Customer(name: "Bo", home: address, work: address, previous: []),
        ], fastavro: #"{"home":{"street":"1 Main St","zip":"12345"},"name":"Ann","previous":[{"street":"2 Side Rd","zip":"99"}],"work":null}"#),
        GalleryEntry(Optionals.self, samples: [
            Optionals(nickname: "Al", age: 41, address: address, tags: ["a", "b"], suit: .clubs),
            Optionals(nickname: nil, age: nil, address: nil, tags: nil, suit: nil),
            Optionals(nickname: "", age: 0, address: nil, tags: [], suit: .hearts),
        ], fastavro: #"{"address":["Address",{"street":"1 Main St","zip":"12345"}],"age":41,"nickname":"Al","suit":"clubs","tags":["a","b"]}"#),
        GalleryEntry(Collections.self, samples: [
            Collections(list: [1, -2], set: ["only"], map: ["half": 0.5], grid: [[1], [], [2, 3]], index: ["k": ["v", "w"]],
                        flags: [true, false], nested: ["outer": ["inner": 7]]),
            Collections(list: [], set: [], map: [:], grid: [], index: [:], flags: [], nested: [:]),
            Collections(list: [.max], set: ["a", "b", "c"], map: ["x": 1, "y": 2], grid: [[]], index: ["e": []],
                        flags: [false], nested: ["o": [:]]),
        ], fastavro: #"{"flags":[true,false],"grid":[[1],[],[2,3]],"index":{"k":["v","w"]},"list":[1,-2],"map":{"half":0.5},"nested":{"outer":{"inner":7}},"set":["only"]}"#),
        GalleryEntry(FoundationTypes.self, samples: [
            FoundationTypes(data: Data([0xDE, 0xAD]), bytes: [1, 2, 3], date: Date(timeIntervalSince1970: 1_000.5),
                            id: UUID(uuidString: "12345678-9ABC-DEF0-1234-56789ABCDEF0") ?? UUID(), amount: Decimal(string: "12.34") ?? 0,
                            link: URL(string: "https://example.com/a?b=c") ?? URL(fileURLWithPath: "/"),
                            duration: AvroDuration(months: 1, days: 2, milliseconds: 3)),
            FoundationTypes(data: Data(), bytes: [], date: Date(timeIntervalSince1970: -86_400), id: UUID(), amount: Decimal(string: "-0.0000000001") ?? 0,
                            link: URL(fileURLWithPath: "/tmp/x"), duration: AvroDuration()),
        ], fastavro: #"{"amount":"decimal:12.3400000000","bytes":"hex:010203","data":"hex:dead","date":"1970-01-01T00:16:40.500000+00:00","duration":"hex:010000000200000003000000","id":"uuid:12345678-9abc-def0-1234-56789abcdef0","link":"https://example.com/a?b=c"}"#),
        GalleryEntry(Cards.self, samples: [
            Cards(suit: .spades, color: .green, level: .high, hand: [.diamonds, .hearts], wild: nil),
            Cards(suit: .hearts, color: .red, level: .low, hand: [], wild: .diamonds),
        ], fastavro: #"{"color":"green","hand":["diamonds","hearts"],"level":"high","suit":"spades","wild":null}"#),
        GalleryEntry(Drawing.self, samples: [
            Drawing(shape: .rect(width: 2, height: 3), previous: .point, layers: [.circle(radius: 1.5), .labelled("x", -1)]),
            Drawing(shape: .point, previous: nil, layers: []),
            Drawing(shape: .labelled("", 0), previous: .circle(radius: 0), layers: [.point, .rect(width: 0, height: 1)]),
        ], fastavro: #"{"layers":[["Shape.circle",{"radius":1.5}],["Shape.labelled",{"_0":"x","_1":-1}]],"previous":["Shape.point",{}],"shape":["Shape.rect",{"height":3.0,"width":2.0}]}"#),
        GalleryEntry(Calculation.self, samples: [
            Calculation(expr: .add(.number(1), .negate(.number(2))), steps: [.number(3)]),
            Calculation(expr: .number(0), steps: []),
        ], fastavro: #"{"expr":["Expr.add",{"_0":["Expr.number",{"_0":1}],"_1":["Expr.negate",{"_0":["Expr.number",{"_0":2}]}]}],"steps":[["Expr.number",{"_0":3}]]}"#),
        GalleryEntry(ListNode.self, samples: [ListNode(1, next: ListNode(2, next: ListNode(3))), ListNode(0)],
                     fastavro: #"{"next":["ListNode",{"next":["ListNode",{"next":null,"value":3}],"value":2}],"value":1}"#),
        GalleryEntry(TreeNode.self, samples: [
            TreeNode(label: "root", children: [TreeNode(label: "a", children: []), TreeNode(label: "b", children: [TreeNode(label: "c", children: [])])]),
        ], fastavro: #"{"children":[{"children":[],"label":"a"},{"children":[{"children":[],"label":"c"}],"label":"b"}],"label":"root"}"#),
        GalleryEntry(Department.self, samples: [
            Department(name: "R&D", employees: [Employee(name: "Eve", department: Department(name: "Lab", employees: [])), Employee(name: "Dan", department: nil)]),
        ], fastavro: #"{"employees":[{"department":["Department",{"employees":[],"name":"Lab"}],"name":"Eve"},{"department":null,"name":"Dan"}],"name":"R&D"}"#),
        GalleryEntry(Boxes.self, samples: [
            Boxes(int: Box(value: 7), string: Box(value: "seven"), again: Box(value: -7), pair: Pair(first: 1, second: ["one"])),
        ], fastavro: #"{"again":{"value":-7},"int":{"value":7},"pair":{"first":1,"second":["one"]},"string":{"value":"seven"}}"#),
        GalleryEntry(Account.self, samples: [
            Account(id: UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF") ?? UUID(), opened: Date(timeIntervalSince1970: 1_600_000_000.25),
                    birthday: Date(timeIntervalSince1970: 86_400 * 365), lastLogin: Date(timeIntervalSince1970: 60),
                    balance: Decimal(string: "-1234.5") ?? 0, limit: Decimal(string: "9999999999.99") ?? 0, token: Data([1, 2, 3, 4, 5, 6, 7, 8]),
                    nickname: nil, score: 12, extra: .map([("a", .int(1))]), code: "X1"),
            Account(id: UUID(), opened: Date(timeIntervalSince1970: 0), birthday: Date(timeIntervalSince1970: -86_400),
                    lastLogin: Date(timeIntervalSince1970: 1.5), balance: 0, limit: Decimal(string: "0.01") ?? 0, token: Data(count: 8),
                    nickname: "Sam", score: -1, extra: .map([]), code: ""),
        ], fastavro: #"{"balance":"decimal:-1234.50","birthday":"1971-01-01","code":"X1","extra":{"a":1},"id":"hex:00112233445566778899aabbccddeeff","lastLogin":"1970-01-01T00:01:00","limit":"decimal:9999999999.99","nickname":null,"opened":"2020-09-13T12:26:40.250000+00:00","score":12,"token":"hex:0102030405060708"}"#),
        GalleryEntry(Reading.self, samples: [
            Reading(place: "Oslo", temperature: Temperature(kelvin: 270.5), low: Temperature(kelvin: 250), history: [Temperature(kelvin: 1)]),
            Reading(place: "", temperature: Temperature(kelvin: 0.5), low: nil, history: []),
        ], fastavro: #"{"history":[1.0],"low":250.0,"place":"Oslo","temperature":270.5}"#),
        GalleryEntry(Line.self, samples: [Line(from: Point(x: 0, y: 1), to: Point(x: -2.5, y: 3))],
                     fastavro: #"{"from":{"x":0.0,"y":1.0},"to":{"x":-2.5,"y":3.0}}"#),
    ]
}
