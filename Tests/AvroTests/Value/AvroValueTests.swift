import Testing
@testable import Avro

/// ``AvroValue`` in Avro binary: encoding, decoding, skipping, validating, and field defaults
///.
@Suite struct AvroValueTests {
    static let linkedList = """
        {"type": "record", "name": "LongList", "fields": [
            {"name": "value", "type": "long"},
            {"name": "next", "type": ["null", "LongList"]}]}
        """
    static let orderSchema = """
        {"type": "record", "name": "Order", "namespace": "shop", "fields": [
            {"name": "id", "type": "long"},
            {"name": "items", "type": {"type": "array", "items": "int"}},
            {"name": "tags", "type": {"type": "map", "values": "int"}},
            {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
                {"name": "street", "type": "string", "default": "unknown"},
                {"name": "zip", "type": "int"}]}},
            {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B", "C"]}},
            {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 2}},
            {"name": "count", "type": "int", "default": 7}]}
        """

    /// A valid `Order`, with fields replaced by `changes` (a `nil` value removes the field).
    static func order(_ changes: [String: AvroValue?] = [:]) -> AvroValue {
        var fields: [(name: String, value: AvroValue)] = [
            ("id", .long(1)), ("items", [.int(1), .int(2)]), ("tags", .map([("k", .int(3))])),
            ("address", .record([("street", "Main"), ("zip", .int(12345))])),
            ("kind", .enumeration("B")), ("hash", .fixed([0xab, 0xcd])), ("count", .int(9)),
        ]
        for (name, change) in changes {
            if let position = fields.firstIndex(where: { $0.name == name }) {
                if let change { fields[position].value = change } else { fields.remove(at: position) }
            } else if let change {
                fields.append((name, change))
            }
        }
        return .record(fields)
    }

    /// Checks that `value` encodes to `hex` with `schema`, decodes back to `decoded` (the
    /// value itself by default), and that skipping consumes exactly the same bytes.
    private func expectRoundTrip(_ value: AvroValue, _ schemaText: String, _ hex: String, decoded: AvroValue? = nil,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try AvroSchema(parsing: schemaText)
        let bytes = try value.encoded(as: schema)
        #expect(hexString(bytes) == hex.filter { !$0.isWhitespace }, "\(value) as \(schemaText)", sourceLocation: sourceLocation)
        #expect(try AvroValue(decoding: bytes, as: schema) == decoded ?? value, sourceLocation: sourceLocation)
        let skipped = try reading(bytes) { try schema.skip(in: &$0) }
        #expect(skipped.offset == bytes.count, sourceLocation: sourceLocation)
    }

    private func expectEncodingError(_ code: AvroError.Code, path: String?, _ value: AvroValue, _ schemaText: String,
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let schema = try AvroSchema(parsing: schemaText)
        let error = expectAvroError(code, sourceLocation: sourceLocation) { _ = try value.encoded(as: schema) }
        #expect(error?.path == path, "\(error.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
    }

    // MARK: - Round trips with exact bytes

    @Test func primitives() throws {
        try expectRoundTrip(.null, #""null""#, "")
        try expectRoundTrip(false, #""boolean""#, "00")
        try expectRoundTrip(true, #""boolean""#, "01")
        try expectRoundTrip(.int(-1), #""int""#, "01")
        try expectRoundTrip(.int(.min), #""int""#, "ff ff ff ff 0f")
        try expectRoundTrip(.long(-8193), #""long""#, "81 80 01")
        try expectRoundTrip(.long(.max), #""long""#, "fe ff ff ff ff ff ff ff ff 01")
        try expectRoundTrip(.float(1.5), #""float""#, "00 00 c0 3f")
        try expectRoundTrip(.float(Float(bitPattern: 0x7fc0_0001)), #""float""#, "01 00 c0 7f")
        try expectRoundTrip(.double(-0.0), #""double""#, "00 00 00 00 00 00 00 80")
        try expectRoundTrip(.bytes([0, 1, 0xfe, 0xff]), #""bytes""#, "08 00 01 fe ff")
        try expectRoundTrip("foo", #""string""#, "06 66 6f 6f")
        try expectRoundTrip("a\u{0}€", #""string""#, "0a 61 00 e2 82 ac")
    }

    @Test func namedAndComplexTypes() throws {
        try expectRoundTrip(.fixed([0xde, 0xad]), #"{"type": "fixed", "name": "F", "size": 2}"#, "de ad")
        try expectRoundTrip(.enumeration("C"), #"{"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}"#, "04")
        try expectRoundTrip([3, 27], #"{"type": "array", "items": "long"}"#, "04 06 36 00")
        try expectRoundTrip([], #"{"type": "array", "items": "long"}"#, "00")
        try expectRoundTrip(.map([("a", .long(1)), ("b", .long(-1))]), #"{"type": "map", "values": "long"}"#, "04 02 61 02 02 62 01 00")
        try expectRoundTrip(.map([]), #"{"type": "map", "values": "long"}"#, "00")
        try expectRoundTrip(.record([("a", 27), ("b", "foo")]),
                            #"{"type": "record", "name": "R", "fields": [{"name": "a", "type": "long"}, {"name": "b", "type": "string"}]}"#,
                            "36 06 66 6f 6f")
    }

    @Test func unionsInBothOrders() throws {
        try expectRoundTrip(.union(branch: 0, value: .null), #"["null", "string"]"#, "00")
        try expectRoundTrip(.union(branch: 1, value: "a"), #"["null", "string"]"#, "02 02 61")
        try expectRoundTrip(.union(branch: 0, value: "a"), #"["string", "null"]"#, "00 02 61")
        try expectRoundTrip(.union(branch: 1, value: .null), #"["string", "null"]"#, "02")
    }

    @Test func nestedRecords() throws {
        let value = Self.order()
        try expectRoundTrip(value, Self.orderSchema,
                            "02 04 02 04 00 02 02 6b 06 00 08 4d 61 69 6e f2 c0 01 02 ab cd 12")
    }

    @Test func recursiveLinkedList() throws {
        func list(_ values: ArraySlice<Int64>) -> AvroValue {
            guard let first = values.first else { return .union(branch: 0, value: .null) }
            return .union(branch: 1, value: .record([("value", .long(first)), ("next", list(values.dropFirst()))]))
        }
        let three = list([1, 2, 3])
        try expectRoundTrip(three.unwrapped, Self.linkedList, "02 02 04 02 06 00")
        // 31 nodes (62 levels, within the default limit): one-byte values and 31 branch
        // indexes (the last one null).
        let schema = try AvroSchema(parsing: Self.linkedList)
        let long = list(ArraySlice(0..<31)).unwrapped
        let bytes = try long.encoded(as: schema)
        #expect(bytes.count == 31 + 31)
        #expect(try AvroValue(decoding: bytes, as: schema) == long)
        #expect(three["next"]?["next"]?["value"] == .long(3))
    }

    // MARK: - Conversions when encoding

    @Test func numbersConvertWhenExact() throws {
        try expectRoundTrip(5, #""int""#, "0a", decoded: .int(5)) // a literal is a long
        try expectRoundTrip(.long(Int64(Int32.min)), #""int""#, "ff ff ff ff 0f", decoded: .int(.min))
        try expectRoundTrip(.int(-1), #""long""#, "01", decoded: .long(-1))
        try expectRoundTrip(.int(3), #""double""#, "00 00 00 00 00 00 08 40", decoded: .double(3))
        try expectRoundTrip(.long(3), #""float""#, "00 00 40 40", decoded: .float(3))
        try expectRoundTrip(.float(1.5), #""double""#, "00 00 00 00 00 00 f8 3f", decoded: .double(1.5))
        try expectRoundTrip(.double(1.5), #""float""#, "00 00 c0 3f", decoded: .float(1.5))
    }

    @Test func numbersThatDoNotFitAreMismatches() throws {
        try expectEncodingError(.typeMismatch, path: nil, .long(Int64(Int32.max) + 1), #""int""#)
        try expectEncodingError(.typeMismatch, path: nil, .long(.min), #""int""#)
        try expectEncodingError(.typeMismatch, path: nil, .double(1), #""long""#)
        try expectEncodingError(.typeMismatch, path: nil, .double(0.1), #""float""#)
        try expectEncodingError(.typeMismatch, path: nil, .int(16_777_217), #""float""#)
        try expectEncodingError(.typeMismatch, path: nil, .long((1 << 53) + 1), #""double""#)
        try expectEncodingError(.typeMismatch, path: nil, "1", #""int""#)
        try expectEncodingError(.typeMismatch, path: nil, .bytes([0x61]), #""string""#)
    }

    // MARK: - Unions

    @Test func unionTakesTheFirstBranchThatFits() throws {
        let nullable = #"["null", "string"]"#
        try expectRoundTrip(.null, nullable, "00", decoded: .union(branch: 0, value: .null))
        try expectRoundTrip("a", nullable, "02 02 61", decoded: .union(branch: 1, value: "a"))
        try expectRoundTrip(.null, #"["string", "null"]"#, "02", decoded: .union(branch: 1, value: .null))
        let numbers = #"["int", "long"]"#
        try expectRoundTrip(.long(5), numbers, "00 0a", decoded: .union(branch: 0, value: .int(5)))
        try expectRoundTrip(.long(1 << 40), numbers, "02 80 80 80 80 80 40", decoded: .union(branch: 1, value: .long(1 << 40)))
        try expectEncodingError(.typeMismatch, path: nil, true, nullable)
        // A value that fails inside the branch it is meant for reports that failure.
        let optionalPoint = #"["null", {"type": "record", "name": "P", "fields": [{"name": "zip", "type": "int"}]}]"#
        try expectEncodingError(.missingField, path: "zip", .record([]), optionalPoint)
        try expectEncodingError(.typeMismatch, path: "zip", .record([("zip", "x")]), optionalPoint)
    }

    @Test func explicitUnionBranch() throws {
        try expectRoundTrip(.union(branch: 1, value: .long(5)), #"["int", "long"]"#, "02 0a")
        try expectEncodingError(.invalidUnionBranch, path: nil, .union(branch: 2, value: .long(5)), #"["int", "long"]"#)
        try expectEncodingError(.invalidUnionBranch, path: nil, .union(branch: -1, value: .null), #"["null", "int"]"#)
        try expectEncodingError(.typeMismatch, path: nil, .union(branch: 0, value: "x"), #"["null", "string"]"#)
    }

    // MARK: - Records, enums, fixed

    @Test func missingFieldsTakeTheirDefaults() throws {
        let bytes = try Self.order(["count": nil, "address": .record([("zip", .int(1))])]).encoded(as: AvroSchema(parsing: Self.orderSchema))
        let decoded = try AvroValue(decoding: bytes, as: AvroSchema(parsing: Self.orderSchema))
        #expect(decoded["count"] == .int(7))
        #expect(decoded["address"]?["street"] == "unknown")
    }

    @Test func fieldsAreWrittenInSchemaOrder() throws {
        guard case .record(let fields) = Self.order() else { Issue.record("not a record"); return }
        let schema = try AvroSchema(parsing: Self.orderSchema)
        #expect(try AvroValue.record(fields.reversed()).encoded(as: schema) == Self.order().encoded(as: schema))
    }

    @Test func missingAndExtraFieldsAreErrors() throws {
        try expectEncodingError(.missingField, path: "id", Self.order(["id": nil]), Self.orderSchema)
        try expectEncodingError(.missingField, path: "address.zip", Self.order(["address": .record([("street", "x")])]), Self.orderSchema)
        try expectEncodingError(.typeMismatch, path: nil, Self.order(["colour": "red"]), Self.orderSchema)
        try expectEncodingError(.typeMismatch, path: "address", Self.order(["address": .record([("zip", .int(1)), ("city", "x")])]), Self.orderSchema)
    }

    @Test func enumSymbolsAndFixedSizes() throws {
        try expectRoundTrip("B", #"{"type": "enum", "name": "E", "symbols": ["A", "B"]}"#, "02", decoded: .enumeration("B"))
        try expectEncodingError(.invalidEnumSymbol, path: "kind", Self.order(["kind": .enumeration("D")]), Self.orderSchema)
        try expectRoundTrip(.bytes([1, 2]), #"{"type": "fixed", "name": "F", "size": 2}"#, "01 02", decoded: .fixed([1, 2]))
        try expectEncodingError(.typeMismatch, path: "hash", Self.order(["hash": .fixed([1, 2, 3])]), Self.orderSchema)
        try expectEncodingError(.typeMismatch, path: "hash", Self.order(["hash": .fixed([])]), Self.orderSchema)
    }

    @Test func errorPathsNameTheValue() throws {
        try expectEncodingError(.typeMismatch, path: "address.zip", Self.order(["address": .record([("zip", "x")])]), Self.orderSchema)
        try expectEncodingError(.typeMismatch, path: "items[3]", Self.order(["items": [.int(0), .int(1), .int(2), "x"]]), Self.orderSchema)
        try expectEncodingError(.typeMismatch, path: #"tags["b"]"#, Self.order(["tags": .map([("a", .int(1)), ("b", .null)])]), Self.orderSchema)
        // Decoding: the enum index of items[3] is 9, at byte 4.
        let schema = try AvroSchema(parsing: #"""
            {"type": "record", "name": "R", "fields": [
                {"name": "items", "type": {"type": "array", "items": {"type": "enum", "name": "E", "symbols": ["A", "B"]}}}]}
            """#)
        let error = expectAvroError(.invalidEnumSymbol) { _ = try AvroValue(decoding: hexBytes("0a 00 02 00 12 00 00"), as: schema) }
        #expect(error?.path == "items[3]")
        #expect(error?.offset == 4)
    }

    @Test func encodingErrorsLeaveTheWriterUnchanged() throws {
        var writer = AvroBinaryWriter(appendingTo: [0xaa])
        #expect(throws: AvroError.self) { try Self.order(["items": [.int(1), "x"]]).encode(to: &writer, as: AvroSchema(parsing: Self.orderSchema)) }
        #expect(writer.bytes == [0xaa])
    }

    // MARK: - Decoding blocks

    @Test func arraysInSeveralBlocksWithNegativeCounts() throws {
        // [1, 2] in a block of 2, then [3] in a block of -1 with byte size 1, then the end.
        try expectRoundTrip([1, 2, 3], #"{"type": "array", "items": "long"}"#, "06 02 04 06 00")
        let schema = try AvroSchema(parsing: #"{"type": "array", "items": "long"}"#)
        let bytes = hexBytes("04 02 04 01 02 06 00")
        #expect(try AvroValue(decoding: bytes, as: schema) == [1, 2, 3])
        #expect(try reading(bytes) { try schema.skip(in: &$0) }.offset == bytes.count)
    }

    @Test func mapsInSeveralBlocksWithNegativeCounts() throws {
        // {"a": "bc"} in a block of -1 with byte size 5, then {"b": ""} in a block of 1, then the end.
        let schema = try AvroSchema(parsing: #"{"type": "map", "values": "string"}"#)
        let bytes = hexBytes("01 0a 02 61 04 62 63 02 02 62 00 00")
        #expect(try AvroValue(decoding: bytes, as: schema) == .map([("a", "bc"), ("b", "")]))
        #expect(try reading(bytes) { try schema.skip(in: &$0) }.offset == bytes.count)
    }

    // MARK: - skip() agrees with decode()

    @Test(arguments: [AvroValueTests.orderSchema, AvroValueTests.linkedList, RandomValues.everyType])
    func skipConsumesWhatDecodeConsumes(schemaText: String) throws {
        let schema = try AvroSchema(parsing: schemaText)
        var random = SeededRandom(seed: 0xA5A0_0001)
        for round in 0..<150 {
            let value = RandomValues.value(of: schema, using: &random)
            let bytes = try value.encoded(as: schema) + value.encoded(as: schema)
            let context = "seed \(random.seed), round \(round)"
            let (decoded, skippedTo) = try reading(bytes) { reader in
                try schema.skip(in: &reader)
                let skippedTo = reader.offset
                return (try AvroValue.decode(from: &reader, as: schema), skippedTo)
            }.value
            #expect(skippedTo * 2 == bytes.count, "\(context)")
            #expect(decoded == value, "\(context)")
            try value.validate(against: schema)
        }
    }

    // MARK: - validate()

    @Test func validateChecksWithoutKeepingBytes() throws {
        let schema = try AvroSchema(parsing: Self.orderSchema)
        try Self.order().validate(against: schema)
        try Self.order(["count": nil]).validate(against: schema)
        expectAvroError(.missingField) { try Self.order(["id": nil]).validate(against: schema) }
        expectAvroError(.invalidEnumSymbol) { try Self.order(["kind": "Z"]).validate(against: schema) }
        expectAvroError(.invalidUnionBranch) { try AvroValue.union(branch: 2, value: .null).validate(against: .union([.null, .int])) }
    }

    @Test func nestingBeyondMaxDepthIsRefused() throws {
        var value: AvroValue = .record([("value", 0), ("next", .null)])
        for depth in 1...AvroNesting.defaultMaxDepth { value = .record([("value", .long(Int64(depth))), ("next", value)]) }
        try expectEncodingError(.limitExceeded, path: String(repeating: "next.", count: AvroNesting.defaultMaxDepth / 2 - 1) + "next", value, Self.linkedList)
    }

    // MARK: - Field defaults

    /// The value of the default `json` for `type` (JSON text of a schema or a name in `Order`).
    private func defaultValue(_ json: String, _ type: String) throws -> AvroValue {
        let definitions = try AvroSchema(parsing: Self.orderSchema).namedDefinitions
        let schema = type.hasPrefix("shop.") ? AvroSchema.reference(type) : try AvroSchema(parsing: type)
        return try AvroValue(defaultJSON: AvroJSON(parsing: json), schema: schema, definitions: definitions)
    }

    @Test func defaultsBecomeValues() throws {
        let cases: [(json: String, type: String, value: AvroValue)] = [
            ("null", #""null""#, .null), ("true", #""boolean""#, true), ("7", #""int""#, .int(7)),
            ("4294967296", #""long""#, .long(1 << 32)), ("1.5", #""float""#, .float(1.5)), ("2", #""double""#, .double(2)),
            (#""\u00ff\u0000a""#, #""bytes""#, .bytes([0xff, 0x00, 0x61])), (#""é""#, #""string""#, "é"),
            ("[1, 2]", #"{"type": "array", "items": "int"}"#, [.int(1), .int(2)]),
            (#"{"a": 1}"#, #"{"type": "map", "values": "long"}"#, .map([("a", 1)])),
            ("null", #"["null", "string"]"#, .union(branch: 0, value: .null)),
            (#""x""#, #"["null", "string"]"#, .union(branch: 1, value: "x")), // 1.12: any branch
            (#""B""#, "shop.Kind", .enumeration("B")), (#""ab""#, "shop.Hash", .fixed([0x61, 0x62])),
            (#"{"zip": 1}"#, "shop.Address", .record([("street", "unknown"), ("zip", .int(1))])),
        ]
        for (json, type, expected) in cases {
            let value = try defaultValue(json, type)
            #expect(value == expected, "\(json) as \(type)")
            // .defaultJSON is the inverse.
            #expect(try defaultValue(value.defaultJSON.serialized(), type) == value, "\(json) as \(type)")
        }
    }

    @Test func invalidDefaultsAreRejected() throws {
        let cases: [(json: String, type: String, path: String?)] = [
            ("4294967296", #""int""#, nil), (#""1""#, #""int""#, nil), ("1.5", #""long""#, nil),
            (#""\u0100""#, #""bytes""#, nil), (#""D""#, "shop.Kind", nil), (#""abc""#, "shop.Hash", nil),
            ("[1, \"x\"]", #"{"type": "array", "items": "int"}"#, "[1]"),
            (#"{"a": null}"#, #"{"type": "map", "values": "long"}"#, #"["a"]"#),
            ("{}", "shop.Address", nil), (#"{"zip": 1, "city": "x"}"#, "shop.Address", nil),
            (#"{"zip": "x"}"#, "shop.Address", "zip"), ("1", #"["null", "string"]"#, nil),
        ]
        for (json, type, path) in cases {
            let error = expectAvroError(.invalidDefault) { _ = try defaultValue(json, type) }
            #expect(error?.path == path, "\(json) as \(type): \(error.map(String.init(describing:)) ?? "no error")")
        }
    }

    @Test func defaultJSONWritesBytesAsLatin1AndUnionsBare() {
        #expect(AvroValue.bytes([0x00, 0x7f, 0xff]).defaultJSON == .string("\u{0}\u{7f}\u{ff}"))
        #expect(AvroValue.fixed([0xe9]).defaultJSON == .string("é"))
        #expect(AvroValue.float(1.5).defaultJSON == .double(1.5))
        #expect(AvroValue.int(-3).defaultJSON == .integer(-3))
        #expect(AvroValue.union(branch: 1, value: "x").defaultJSON == .string("x"))
        #expect(AvroValue.record([("a", .enumeration("B")), ("b", .map([("k", nil)]))]).defaultJSON == ["a": "B", "b": ["k": nil]])
    }

    // MARK: - Equality and access

    @Test func equalityIsByBitPattern() {
        #expect(AvroValue.double(.nan) == .double(.nan))
        #expect(AvroValue.double(0) != .double(-0.0))
        #expect(AvroValue.float(Float(bitPattern: 0x7fc0_0001)) != .float(Float(bitPattern: 0x7fc0_0002)))
        #expect(AvroValue.int(1) != .long(1))
        #expect(AvroValue.record([("a", 1)]) != .record([("b", 1)]))
        #expect(AvroValue.map([("a", 1), ("b", 2)]) != .map([("b", 2), ("a", 1)]))
        #expect(Set<AvroValue>([.double(.nan), .double(.nan), .float(-0.0), .float(0)]).count == 3)
        #expect(AvroValue.union(branch: 1, value: .union(branch: 0, value: "x")).unwrapped == "x")
        #expect(AvroValue.map([("k", true)])["k"] == true && AvroValue.long(1)["k"] == nil)
    }
}
