import Foundation
import Testing
@testable import Avro

@Suite struct EncoderSmokeTests {
    struct Person: Codable, Equatable {
        var name: String
        var age: Int32
        var email: String
    }

    /// Properties declared in another order than the schema's fields.
    struct ShuffledPerson: Codable, Equatable {
        var email: String
        var name: String
        var age: Int
    }

    @Test func personEncodesToTheSeedBytes() throws {
        let schema = try AvroSchema(parsing: PersonValueTests.personSchema)
        let bytes = try AvroEncoder(schema: schema).encodeBytes(Person(name: "Alice", age: 30, email: "alice@example.com"))
        #expect(bytes == PersonValueTests.aliceBytes)
        let shuffled = try AvroEncoder(schema: schema).encodeBytes(ShuffledPerson(email: "alice@example.com", name: "Alice", age: 30))
        #expect(shuffled == PersonValueTests.aliceBytes)
    }

    struct Bag: Codable {
        enum Suit: String, Codable { case hearts = "HEARTS", spades = "SPADES" }
        var nickname: String?
        var tags: [String]
        var counts: [String: Int]
        var suit: Suit
        var later: Int?
    }

    @Test func optionalsArraysMapsEnums() throws {
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"Bag","fields":[
              {"name":"nickname","type":["null","string"]},
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"counts","type":{"type":"map","values":"long"}},
              {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["HEARTS","SPADES"]}},
              {"name":"later","type":["null","long"]}]}
            """)
        let bag = Bag(nickname: nil, tags: ["a", "bc"], counts: ["x": 1], suit: .spades, later: 5)
        let bytes = try AvroEncoder(schema: schema).encodeBytes(bag)
        let expected = try AvroValue.record([
            ("nickname", .union(branch: 0, value: .null)), ("tags", ["a", "bc"]), ("counts", .map([("x", 1)])),
            ("suit", .enumeration("SPADES")), ("later", .union(branch: 1, value: 5)),
        ]).encoded(as: schema)
        #expect(bytes == expected)
    }
}
