import Foundation
import Testing
@testable import Avro

/// The types whose derived schemas are checked against golden `.avsc` files
/// (`Fixtures/derivation/<name>.avsc`), round-tripped, and read by fastavro.
enum Gallery {
    // MARK: - Records, primitives, nesting

    /// The seed's Person.
    struct Person: Codable, Equatable {
        var name: String
        var age: Int32
        var email: String
    }

    /// Every primitive and integer width: only types that fit in 32 signed bits are `int`.
    struct Primitives: Codable, Equatable {
        var bool: Bool
        var int: Int
        var int8: Int8
        var int16: Int16
        var int32: Int32
        var int64: Int64
        var uint: UInt
        var uint8: UInt8
        var uint16: UInt16
        var uint32: UInt32
        var uint64: UInt64
        var float: Float
        var double: Double
        var string: String
    }

    struct Address: Codable, Equatable {
        var street: String
        var zip: String
    }

    /// A nested record, defined at its first use and referenced by name afterwards.
    struct Customer: Codable, Equatable {
        var name: String
        var home: Address
        var work: Address?
        var previous: [Address]
    }

    /// Optionals: `["null", T]` with default `null`.
    struct Optionals: Codable, Equatable {
        var nickname: String?
        var age: Int?
        var address: Address?
        var tags: [String]?
        var suit: Suit?
    }

    struct Collections: Codable, Equatable {
        var list: [Int32]
        var set: Set<String>
        var map: [String: Double]
        var grid: [[Int]]
        var index: [String: [String]]
        var flags: ContiguousArray<Bool>
        var nested: [String: [String: Int32]]
    }

    struct FoundationTypes: Codable, Equatable {
        var data: Data
        var bytes: [UInt8]
        var date: Date
        var id: UUID
        var amount: Decimal
        var link: URL
        var duration: AvroDuration
    }

    // MARK: - Enums

    enum Suit: String, Codable, AvroEnum { case hearts, spades, clubs, diamonds }

    /// A String-backed enum that is not an ``AvroEnum``: a string.
    enum Color: String, Codable, CaseIterable { case red, green }

    /// A customised enum with a default symbol.
    enum Level: String, Codable, AvroEnum, AvroCustomizing {
        case low, high
        static var avroDefaultSymbol: Level? { .low }
        static var avroNamespace: String? { "com.example.cards" }
        static var avroDoc: String? { "How high a card ranks" }
        static var avroAliases: [String] { ["Grade"] }
    }

    struct Cards: Codable, Equatable {
        var suit: Suit
        var color: Color
        var level: Level
        var hand: [Suit]
        var wild: Suit?
    }

    /// An enum with associated values: a union of one record per case.
    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case rect(width: Double, height: Double)
        case labelled(String, Int)
        case point
        enum CodingKeys: CodingKey, CaseIterable { case circle, rect, labelled, point }
    }

    struct Drawing: Codable, Equatable {
        var shape: Shape
        var previous: Shape?
        var layers: [Shape]
    }

    /// A recursive enum with associated values.
    indirect enum Expr: Codable, Equatable, Sendable {
        case number(Int)
        case add(Expr, Expr)
        case negate(Expr)
        enum CodingKeys: CodingKey, CaseIterable { case number, add, negate }
    }

    struct Calculation: Codable, Equatable {
        var expr: Expr
        var steps: [Expr]
    }

    // MARK: - Recursive and generic types

    /// A linked list through an optional.
    final class ListNode: Codable, Equatable, Sendable {
        let value: Int
        let next: ListNode?

        init(_ value: Int, next: ListNode? = nil) {
            self.value = value
            self.next = next
        }

        static func == (lhs: ListNode, rhs: ListNode) -> Bool { lhs.value == rhs.value && lhs.next == rhs.next }
    }

    /// A tree through an array.
    struct TreeNode: Codable, Equatable {
        var label: String
        var children: [TreeNode]
    }

    /// Mutually recursive types.
    struct Department: Codable, Equatable {
        var name: String
        var employees: [Employee]
    }

    struct Employee: Codable, Equatable {
        var name: String
        var department: Department?
    }

    struct Box<T: Codable & Equatable & Sendable>: Codable, Equatable {
        var value: T
    }

    struct Pair<A: Codable & Equatable & Sendable, B: Codable & Equatable & Sendable>: Codable, Equatable {
        var first: A
        var second: B
    }

    /// `Box<Int>` and `Box<String>` in one type: two records, `Box_Int` and `Box_String`.
    struct Boxes: Codable, Equatable {
        var int: Box<Int>
        var string: Box<String>
        var again: Box<Int>
        var pair: Pair<Int32, [String]>
    }

    // MARK: - Customised types

    struct Account: Codable, Equatable, AvroCustomizing {
        var id: UUID
        var opened: Date
        var birthday: Date
        var lastLogin: Date
        var balance: Decimal
        var limit: Decimal
        var token: Data
        var nickname: String?
        var score: Int
        var extra: AvroValue
        var code: String

        static var avroName: String? { "BankAccount" }
        static var avroNamespace: String? { "com.example.bank" }
        static var avroDoc: String? { "A customer's bank account" }
        static var avroAliases: [String] { ["Account", "org.legacy.Acct"] }
        static var avroFields: [String: AvroFieldOptions] {
            [
                "id": .init(logicalType: .uuid, fixedSize: 16),
                "opened": .init(doc: "When the account was opened", logicalType: .timestampMicros),
                "birthday": .init(logicalType: .date),
                "lastLogin": .init(logicalType: .localTimestampMillis),
                "balance": .init(logicalType: .decimal(precision: 12, scale: 2)),
                "limit": .init(logicalType: .decimal(precision: 12, scale: 2), fixedSize: 8),
                "token": .init(fixedSize: 8),
                "nickname": .init(defaultValue: "anonymous"),
                "score": .init(doc: "Higher is better", aliases: ["points", "rating"], defaultValue: 0, order: .descending),
                "extra": .init(schema: .map(.int)),
                "code": .init(order: .ignore, schema: AvroSchema(.string, properties: ["avro.java.string": "String"])),
            ]
        }
    }

    // MARK: - Types that give their own schema

    /// A temperature in kelvin; `init(from:)` rejects values at or below absolute zero, so
    /// the simplest value of its schema (0) is rejected and it gives a placeholder.
    struct Temperature: Codable, Equatable, AvroSchemaProviding {
        var kelvin: Double

        static var avroSchema: AvroSchema { .double }
        static var avroPlaceholder: Temperature? { Temperature(kelvin: 273.15) }

        init(kelvin: Double) { self.kelvin = kelvin }

        init(from decoder: any Decoder) throws {
            kelvin = try decoder.singleValueContainer().decode(Double.self)
            guard kelvin > 0 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(kelvin) K is not above absolute zero"))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(kelvin)
        }
    }

    struct Reading: Codable, Equatable {
        var place: String
        var temperature: Temperature
        var low: Temperature?
        var history: [Temperature]
    }

    /// A type that gives a named schema: defined once, referenced afterwards.
    struct Point: Codable, Equatable, AvroSchemaProviding {
        var x: Double
        var y: Double

        static var avroSchema: AvroSchema {
            .record(.init(name: AvroName(name: "Point", namespace: "geo"), fields: [.init(name: "x", type: .double), .init(name: "y", type: .double)]))
        }
    }

    struct Line: Codable, Equatable {
        var from: Point
        var to: Point
    }
}
