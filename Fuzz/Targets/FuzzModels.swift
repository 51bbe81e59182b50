import Avro
import Foundation

/// The Swift types the Codable harnesses decode into: the shapes apps use (optionals,
/// collections, nested and recursive types, enums with and without associated values,
/// sets, dictionaries with non-String keys, `Date`, `UUID`, `Decimal`, `Data`).
///
/// Their floating-point fields are equal when their bits are, so that a NaN read from the
/// input equals itself after a round trip, and 0 and -0 differ.
public enum FuzzModels {
    public enum Status: String, Codable, Equatable, Sendable, CaseIterable, AvroEnum { case placed, paid, shipped, cancelled }

    public struct Line: Codable, Equatable, Sendable {
        public var sku: String
        public var quantity: Int32
        public var unitPrice: Decimal
        public var discount: Double?

        public static func == (a: Line, b: Line) -> Bool {
            a.sku == b.sku && a.quantity == b.quantity && a.unitPrice == b.unitPrice && a.discount?.bitPattern == b.discount?.bitPattern
        }
    }

    public struct Card: Codable, Equatable, Sendable { public var last4: String }

    public enum Payment: Codable, Equatable, Sendable {
        case card(Card)
        case transfer(iban: String, reference: String?)
        case free
        enum CodingKeys: CodingKey, CaseIterable { case card, transfer, free }
    }

    public struct Order: Codable, Equatable, Sendable {
        public var id: UUID
        public var placedAt: Date
        public var status: Status
        public var lines: [Line]
        public var payment: Payment?
        public var note: String?
        public var tags: Set<String>
        public var counts: [Int: Int64]
        public var attachment: Data
    }

    public struct Tree: Codable, Equatable, Sendable {
        public var name: String
        public var children: [Tree]
        public var named: [String: Tree]
        public var weight: Float

        public static func == (a: Tree, b: Tree) -> Bool {
            a.name == b.name && a.children == b.children && a.named == b.named && a.weight.bitPattern == b.weight.bitPattern
        }
    }

    public struct Scalars: Codable, Equatable, Sendable {
        public var bool: Bool
        public var int8: Int8
        public var uint16: UInt16
        public var int: Int
        public var uint32: UInt32
        public var double: Double
        public var flags: [Bool]
        public var nested: [[String?]]

        public static func == (a: Scalars, b: Scalars) -> Bool {
            a.bool == b.bool && a.int8 == b.int8 && a.uint16 == b.uint16 && a.int == b.int && a.uint32 == b.uint32
                && a.double.bitPattern == b.double.bitPattern && a.flags == b.flags && a.nested == b.nested
        }
    }

    /// A later version of ``Order`` for reading data written as ``Order`` with its derived
    /// schema (``summarySchema``): the fields it lacks are skipped, the one it adds has a
    /// default, a status it does not know reads as its default.
    public struct OrderSummary: Codable, Equatable, Sendable {
        public var id: UUID
        public var status: Status
        public var lines: [Line]
        public var priority: Int64
    }

    /// The schema of ``OrderSummary``.
    public static func summarySchema() throws -> AvroSchema {
        try AvroSchema(parsing: #"""
            {"type": "record", "name": "OrderSummary", "aliases": ["Order"], "fields": [
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["placed", "paid", "shipped"], "default": "placed"}},
              {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
                {"name": "sku", "type": "string"}, {"name": "quantity", "type": "long"},
                {"name": "unitPrice", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 10}},
                {"name": "discount", "type": ["null", "double"], "default": null}]}}},
              {"name": "priority", "type": "long", "default": 3}]}
            """#)
    }

    /// Sample values of each model, for the seed corpora.
    public static let orders: [Order] = [
        Order(id: UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)), placedAt: Date(timeIntervalSince1970: 1_700_000_000.123),
              status: .paid, lines: [Line(sku: "A-1", quantity: 2, unitPrice: Decimal(1999) / 100, discount: 0.1)],
              payment: .card(Card(last4: "4242")), note: "leave at door", tags: ["gift", "priority"], counts: [1: 2, -3: .max],
              attachment: Data([0, 1, 2, 255])),
        Order(id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), placedAt: Date(timeIntervalSince1970: -86_400.5),
              status: .cancelled, lines: [], payment: .transfer(iban: "DE89", reference: nil), note: nil, tags: [], counts: [:],
              attachment: Data()),
        Order(id: UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)), placedAt: Date(timeIntervalSince1970: 0),
              status: .placed, lines: [Line(sku: "C", quantity: .max, unitPrice: -Decimal(5) / 10, discount: nil)], payment: .free, note: "",
              tags: ["x"], counts: [0: 0], attachment: Data(repeating: 7, count: 40)),
    ]

    public static let trees: [Tree] = [
        Tree(name: "root", children: [Tree(name: "a", children: [], named: [:], weight: 1.5),
                                      Tree(name: "b", children: [Tree(name: "c", children: [], named: [:], weight: -0)], named: [:], weight: .infinity)],
             named: ["x": Tree(name: "x", children: [], named: [:], weight: 3)], weight: 0),
        Tree(name: "", children: [], named: [:], weight: .nan),
    ]

    public static let scalars: [Scalars] = [
        Scalars(bool: true, int8: -128, uint16: 65_535, int: .min, uint32: .max, double: -0.0, flags: [true, false], nested: [["a", nil], []]),
        Scalars(bool: false, int8: 127, uint16: 0, int: .max, uint32: 0, double: .greatestFiniteMagnitude, flags: [], nested: []),
    ]
}
