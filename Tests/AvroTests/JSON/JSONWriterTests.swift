import Testing
@testable import Avro

@Suite struct JSONWriterTests {
    private let document: AvroJSON = [
        "type": "record",
        "name": "P",
        "fields": [["name": "a", "type": ["null", "long"], "default": nil]],
        "n": -7,
        "x": 0.5,
        "ok": true,
        "empty": [],
        "none": [:],
    ]

    @Test func writesCompactText() {
        #expect(document.serialized() == #"{"type":"record","name":"P","fields":[{"name":"a","type":["null","long"],"default":null}],"n":-7,"x":0.5,"ok":true,"empty":[],"none":{}}"#)
        #expect(document.description == document.serialized())
        #expect(AvroJSON.null.serialized() == "null")
        #expect(AvroJSON.array([]).serialized(pretty: true) == "[]")
        #expect(AvroJSON.object([:]).serialized(pretty: true) == "{}")
    }

    @Test func writesPrettyText() {
        let expected = """
            {
              "type": "record",
              "name": "P",
              "fields": [
                {
                  "name": "a",
                  "type": [
                    "null",
                    "long"
                  ],
                  "default": null
                }
              ],
              "n": -7,
              "x": 0.5,
              "ok": true,
              "empty": [],
              "none": {}
            }
            """
        #expect(document.serialized(pretty: true) == expected)
        #expect(document.serialized(.init(pretty: true)) == expected)
    }

    @Test func writesIntegersExactly() {
        #expect(AvroJSON.integer(.max).serialized() == "9223372036854775807")
        #expect(AvroJSON.integer(.min).serialized() == "-9223372036854775808")
        #expect(AvroJSON.integer(0).serialized() == "0")
    }

    @Test func writesDoublesShortestAndAlwaysAsDoubles() {
        #expect(AvroJSON.formatDouble(1) == "1.0")
        #expect(AvroJSON.formatDouble(0.1) == "0.1")
        #expect(AvroJSON.formatDouble(-0.0) == "-0.0")
        #expect(AvroJSON.formatDouble(1e-5) == "1e-05")
        #expect(AvroJSON.formatDouble(1e20) == "1e+20")
        #expect(AvroJSON.formatDouble(.leastNonzeroMagnitude) == "5e-324")
        #expect(AvroJSON.formatDouble(.greatestFiniteMagnitude) == "1.7976931348623157e+308")
        #expect(AvroJSON.double(2.5).serialized() == "2.5")
    }

    @Test func everyFiniteDoubleIsValidJSONThatRoundTrips() throws {
        var state: UInt64 = 0x1234_5678
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Double(bitPattern: state)
            guard value.isFinite else { continue }
            let text = AvroJSON.formatDouble(value)
            #expect(try AvroJSON(parsing: text) == .double(value), "\(text)")
        }
    }

    @Test func writesNonFiniteDoublesAsStrings() {
        #expect(AvroJSON.formatDouble(.nan) == #""NaN""#)
        #expect(AvroJSON.formatDouble(.infinity) == #""Infinity""#)
        #expect(AvroJSON.formatDouble(-.infinity) == #""-Infinity""#)
        #expect(AvroJSON.array([.double(.nan), .double(-.infinity)]).serialized() == #"["NaN","-Infinity"]"#)
    }

    @Test func escapesStrings() {
        let text: AvroJSON = "q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é😀"
        #expect(text.serialized() == "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u{7F}é😀\"")
        #expect(text.serialized(.init(escapeNonASCII: true)) == #""q\"b\\s/\b\f\n\r\t\u0000\u001f\#u{7F}\u00e9\ud83d\ude00""#)
        #expect(AvroJSON.string("plain").serialized(.init(escapeNonASCII: true)) == #""plain""#)
        // Keys are escaped the same way.
        #expect(AvroJSON.object(["a\"": 1]).serialized() == #"{"a\"":1}"#)

        var out = "x="
        AvroJSON.appendQuoted("€\u{10FFFF}", to: &out, escapeNonASCII: true)
        #expect(out == #"x="\u20ac\udbff\udfff""#)
    }

    @Test func roundTripsThroughText() throws {
        let values: [AvroJSON] = [
            document,
            [[[]], [:], ["deep": ["deeper": [1, 2.25, "three", nil, false]]]],
            ["unicode é😀": "\u{0}\u{1F}\"\\/", "big": .integer(.min), "tiny": .double(.leastNonzeroMagnitude), "neg": -1e300],
            "just a string",
            .integer(.max),
        ]
        for value in values {
            #expect(try AvroJSON(parsing: value.serialized()) == value)
            #expect(try AvroJSON(parsing: value.serialized(pretty: true)) == value)
            #expect(try AvroJSON(parsing: value.serialized(.init(pretty: true, escapeNonASCII: true))) == value)
            #expect(value.serialized(.init(escapeNonASCII: true)).utf8.allSatisfy { $0 < 0x80 })
        }
    }
}
