import Foundation
import Testing
@testable import Avro

/// The Avro JSON encoding.
@Suite struct AvroJSONEncodingTests {
    /// fastavro's json_writer output for the JSON sample reads back to the binary avro-py wrote,
    /// and our JSON of those values equals fastavro's as JSON values.
    @Test(.enabled(if: TestData.isAvailable)) func jsonSampleMatchesFastavro() throws {
        let schema = try AvroSchema(parsing: TestData.text("generated/json-sample.avsc"))
        let lines = try TestData.text("generated/json-sample.avro-json.jsonl").split(separator: "\n")
        #expect(lines.count == 4)
        for line in lines {
            let value = try AvroValue(avroJSONString: String(line), as: schema)
            let ours = try value.avroJSON(as: schema)
            #expect(ours == (try AvroJSON(parsing: String(line))))
            #expect(try AvroValue(avroJSON: ours, as: schema) == value)
        }
        // Item 67: a long beyond 2^53 keeps full precision.
        let first = try AvroValue(avroJSONString: String(lines[0]), as: schema)
        #expect(first["l"] == .long(9_007_199_254_740_993))
    }

    @Test func unionsBytesAndSpecialFloats() throws {
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"R","namespace":"ns","fields":[
              {"name":"u","type":["null","string",{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}]},
              {"name":"b","type":"bytes"},{"name":"f","type":"float"},{"name":"d","type":"double"}]}
            """)
        let value: AvroValue = .record([("u", .union(branch: 2, value: .record([("x", .int(1))]))), ("b", .bytes([0, 0xff])),
                                        ("f", .float(0.1)), ("d", .double(-.infinity))])
        let text = try value.avroJSONString(as: schema)
        #expect(text == #"{"u":{"ns.In":{"x":1}},"b":"\u0000ÿ","f":0.1,"d":"-Infinity"}"#)
        #expect(try AvroValue(avroJSONString: text, as: schema) == value)
        // Short branch names are accepted too; fields in any order.
        let short = try AvroValue(avroJSONString: #"{"d":"NaN","f":1,"b":"","u":{"In":{"x":2}}}"#, as: schema)
        #expect(short["u"] == .union(branch: 2, value: .record([("x", .int(2))])))
        expectAvroError(.invalidUnionBranch) { _ = try AvroValue(avroJSONString: #"{"u":{"long":1},"b":"","f":1,"d":1}"#, as: schema) }
        expectAvroError(.invalidDefault) { _ = try AvroValue(avroJSONString: #"{"u":null,"b":"Ā","f":1,"d":1}"#, as: schema) }
    }

    struct Person: Codable, Equatable {
        var name: String
        var nickname: String?
    }

    @Test func codableTypesRoundTripThroughAvroJSON() throws {
        let text = try AvroEncoder().encodeAvroJSON(Person(name: "Ann", nickname: "A"))
        #expect(text == #"{"name":"Ann","nickname":{"string":"A"}}"#)
        #expect(try AvroDecoder().decode(Person.self, fromAvroJSON: text) == Person(name: "Ann", nickname: "A"))
    }
}
