import Foundation
import Testing
@testable import Avro

@Suite struct DerivationSmokeTests {
    struct Person: Codable, Equatable {
        var name: String
        var age: Int32
        var email: String
    }

    struct Node: Codable, Equatable {
        var label: String
        var children: [Node]
        var next: Box<Int>?
    }

    struct Box<T: Codable & Equatable>: Codable, Equatable { var value: T }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case square(Double)
        case none
        enum CodingKeys: CodingKey, CaseIterable { case circle, square, none }
    }

    enum Suit: String, Codable, AvroEnum { case hearts, spades }

    struct Everything: Codable, Equatable {
        var shape: Shape
        var suit: Suit
        var when: Date
        var id: UUID
        var tags: Set<String>
        var scores: [String: Double]
        var blob: Data
        var maybe: Shape?
    }

    @Test func personMatchesTheSeedSchema() throws {
        let schema = try AvroSchema(deriving: Person.self)
        #expect(schema.jsonString() == #"{"type":"record","name":"Person","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"},{"name":"email","type":"string"}]}"#)
        #expect(try AvroEncoder().encodeBytes(Person(name: "Alice", age: 30, email: "alice@example.com")) == PersonValueTests.aliceBytes)
        #expect(try AvroDecoder().decode(Person.self, from: PersonValueTests.aliceBytes) == Person(name: "Alice", age: 30, email: "alice@example.com"))
    }

    @Test func recursiveGenericAndEnums() throws {
        let schema = try AvroSchema(deriving: Node.self)
        #expect(schema.jsonString() == #"{"type":"record","name":"Node","fields":[{"name":"label","type":"string"},{"name":"children","type":{"type":"array","items":"Node"}},{"name":"next","type":["null",{"type":"record","name":"Box_Int","fields":[{"name":"value","type":"long"}]}],"default":null}]}"#)
        let tree = Node(label: "root", children: [Node(label: "a", children: [], next: Box(value: 7))], next: nil)
        let bytes = try AvroEncoder().encodeBytes(tree)
        #expect(try AvroDecoder().decode(Node.self, from: bytes) == tree)

        let everything = try AvroSchema(deriving: Everything.self)
        let reparsed = try AvroSchema(parsing: everything.jsonString())
        #expect(reparsed == everything)
        let value = Everything(shape: .circle(radius: 2), suit: .spades, when: Date(timeIntervalSince1970: 1_000), id: UUID(),
                               tags: ["x"], scores: ["a": 1.5], blob: Data([1, 2]), maybe: Shape.none)
        for shape in [Shape.circle(radius: 2), .square(3), .none] {
            var value = value
            value.shape = shape
            value.maybe = shape
            let encoded = try AvroEncoder().encodeBytes(value)
            #expect(try AvroDecoder().decode(Everything.self, from: encoded) == value)
        }
    }
}

