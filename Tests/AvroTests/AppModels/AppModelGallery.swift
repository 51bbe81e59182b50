import Foundation
@testable import Avro

/// Ordinary app models, each derived, written as datums and files, read and written back by
/// fastavro and read again (``AppModelGalleryTests``).
enum AppModelGallery {
    // MARK: - Shop

    enum OrderStatus: String, Codable, AvroEnum { case placed, paid, shipped, cancelled }

    struct Money: Codable, Equatable, Sendable {
        var amountMinor: Int64
        var currency: String
    }

    struct LineItem: Codable, Equatable, Sendable {
        var sku: String
        var quantity: Int32
        var unitPrice: Decimal
        var discount: Double?
    }

    struct Card: Codable, Equatable, Sendable { var last4: String; var expires: String }
    struct Cash: Codable, Equatable, Sendable { var tendered: Money }

    enum Payment: Codable, Equatable, Sendable {
        case card(Card)
        case cash(Cash)
        case bankTransfer(iban: String, reference: String?)
        case free
        enum CodingKeys: CodingKey, CaseIterable { case card, cash, bankTransfer, free }
    }

    struct Order: Codable, Equatable, Sendable {
        var id: UUID
        var customerEmail: String
        var placedAt: Date
        var status: OrderStatus
        var lines: [LineItem]
        var payment: Payment?
        var total: Money
        var note: String?
        var tags: Set<String>
    }

    static let orders = [
        Order(id: UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!, customerEmail: "ann@example.com", placedAt: Date(timeIntervalSince1970: 1_700_000_000.123),
              status: .paid, lines: [LineItem(sku: "A-1", quantity: 2, unitPrice: Decimal(string: "19.99")!, discount: 0.1),
                                     LineItem(sku: "B-22", quantity: 1, unitPrice: Decimal(string: "-0.5")!, discount: nil)],
              payment: .card(Card(last4: "4242", expires: "12/29")), total: Money(amountMinor: 3948, currency: "EUR"), note: "leave at door", tags: ["gift", "priority"]),
        Order(id: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, customerEmail: "", placedAt: Date(timeIntervalSince1970: -86_400.5),
              status: .cancelled, lines: [], payment: .bankTransfer(iban: "DE89 3704", reference: nil), total: Money(amountMinor: 0, currency: "USD"), note: nil, tags: []),
        Order(id: UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!, customerEmail: "bo@example.com", placedAt: Date(timeIntervalSince1970: 0),
              status: .placed, lines: [LineItem(sku: "C", quantity: .max, unitPrice: Decimal(string: "12345678901234567890.0123456789")!, discount: -0.0)],
              payment: .cash(Cash(tendered: Money(amountMinor: -5, currency: "JPY"))), total: Money(amountMinor: .max, currency: "JPY"), note: "", tags: ["x"]),
        Order(id: UUID(uuidString: "12345678-90AB-CDEF-1234-567890ABCDEF")!, customerEmail: "c@x", placedAt: Date(timeIntervalSince1970: 253_402_300_799.999),
              status: .shipped, lines: [], payment: .free, total: Money(amountMinor: .min, currency: ""), note: nil, tags: []),
        Order(id: UUID(uuidString: "12345678-90AB-CDEF-1234-567890ABCDE0")!, customerEmail: "d@x", placedAt: Date(timeIntervalSince1970: 1),
              status: .placed, lines: [], payment: nil, total: Money(amountMinor: 1, currency: "EUR"), note: nil, tags: []),
    ]

    /// A class, with a nested optional record and collections of records.
    final class Customer: Codable, Equatable, @unchecked Sendable {
        let name: String
        let home: Address?
        let previous: [Address]
        let byLabel: [String: Address]
        init(name: String, home: Address?, previous: [Address], byLabel: [String: Address]) {
            (self.name, self.home, self.previous, self.byLabel) = (name, home, previous, byLabel)
        }
        static func == (a: Customer, b: Customer) -> Bool { a.name == b.name && a.home == b.home && a.previous == b.previous && a.byLabel == b.byLabel }
    }

    struct Address: Codable, Equatable, Sendable { var street: String; var city: String; var zip: String? }

    static let home = Address(street: "1 Main St", city: "Springfield", zip: "12345")
    static let customers = [Customer(name: "Ann", home: home, previous: [Address(street: "2 Side", city: "Shelby", zip: nil)], byLabel: ["work": home]),
                            Customer(name: "Bo", home: nil, previous: [], byLabel: [:])]

    /// A custom `encode(to:)` that writes keys in another order than the schema's, and a
    /// computed key its `init(from:)` does not read.
    struct Invoice: Codable, Equatable, Sendable {
        var number: String
        var lines: [LineItem]
        var issued: Date
        enum CodingKeys: String, CodingKey { case number, lines, issued, lineCount }
        init(number: String, lines: [LineItem], issued: Date) { (self.number, self.lines, self.issued) = (number, lines, issued) }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            number = try container.decode(String.self, forKey: .number)
            lines = try container.decode([LineItem].self, forKey: .lines)
            issued = try container.decode(Date.self, forKey: .issued)
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(issued, forKey: .issued)
            try container.encode(lines.count, forKey: .lineCount)
            try container.encode(lines, forKey: .lines)
            try container.encode(number, forKey: .number)
        }
    }

    // MARK: - Settings and profiles

    enum Theme: String, Codable, CaseIterable { case light, dark, system }

    struct UserSettings: Codable, Equatable, Sendable {
        var theme: Theme
        var notifications: Bool
        var fontScale: Float
        var language: String
        var shortcuts: [String: String]
        var featureFlags: [String: Bool]?
        var quietHours: [Int32]?
    }

    struct Account: Codable, Equatable, Sendable, AvroCustomizing {
        var opened: Date
        var balance: Decimal
        var overdraft: Decimal?
        var nickname: String
        static let avroNamespace: String? = "com.example.bank"
        static let avroDoc: String? = "A bank account."
        static let avroFields: [String: AvroFieldOptions] = [
            "opened": .init(doc: "When the account was opened", logicalType: .timestampMicros),
            "balance": .init(logicalType: .decimal(precision: 12, scale: 2)),
            "overdraft": .init(logicalType: .decimal(precision: 9, scale: 2), fixedSize: 5),
            "nickname": .init(aliases: ["label"], defaultValue: .string("main")),
        ]
    }

    /// Keys that are not valid Avro names, mapped to field names.
    struct Activity: Codable, Equatable, Sendable, AvroCustomizing {
        var type: String
        var contentType: String?
        var actor: String
        enum CodingKeys: String, CodingKey { case type = "@type", contentType = "content-type", actor }
        static let avroFields: [String: AvroFieldOptions] = ["@type": .init(name: "type"), "content-type": .init(name: "content_type")]
    }

    // MARK: - Trees and recursion

    struct TreeNode: Codable, Equatable, Sendable {
        var name: String
        var children: [TreeNode]
    }

    final class ListNode: Codable, Equatable, @unchecked Sendable {
        let value: Int
        let next: ListNode?
        init(_ value: Int, _ next: ListNode?) { (self.value, self.next) = (value, next) }
        static func == (a: ListNode, b: ListNode) -> Bool { a.value == b.value && a.next == b.next }
    }

    indirect enum Expression: Codable, Equatable, Sendable {
        case number(value: Double)
        case add(Expression, Expression)
        case negate(Expression)
        enum CodingKeys: CodingKey, CaseIterable { case number, add, negate }
    }

    struct Category: Codable, Equatable, Sendable {
        var title: String
        var parent: [Category]?
        var siblings: [String: Category]
    }

    // MARK: - Generics and wrappers

    struct Page<Item: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        var items: [Item]
        var nextCursor: String?
        var total: Int
    }

    struct Tagged<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        var tag: String
        var value: Value
    }

    enum Outcome<Value: Codable & Equatable & Sendable>: Codable, Equatable, Sendable {
        case success(Value)
        case failure(message: String, code: Int32)
        enum CodingKeys: CodingKey, CaseIterable { case success, failure }
    }

    // MARK: - Numbers, text, bytes

    /// NaN and infinities; equal when every number has the same bits.
    struct Measurements: Codable, Sendable {
        var values: [Double]
        var single: Float
        var optional: Double?
        var byName: [String: Float]
        static func same(_ a: Measurements, _ b: Measurements) -> Bool {
            a.values.map(\.bitPattern) == b.values.map(\.bitPattern) && a.single.bitPattern == b.single.bitPattern
                && a.optional?.bitPattern == b.optional?.bitPattern && a.byName.mapValues(\.bitPattern) == b.byName.mapValues(\.bitPattern)
        }
    }

    struct Counters: Codable, Equatable, Sendable {
        var int8: Int8, int16: Int16, int32: Int32, int64: Int64, int: Int
        var uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64, uint: UInt
    }

    struct TextSamples: Codable, Equatable, Sendable {
        var long: String
        var nonASCII: String
        var empty: String
        var lines: [String]
        var character: String?
    }

    struct Attachment: Codable, Equatable, Sendable {
        var data: Data
        var bytes: [UInt8]
        var thumbnail: Data?
        var link: URL
        var mirror: URL?
        var checksum: [UInt8]?
    }

    struct Matrix: Codable, Equatable, Sendable {
        var rows: [[Double]]
        var sparse: [[Int]?]
        var flags: ContiguousArray<Bool>
        var named: [String: [String: Int32]]
    }

    // MARK: - Keys, enums, times

    enum Severity: Int, Codable, CaseIterable, Sendable { case low = 1, medium = 5, high = 9 }
    enum Region: String, Codable, CaseIterable, Sendable { case eu, us, apac }

    struct Inventory: Codable, Equatable, Sendable {
        var stockByStore: [Int: Int]
        var namesByID: [UUID: String]
        var alertsBySeverity: [Severity: [String]]
        var shareByRegion: [Region: Double]
        var optionalCounts: [Int32: Int64]?
    }

    struct AlertRule: Codable, Equatable, Sendable {
        var severity: Severity
        var escalation: [Severity]
        var previous: Severity?
        var region: Region
    }

    struct Schedule: Codable, Equatable, Sendable, AvroCustomizing {
        var startsAt: Date
        var endsAt: Date?
        var day: Date
        var reminders: [Date]
        var window: AvroDuration
        static let avroFields: [String: AvroFieldOptions] = [
            "endsAt": .init(logicalType: .timestampMicros),
            "day": .init(logicalType: .date),
        ]
    }

    struct EventLog: Codable, Equatable, Sendable, AvroCustomizing {
        var id: UUID
        var correlation: UUID?
        var at: Date
        static let avroFields: [String: AvroFieldOptions] = ["id": .init(logicalType: .uuid, fixedSize: 16)]
    }

    // MARK: - Messages and chats

    enum Content: Codable, Equatable, Sendable {
        case text(String)
        case image(url: URL, width: Int32, height: Int32)
        case location(latitude: Double, longitude: Double)
        case reaction(emoji: String)
        enum CodingKeys: CodingKey, CaseIterable { case text, image, location, reaction }
    }

    struct ChatMessage: Codable, Equatable, Sendable {
        var id: Int64
        var author: String
        var content: Content
        var replies: [ChatMessage]
        var editedAt: Date?
    }

    enum Shape: Codable, Equatable, Sendable, AvroCustomizing {
        case circle(radius: Double)
        case rectangle(width: Double, height: Double)
        case polygon([Point])
        enum CodingKeys: CodingKey, CaseIterable { case circle, rectangle, polygon }
        static let avroFields: [String: AvroFieldOptions] = ["circle": .init(name: "Circle", aliases: ["Disc"])]
    }

    struct Point: Codable, Equatable, Sendable { var x: Double; var y: Double }

    struct Drawing: Codable, Equatable, Sendable {
        var shapes: [Shape]
        var selected: Shape?
        var layers: [String: [Shape]]
    }

    /// A JSON document as an enum, with the `null` case renamed (a primitive name).
    enum JSONValue: Codable, Equatable, Sendable, AvroCustomizing {
        case string(String)
        case double(Double)
        case boolean(Bool)
        case null
        case array([JSONValue])
        case map([String: JSONValue])
        enum CodingKeys: CodingKey, CaseIterable { case string, double, boolean, null, array, map }
        static let avroFields: [String: AvroFieldOptions] = ["null": .init(name: "Null")]
    }

    struct WebhookPayload: Codable, Equatable, Sendable {
        var event: String
        var data: JSONValue
        var headers: [String: String]
    }

    struct FeatureToggle: Codable, Equatable, Sendable {
        var key: String
        var enabledFor: Set<String>
        var rolloutPercent: UInt8
        var variants: [String: Double]?
        var expires: Date?
    }
}
