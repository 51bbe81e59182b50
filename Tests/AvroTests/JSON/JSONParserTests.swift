import Testing
@testable import Avro

/// The error thrown when parsing `text`, or `nil` when it parses.
private func parseError(_ text: String, maxDepth: Int = 512) -> AvroError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

private func parseError(_ bytes: [UInt8], maxDepth: Int = 512) -> AvroError? {
    do {
        _ = try AvroJSON(parsing: bytes, maxDepth: maxDepth)
        return nil
    } catch let error as AvroError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// A tiny seeded pseudo-random generator (SplitMix64), so the fuzz test is reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct JSONParserTests {
    @Test func parsesScalars() throws {
        #expect(try AvroJSON(parsing: "null") == .null)
        #expect(try AvroJSON(parsing: "true") == .bool(true))
        #expect(try AvroJSON(parsing: " \t\r\nfalse\n ") == .bool(false))
        #expect(try AvroJSON(parsing: "\"abc\"") == .string("abc"))
        #expect(try AvroJSON(parsing: "0") == .integer(0))
        #expect(try AvroJSON(parsing: "-0") == .integer(0))
        #expect(try AvroJSON(parsing: "42") == .integer(42))
        #expect(try AvroJSON(parsing: "1.5") == .double(1.5))
        #expect(try AvroJSON(parsing: "-0.25e1") == .double(-2.5))
        #expect(try AvroJSON(parsing: "1E2") == .double(100))
        #expect(try AvroJSON(parsing: "1e+2") == .double(100))
        #expect(try AvroJSON(parsing: "1.0") == .double(1.0))
        #expect(try AvroJSON(parsing: "1e-400") == .double(0))
    }

    @Test func parsesInt64EdgesExactly() throws {
        #expect(try AvroJSON(parsing: "9223372036854775807") == .integer(.max))
        #expect(try AvroJSON(parsing: "-9223372036854775808") == .integer(.min))
        #expect(try AvroJSON(parsing: "9223372036854775808") == .double(9_223_372_036_854_775_808.0))
        #expect(try AvroJSON(parsing: "-9223372036854775809") == .double(-9_223_372_036_854_775_808.0))
        #expect(try AvroJSON(parsing: "123456789012345678901234567890") == .double(1.2345678901234568e29))
        #expect(try AvroJSON(parsing: "9007199254740993") == .integer(9_007_199_254_740_993))
    }

    @Test func roundsDecimalsCorrectly() throws {
        #expect(try AvroJSON(parsing: "0.1") == .double(0.1))
        #expect(try AvroJSON(parsing: "2.2250738585072014e-308") == .double(2.2250738585072014e-308))
        #expect(try AvroJSON(parsing: "4.9e-324") == .double(.leastNonzeroMagnitude))
        #expect(try AvroJSON(parsing: "1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
    }

    @Test func parsesContainersKeepingOrder() throws {
        let json = try AvroJSON(parsing: #" { "z" : 1 , "a" : [ true , null , [ ] , { } ] , "m" : "x" } "#)
        let object = try #require(json.objectValue)
        #expect(object.keys == ["z", "a", "m"])
        #expect(json["a"] == .array([.bool(true), .null, .array([]), .object(.init())]))
        #expect(json["m"] == "x")
        #expect(json == ["z": 1, "a": [true, nil, [], [:]], "m": "x"])
        #expect(json != ["a": [true, nil, [], [:]], "z": 1, "m": "x"])
    }

    @Test func parsesLargeObjectsAndFindsTheirKeys() throws {
        let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let json = try AvroJSON(parsing: "{\(members)}")
        #expect(json.objectValue?.count == 100)
        #expect(json["k73"] == .integer(73))
        #expect(json.objectValue?.keys.first == "k0")
        #expect(json.objectValue?.keys.last == "k99")
    }

    @Test func parsesStringEscapes() throws {
        #expect(try AvroJSON(parsing: #""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try AvroJSON(parsing: #""a\u0041\u00e9\u20AC\u0000z""#) == .string("aAé€\u{0}z"))
        #expect(try AvroJSON(parsing: #""\ud83d\ude00""#) == .string("😀"))
        #expect(try AvroJSON(parsing: #""x\uD834\uDD1Ey""#) == .string("x𝄞y"))
        #expect(try AvroJSON(parsing: "\"héllo 😀 wörld\"") == .string("héllo 😀 wörld"))
        #expect(try AvroJSON(parsing: "\"\u{7F}\"") == .string("\u{7F}"))
    }

    @Test func parsesFromBytesAndStringAlike() throws {
        let text = #"{"a":[1,2.5,"é"]}"#
        #expect(try AvroJSON(parsing: text) == AvroJSON(parsing: Array(text.utf8)))
        // A bridged or sliced string goes through its UTF-8 too.
        let sliced = String("xx[1]".dropFirst(2))
        #expect(try AvroJSON(parsing: sliced) == [1])
    }

    @Test func rejectsNonJSONSyntax() {
        let invalid = [
            "", "   ", "// c\n1", "/* c */ 1", "[1,]", "{\"a\":1,}", "[,1]", "['a']", "{a:1}",
            "{\"a\" 1}", "{\"a\":}", "{,}", "[1 2]", "01", "-01", "00", "+1", "-", "1.", ".5", "1.e3",
            "1e", "1e+", "NaN", "Infinity", "-Infinity", "nan", "tru", "nul", "True", "[", "{", "]",
            "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\\"", "\u{FEFF}1", "1 2", "[1]]",
            "{\"a\":1}}", "\"a\"\"b\"", "[1]x", "0x10", "1_000", "\u{A0}1",
        ]
        for text in invalid {
            let error = parseError(text)
            #expect(error?.code == .invalidJSON, "\(text.debugDescription) should be invalid JSON")
        }
    }

    @Test func rejectsControlCharactersInStrings() {
        for byte in UInt8(0)..<0x20 {
            let error = parseError([0x22, 0x61, byte, 0x22])
            #expect(error?.code == .invalidJSON)
            #expect(error?.offset == 2)
        }
    }

    @Test func rejectsLoneSurrogates() {
        for text in [#""\ud800""#, #""\ud800x""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800\ud800""#, #""\ud83d\""#] {
            #expect(parseError(text)?.code == .invalidJSON, "\(text)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        let cases: [[UInt8]] = [
            [0x22, 0x80, 0x22],                   // stray continuation byte
            [0x22, 0xC3, 0x22],                   // missing continuation
            [0x22, 0xC0, 0xAF, 0x22],             // overlong '/'
            [0x22, 0xE0, 0x80, 0xAF, 0x22],       // overlong 3-byte
            [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], // overlong 4-byte
            [0x22, 0xED, 0xA0, 0x80, 0x22],       // UTF-8 encoded surrogate U+D800
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // beyond U+10FFFF
            [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
            [0x22, 0xFF, 0x22],
            [0x22, 0xE2, 0x82],                   // truncated
            [0xC3, 0xA9],                         // non-ASCII outside a string
        ]
        for bytes in cases {
            #expect(parseError(bytes)?.code == .invalidJSON, "\(bytes)")
        }
        #expect(parseError([0x22, 0x61, 0xC0, 0xAF, 0x22])?.offset == 2)
        #expect(throws: Never.self) { try AvroJSON(parsing: [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]) }
    }

    @Test func rejectsNumbersBeyondDouble() {
        for text in ["1e400", "-1e400", "[1.5e309]"] {
            #expect(parseError(text)?.code == .invalidJSON, "\(text)")
        }
        #expect(parseError(String(repeating: "9", count: 400))?.code == .invalidJSON)
    }

    @Test func rejectsDuplicateKeysNamingTheKey() throws {
        let error = try #require(parseError(#"{"a":1,"b":2,"a":3}"#))
        #expect(error.code == .invalidJSON)
        #expect(error.offset == 13)
        #expect(error.message.contains("\"a\""))
        // Also with enough members that keys are looked up through an index.
        let members = (0..<20).map { "\"k\($0)\":0" }.joined(separator: ",")
        #expect(parseError("{\(members),\"k7\":1}")?.message.contains("\"k7\"") == true)
        // The same key in different objects is fine.
        #expect(throws: Never.self) { try AvroJSON(parsing: #"{"a":{"a":1},"b":{"a":2}}"#) }
    }

    @Test func reportsOffsetsLinesAndColumns() throws {
        let trailing = try #require(parseError("[1, 2] x"))
        #expect(trailing.offset == 7)
        #expect(trailing.message == "unexpected text after the JSON value: found 'x' at line 1, column 8")

        let missing = try #require(parseError("{\n  \"a\": 1\n  \"b\": 2\n}"))
        #expect(missing.offset == 13)
        #expect(missing.message == "expected ',' or '}' after an object member but found '\"' at line 3, column 3")

        let leadingZero = try #require(parseError("[007]"))
        #expect(leadingZero.offset == 2)

        let empty = try #require(parseError(""))
        #expect(empty.offset == 0)
        #expect(empty.message == "expected a JSON value but found end of input at line 1, column 1")

        let column = try #require(parseError("\"é\" ?"))
        #expect(column.offset == 5)
        #expect(column.message.hasSuffix("line 1, column 5"))
    }

    @Test func limitsNestingDepth() throws {
        #expect(try AvroJSON(parsing: "[[[1]]]", maxDepth: 3) == [[[1]]])
        #expect(parseError("[[[1]]]", maxDepth: 2)?.code == .limitExceeded)
        #expect(parseError(#"{"a":{"b":{}}}"#, maxDepth: 2)?.code == .limitExceeded)
        #expect(parseError("[]", maxDepth: 0)?.code == .limitExceeded)
        #expect(try AvroJSON(parsing: "1", maxDepth: 0) == 1)

        let deep = String(repeating: "[", count: 100_000)
        let error = try #require(parseError(deep))
        #expect(error.code == .limitExceeded)
        #expect(error.offset == 512)
        // Without the guard biting, deep input is still parsed without recursion.
        let balanced = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
        #expect(throws: Never.self) { try AvroJSON(parsing: balanced, maxDepth: 2_000) }
    }

    @Test func mutatedDocumentsOnlyThrowAvroErrors() {
        let seeds = [
            #"{"type":"record","name":"P","fields":[{"name":"a","type":["null","long"],"default":null}]}"#,
            #"[1,-2.5e10,"x\u00e9\ud83d\ude00\n",true,false,null,{"k":[[]]},9223372036854775807]"#,
            "{\"é\": \"😀\", \"n\": -0.0, \"s\": \"a\\\"b\"}",
        ].map { Array($0.utf8) }
        var random = SplitMix64(state: 0x5EED)
        var parsed = 0
        for iteration in 0..<3_000 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
                default: bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &random)...)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            do {
                let value = try AvroJSON(parsing: bytes, maxDepth: 4)
                #expect(try AvroJSON(parsing: value.serialized()) == value)
                parsed += 1
            } catch let error as AvroError {
                #expect(error.code == .invalidJSON || error.code == .limitExceeded)
                #expect(error.offset.map { $0 >= 0 && $0 <= bytes.count } == true)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
        // Some mutations (inside strings, digits) leave valid JSON; most do not.
        #expect(parsed > 0 && parsed < 3_000)
    }
}

@Suite struct AvroJSONModelTests {
    @Test func objectKeepsOrderAndUniqueKeys() {
        var object = AvroJSON.Object([(key: "b", value: 1), (key: "a", value: 2), (key: "b", value: 3)])
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == 3)
        object["c"] = "new"
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object.values == [2, "new"])
        #expect(object[1].key == "c")
        #expect(object.index(forKey: "c") == 1)
        #expect(object["missing"] == nil)
        object["missing"] = nil
        #expect(object.count == 2)
        #expect(object != ["c": "new", "a": 2])
        #expect(object == ["a": 2, "c": "new"])
        #expect(Set([AvroJSON.object(object), .object(["a": 2, "c": "new"])]).count == 1)
    }

    @Test func largeObjectKeepsItsIndexInStep() {
        var object = AvroJSON.Object()
        for n in 0..<20 { object["k\(n)"] = .integer(Int64(n)) }
        object["k3"] = nil
        object["k0"] = nil
        #expect(object.index(forKey: "k4") == 2)
        #expect(object["k19"] == 19)
        object["k4"] = "four"
        #expect(object[2].value == "four")
        for n in 5..<20 { object["k\(n)"] = nil }
        #expect(object.keys == ["k1", "k2", "k4"])
        #expect(object.index(forKey: "k2") == 1)
    }

    @Test func accessorsMatchTheirCases() {
        #expect(AvroJSON.string("s").stringValue == "s")
        #expect(AvroJSON.integer(1).stringValue == nil)
        #expect(AvroJSON.bool(false).boolValue == false)
        #expect(AvroJSON.integer(-5).integerValue == -5)
        #expect(AvroJSON.double(3.0).integerValue == 3)
        #expect(AvroJSON.double(3.5).integerValue == nil)
        #expect(AvroJSON.double(9.3e18).integerValue == nil)
        #expect(AvroJSON.double(.nan).integerValue == nil)
        #expect(AvroJSON.integer(2).doubleValue == 2.0)
        #expect(AvroJSON.double(0.5).doubleValue == 0.5)
        #expect(AvroJSON.string("1").doubleValue == nil)
        #expect(AvroJSON.array([1]).arrayValue == [1])
        #expect(AvroJSON.object(["a": 1]).objectValue?.keys == ["a"])
        #expect(AvroJSON.null.isNull && !AvroJSON.bool(false).isNull)
        #expect(AvroJSON.array([1])["a"] == nil)
        #expect(AvroJSON.integer(1) != AvroJSON.double(1))
    }

    @Test func literalsBuildTheRightCases() {
        let value: AvroJSON = ["s": "x", "i": 1, "d": 1.5, "b": true, "a": [nil], "o": ["k": 0]]
        #expect(value == .object(AvroJSON.Object([
            (key: "s", value: .string("x")), (key: "i", value: .integer(1)), (key: "d", value: .double(1.5)),
            (key: "b", value: .bool(true)), (key: "a", value: .array([.null])),
            (key: "o", value: .object(AvroJSON.Object([(key: "k", value: .integer(0))]))),
        ])))
    }
}
