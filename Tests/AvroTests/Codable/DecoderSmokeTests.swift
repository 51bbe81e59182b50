import Foundation
import Testing
@testable import Avro

@Suite struct DecoderSmokeTests {
    @Test func personDecodesFromTheSeedBytes() throws {
        let schema = try AvroSchema(parsing: PersonValueTests.personSchema)
        let decoder = AvroDecoder(schema: schema)
        #expect(try decoder.decode(EncoderSmokeTests.Person.self, from: PersonValueTests.aliceBytes)
            == EncoderSmokeTests.Person(name: "Alice", age: 30, email: "alice@example.com"))
        #expect(try decoder.decode(EncoderSmokeTests.ShuffledPerson.self, from: PersonValueTests.aliceBytes)
            == EncoderSmokeTests.ShuffledPerson(email: "alice@example.com", name: "Alice", age: 30))
    }

    struct Event: Codable, Equatable {
        enum Payload: Codable, Equatable {
            case click(Click)
            case string(String)
            case long(Int)
        }
        struct Click: Codable, Equatable { var x: Int32; var y: Int32 }
        var id: UUID
        var at: Date
        var amount: Decimal
        var payload: Payload
        var extra: [String: [Int]]
        var note: String?
        var duration: AvroDuration
    }

    @Test func unionsAndLogicalTypesRoundTrip() throws {
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"Event","fields":[
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
              {"name":"payload","type":[{"type":"record","name":"Click","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]},"string","long"]},
              {"name":"extra","type":{"type":"map","values":{"type":"array","items":"long"}}},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"duration","type":{"type":"fixed","name":"D","size":12,"logicalType":"duration"}}]}
            """)
        let events = [
            Event(id: UUID(), at: Date(timeIntervalSince1970: 1_700_000_000.123456), amount: Decimal(string: "-1234.5")!,
                  payload: .click(Event.Click(x: 3, y: -4)), extra: ["a": [1, 2], "b": []], note: "hi",
                  duration: AvroDuration(months: 1, days: 2, milliseconds: 3)),
            Event(id: UUID(), at: Date(timeIntervalSince1970: 0), amount: 0, payload: .string("hello"), extra: [:], note: nil,
                  duration: AvroDuration()),
            Event(id: UUID(), at: Date(timeIntervalSince1970: -86_400.5), amount: Decimal(string: "0.01")!, payload: .long(42),
                  extra: ["z": [Int.max]], note: nil, duration: AvroDuration()),
        ]
        for event in events {
            let bytes = try AvroEncoder(schema: schema).encodeBytes(event)
            let back = try AvroDecoder(schema: schema).decode(Event.self, from: bytes)
            #expect(back.id == event.id)
            #expect(abs(back.at.timeIntervalSince(event.at)) < 0.000002)
            #expect(back.amount == event.amount)
            #expect(back.payload == event.payload)
            #expect(back.extra == event.extra)
            #expect(back.note == event.note)
            #expect(back.duration == event.duration)
            let value = try AvroValue(decoding: bytes, as: schema)
            #expect(try value.encoded(as: schema) == bytes)
        }
    }
}
