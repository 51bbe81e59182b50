import Foundation
import Testing
@testable import Avro

/// The value traps of the Codable coders: integer ranges, float promotions,
/// top-level values that are not records, Foundation types, `AvroValue` fields, arrays in
/// several blocks, and errors deep inside a value with their coding path and byte offset.
/// Expected bytes come from ``AvroValue``.
@Suite struct CodableValueTrapTests {
    struct Counted<Value: Codable>: Codable { var count: Value }

    // MARK: - Numbers

    static let numbers = """
        {"type": "record", "name": "Numbers", "fields": [{"name": "count", "type": "int"}]}
        """

    @Test func swiftIntIntoAvroIntIsRangeChecked() throws {
        #expect(try CodableCheck.encode(Counted(count: Int(Int32.max)), Self.numbers) == [0xfe, 0xff, 0xff, 0xff, 0x0f])
        #expect(try CodableCheck.encode(Counted(count: Int(Int32.min)), Self.numbers) == [0xff, 0xff, 0xff, 0xff, 0x0f])
        for tooBig in [Int(Int32.max) + 1, Int(Int32.min) - 1, .max] {
            expectEncodingError(.valueOutOfRange, at: ["count"]) { _ = try CodableCheck.encode(Counted(count: tooBig), Self.numbers) }
        }
        expectEncodingError(.valueOutOfRange, at: ["count"]) { _ = try CodableCheck.encode(Counted(count: UInt32.max), Self.numbers) }
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(Int64.max, "\"int\"") }
    }

    @Test func unsignedBeyondInt64IsAnError() throws {
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(UInt64(Int64.max) + 1, "\"long\"") }
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(UInt.max, "\"long\"") }
        expectEncodingError(.valueOutOfRange, at: ["u"]) { _ = try CodableCheck.encode(CodableTrapTests.Holder(u: UInt64.max), CodableTrapTests.scalarUnion) }
        #expect(try CodableCheck.encode(UInt64(Int64.max), "\"long\"") == [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    }

    @Test func decodedIntegersMustFitTheSwiftType() throws {
        let big = try CodableCheck.reference(.long(300), "\"long\"")
        #expect(try CodableCheck.decode(UInt16.self, big, "\"long\"") == 300)
        let error = expectDecodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.decode(Int8.self, big, "\"long\"") }
        #expect(error?.offset == 0)
        let negative = try CodableCheck.reference(.long(-1), "\"long\"")
        expectDecodingError(.valueOutOfRange) { _ = try CodableCheck.decode(UInt.self, negative, "\"long\"") }
        expectDecodingError(.typeMismatch) { _ = try CodableCheck.decode(Int.self, [0, 0, 0, 0], "\"float\"") }
    }

    @Test func floatAndDoublePromotions() throws {
        #expect(try CodableCheck.encode(Float(1.5), "\"double\"") == CodableCheck.reference(.double(1.5), "\"double\""))
        #expect(try CodableCheck.encode(Int32(-3), "\"float\"") == CodableCheck.reference(.float(-3), "\"float\""))
        #expect(try CodableCheck.encode(Int64(1) << 40, "\"double\"") == CodableCheck.reference(.double(0x1p40), "\"double\""))
        #expect(try CodableCheck.encode(0.5, "\"float\"") == CodableCheck.reference(.float(0.5), "\"float\""))
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(0.1, "\"float\"") }   // no silent rounding
        expectEncodingError(.typeMismatch, at: []) { _ = try CodableCheck.encode(1.5, "\"long\"") }
        #expect(try CodableCheck.decode(Double.self, CodableCheck.reference(.float(0.1), "\"float\""), "\"float\"") == Double(Float(0.1)))
        #expect(try CodableCheck.decode(Double.self, CodableCheck.reference(.long(-7), "\"long\""), "\"long\"") == -7)
        #expect(try CodableCheck.decode(Float.self, CodableCheck.reference(.double(0.25), "\"double\""), "\"double\"") == 0.25)
        expectDecodingError(.valueOutOfRange, at: []) {
            _ = try CodableCheck.decode(Float.self, CodableCheck.reference(.double(0.1), "\"double\""), "\"double\"")
        }
    }

    // MARK: - Top-level values and Foundation types

    @Test func topLevelValuesThatAreNotRecords() throws {
        #expect(try CodableCheck.encode(-1, "\"long\"") == [0x01])
        #expect(try CodableCheck.encode("hé", "\"string\"") == [0x06, 0x68, 0xc3, 0xa9])
        #expect(try CodableCheck.encode([1, -1], #"{"type": "array", "items": "long"}"#) == [0x04, 0x02, 0x01, 0x00])
        let map = ["a": 1.5, "b": -2.0, "c": 0]
        let mapSchema = #"{"type": "map", "values": "double"}"#
        #expect(try CodableCheck.decode([String: Double].self, CodableCheck.encode(map, mapSchema), mapSchema) == map)
        for schema in [#"["null", "long"]"#, #"["long", "null"]"#] {
            for value in [Int?.none, 42] {
                let bytes = try CodableCheck.encode(value, schema)
                #expect(bytes == (try CodableCheck.reference(value.map { .long(Int64($0)) } ?? .null, schema)))
                #expect(try CodableCheck.decode(Int?.self, bytes, schema) == value)
            }
        }
        #expect(try CodableCheck.decode([Int].self, [0x04, 0x02, 0x01, 0x00], #"{"type": "array", "items": "long"}"#) == [1, -1])
    }

    @Test func collectionsOfOptionals() throws {
        let arraySchema = #"{"type": "array", "items": ["null", "long"]}"#
        let array: [Int?] = [1, nil, 3]
        let bytes = try CodableCheck.encode(array, arraySchema)
        #expect(bytes == (try CodableCheck.reference([.union(branch: 1, value: .long(1)), .union(branch: 0, value: .null),
                                                      .union(branch: 1, value: .long(3))], arraySchema)))
        #expect(try CodableCheck.decode([Int?].self, bytes, arraySchema) == array)
        let mapSchema = #"{"type": "map", "values": ["null", "string"]}"#
        let map: [String: String?] = ["a": nil, "b": "bee"]
        #expect(try CodableCheck.decode([String: String?].self, CodableCheck.encode(map, mapSchema), mapSchema) == map)
    }

    /// Other writers split arrays and maps into blocks, some with a byte size.
    @Test func arraysAndMapsInSeveralBlocks() throws {
        let arraySchema = #"{"type": "array", "items": "long"}"#
        // A block of -2 items in 2 bytes (1, 2), a block of 1 item (3), the end.
        let blocks: [UInt8] = [0x03, 0x04, 0x02, 0x04, 0x02, 0x06, 0x00]
        #expect(try CodableCheck.decode([Int64].self, blocks, arraySchema) == [1, 2, 3])
        let mapSchema = #"{"type": "map", "values": "int"}"#
        // A block of 1 entry ("a": 1), a block of -1 entry in 3 bytes ("b": 2), the end.
        let mapBlocks: [UInt8] = [0x02, 0x02, 0x61, 0x02, 0x01, 0x06, 0x02, 0x62, 0x04, 0x00]
        #expect(try CodableCheck.decode([String: Int32].self, mapBlocks, mapSchema) == ["a": 1, "b": 2])
        // A type that does not ask for the array skips all its blocks.
        let record = #"{"type": "record", "name": "R", "fields": [{"name": "items", "type": {"type": "array", "items": "long"}}, {"name": "after", "type": "string"}]}"#
        struct After: Decodable { var after: String }
        #expect(try CodableCheck.decode(After.self, blocks + [0x02, 0x7a], record).after == "z")
    }

    @Test func encodingIntoABufferAppendsAndLeavesItAsItWasOnError() throws {
        let encoder = AvroEncoder(schema: try AvroSchema(parsing: Self.numbers))
        var buffer: [UInt8] = [0xaa]
        try encoder.encode(Counted(count: 1), into: &buffer)
        #expect(buffer == [0xaa, 0x02])
        #expect(throws: EncodingError.self) { try encoder.encode(Counted(count: Int.max), into: &buffer) }
        #expect(buffer == [0xaa, 0x02])
    }

    @Test func decimalsAreNeverRoundedAndDatesNeverWrapped() throws {
        let decimal = #"{"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 4}"#
        let fixed = #"{"type": "fixed", "name": "D2", "size": 2, "logicalType": "decimal", "precision": 4, "scale": 0}"#
        for text in ["3.14159", "10", "-10.00001"] {
            let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(value, decimal) }
        }
        #expect(try CodableCheck.encode(Decimal(-9999), fixed) == [0xd8, 0xf1])
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(Decimal(99_999), fixed) }
        let nanos = #"{"type": "long", "logicalType": "timestamp-nanos"}"#
        #expect(try CodableCheck.encode(Date(timeIntervalSince1970: 9_223_372_036), nanos).count == 10)
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(Date(timeIntervalSince1970: 9_223_372_037), nanos) }
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(Date(timeIntervalSince1970: 1e300), #"{"type": "int", "logicalType": "date"}"#) }
        expectEncodingError(.typeMismatch, at: []) { _ = try CodableCheck.encode(Date(), #"{"type": "long", "logicalType": "time-micros"}"#) }
        // A date is the UTC day that contains the instant, before 1970 too.
        #expect(try CodableCheck.encode(Date(timeIntervalSince1970: -1), #"{"type": "int", "logicalType": "date"}"#) == [0x01])
    }

    struct Person: Encodable { var name = "Bob" }

    @Test func aStructAgainstASchemaThatIsNotARecordIsATypeMismatch() throws {
        let error = expectEncodingError(.typeMismatch, at: []) { _ = try CodableCheck.encode(Person(), #""string""#) }
        #expect(error?.message.contains("keyed container") == true)
        expectEncodingError(.typeMismatch, at: []) { _ = try CodableCheck.encode([1, 2], #""long""#) }
        expectDecodingError(.typeMismatch, at: []) { _ = try CodableCheck.decode([Int].self, [0x02], #""long""#) }
    }

    struct Foundationy: Codable, Equatable {
        var url: URL
        var tags: Set<String>
        var blob: Data
        var raw: [UInt8]
        var four: Data
        var fourRaw: [UInt8]
    }

    static let foundationy = """
        {"type": "record", "name": "Foundationy", "fields": [
          {"name": "url", "type": "string"}, {"name": "tags", "type": {"type": "array", "items": "string"}},
          {"name": "blob", "type": "bytes"}, {"name": "raw", "type": "bytes"},
          {"name": "four", "type": {"type": "fixed", "name": "Four", "size": 4}}, {"name": "fourRaw", "type": "Four"}]}
        """

    @Test func urlSetDataAndByteArraysAsBytesAndFixed() throws {
        let value = Foundationy(url: try #require(URL(string: "https://example.com/a?b=c")), tags: ["x"], blob: Data([1]),
                                raw: [2, 3], four: Data([4, 5, 6, 7]), fourRaw: [8, 9, 10, 11])
        let bytes = try CodableCheck.encode(value, Self.foundationy)
        #expect(bytes == (try CodableCheck.reference(.record([
            ("url", "https://example.com/a?b=c"), ("tags", ["x"]), ("blob", .bytes([1])), ("raw", .bytes([2, 3])),
            ("four", .fixed([4, 5, 6, 7])), ("fourRaw", .fixed([8, 9, 10, 11])),
        ]), Self.foundationy)))
        #expect(try CodableCheck.decode(Foundationy.self, bytes, Self.foundationy) == value)
        var wrong = value
        wrong.fourRaw = [1, 2, 3]
        expectEncodingError(.typeMismatch, at: ["fourRaw"]) { _ = try CodableCheck.encode(wrong, Self.foundationy) }
        let set: Set<Int> = [3, 1, 2]
        let setSchema = #"{"type": "array", "items": "int"}"#
        #expect(try CodableCheck.decode(Set<Int>.self, CodableCheck.encode(set, setSchema), setSchema) == set)
    }

    static let dynamic = """
        {"type": "record", "name": "Dynamic", "fields": [{"name": "id", "type": "long"},
          {"name": "extra", "type": ["null", "string", {"type": "map", "values": "long"}]}]}
        """

    struct Dynamic: Codable, Equatable { var id: Int; var extra: AvroValue }

    @Test func avroValueTypedField() throws {
        let map = AvroValue.union(branch: 2, value: .map([("k", .long(1))]))
        let bytes = try CodableCheck.encode(Dynamic(id: 1, extra: map), Self.dynamic)
        #expect(bytes == (try CodableCheck.reference(.record([("id", .long(1)), ("extra", map)]), Self.dynamic)))
        #expect(try CodableCheck.decode(Dynamic.self, bytes, Self.dynamic) == Dynamic(id: 1, extra: map))
        let untagged = try CodableCheck.encode(Dynamic(id: 2, extra: "text"), Self.dynamic)
        #expect(try CodableCheck.decode(Dynamic.self, untagged, Self.dynamic).extra == .union(branch: 1, value: "text"))
        expectEncodingError(.typeMismatch, at: ["extra"]) { _ = try CodableCheck.encode(Dynamic(id: 3, extra: .double(1)), Self.dynamic) }
    }

    // MARK: - Error paths

    static let directory = """
        {"type": "record", "name": "Directory", "fields": [{"name": "addresses", "type": {"type": "array", "items":
          {"type": "record", "name": "Address", "fields": [{"name": "street", "type": "string"}, {"name": "zip", "type": "int"}]}}}]}
        """

    struct Directory<Zip> {
        struct Address { var street: String; var zip: Zip }
        var addresses: [Address]
    }

    /// A zip code that is a number or, wrongly for the schema, text.
    enum Zip: Encodable {
        case number(Int32), text(String)
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    @Test func encodingErrorsDeepInsideHaveTheirCodingPath() throws {
        let wideZip = Directory(addresses: [.init(street: "a", zip: 1), .init(street: "b", zip: 2), .init(street: "c", zip: 1 << 40)])
        let range = expectEncodingError(.valueOutOfRange, at: ["addresses", "Index 2", "zip"]) {
            _ = try CodableCheck.encode(wideZip, Self.directory)
        }
        #expect(range?.path == "addresses[2].zip")
        let textZip = Directory(addresses: [.init(street: "a", zip: Zip.number(1)), .init(street: "b", zip: .number(2)), .init(street: "c", zip: .text("x"))])
        expectEncodingError(.typeMismatch, at: ["addresses", "Index 2", "zip"]) { _ = try CodableCheck.encode(textZip, Self.directory) }
    }

    @Test func decodingErrorsDeepInsideHaveTheirCodingPathAndOffset() throws {
        let schema = Self.directory.replacingOccurrences(of: #""type": "int""#, with: #""type": ["int", "string"]"#)
        let bytes = try CodableCheck.reference(.record([("addresses", .array([
            .record([("street", "s0"), ("zip", .union(branch: 0, value: .int(1)))]),
            .record([("street", "s1"), ("zip", .union(branch: 0, value: .int(2)))]),
            .record([("street", "s2"), ("zip", .union(branch: 1, value: "x"))]),
        ]))]), schema)
        let mismatch = expectDecodingError(.typeMismatch, at: ["addresses", "Index 2", "zip"]) {
            _ = try CodableCheck.decode(Directory<Int32>.self, bytes, schema)
        }
        // 1 byte of count, then addresses of 5 bytes (street "sN", branch, zip): the third zip's branch is at byte 14.
        #expect(mismatch?.offset == 14)
        #expect(mismatch?.path == "addresses[2].zip")
    }

    enum Suit: String, Codable { case hearts = "HEARTS", joker = "JOKER" }

    @Test func anEnumCaseThatIsNotASymbolIsAnError() throws {
        let schema = #"{"type": "enum", "name": "Suit", "symbols": ["HEARTS", "SPADES"]}"#
        #expect(try CodableCheck.encode(Suit.hearts, schema) == [0x00])
        expectEncodingError(.invalidEnumSymbol, at: []) { _ = try CodableCheck.encode(Suit.joker, schema) }
        let error = expectDecodingError(.invalidEnumSymbol, at: []) { _ = try CodableCheck.decode(Suit.self, [0x04], schema) }
        #expect(error?.offset == 0)
        #expect(throws: DecodingError.self) { try CodableCheck.decode(Suit.self, [0x02], schema) }   // SPADES: no such case
    }
}

extension CodableValueTrapTests.Directory: Encodable where Zip: Encodable {}
extension CodableValueTrapTests.Directory.Address: Encodable where Zip: Encodable {}
extension CodableValueTrapTests.Directory: Decodable where Zip: Decodable {}
extension CodableValueTrapTests.Directory.Address: Decodable where Zip: Decodable {}
