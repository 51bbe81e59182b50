import Testing
@testable import Avro

/// ``AvroValue`` against raw Avro binary written by the official implementations (the shared
/// test data; see its README). Skipped when the shared data is absent.
@Suite(.enabled(if: TestData.isAvailable)) struct InteropValueTests {
    static func interopSchema() throws -> AvroSchema {
        try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
    }

    static func node(_ label: String, _ children: [AvroValue] = []) -> AvroValue {
        .record([("label", .string(label)), ("children", .array(children))])
    }

    static func interop(_ int: Int32, _ long: Int64, _ string: String, _ bool: Bool, _ float: Float, _ double: Double,
                        _ bytes: [UInt8], _ array: [Double], _ map: [(String, String)], _ union: AvroValue,
                        _ kind: String, _ md5: [UInt8], _ tree: AvroValue) -> AvroValue {
        .record([
            ("intField", .int(int)), ("longField", .long(long)), ("stringField", .string(string)),
            ("boolField", .boolean(bool)), ("floatField", .float(float)), ("doubleField", .double(double)),
            ("bytesField", .bytes(bytes)), ("nullField", .null), ("arrayField", .array(array.map(AvroValue.double))),
            ("mapField", .map(map.map { ($0.0, .record([("label", .string($0.1))])) })), ("unionField", union),
            ("enumField", .enumeration(kind)), ("fixedField", .fixed(md5)), ("recordField", tree),
        ])
    }

    /// r0, "typical", as the README lists it, except the union: the README says boolean true
    /// (branch 0), but the Python writer chose branch 1, the double 1.0 (bytes `02 00…f0 3f`).
    static let record0 = interop(
        1, 1 << 40, "hello, avro", true, 1.5, 3.25, [0x00, 0x01, 0xfe, 0xff], [1.0, -2.5, 1e10],
        [("a", "alpha"), ("b", "beta")], .union(branch: 1, value: .double(1)), "A", Array(0...15),
        node("root", [node("child1"), node("child2", [node("grandchild")])]))

    /// r1, "minimums".
    static let record1 = interop(
        .min, .min, "", false, -0.0, .leastNonzeroMagnitude, [], [], [], .union(branch: 1, value: .double(2.718281828459045)), "C",
        [UInt8](repeating: 0xff, count: 16), node(""))

    /// r2, "maximums".
    static let record2 = interop(
        .max, .max, "Grüße, 世界 🎉 nul:\u{0000}.", true, .greatestFiniteMagnitude, .greatestFiniteMagnitude,
        Array(0...255), (0..<300).map { Double($0) }, [("ключ", "значение")],
        .union(branch: 2, value: [.bytes([]), .bytes([0x00]), .bytes(Array("abc".utf8))]), "B",
        hexBytes("d41d8cd98f00b204e9800998ecf8427e"),
        node("l0", [node("l1", [node("l2", [node("l3", [node("l4")])])])]))

    @Test(arguments: [(0, InteropValueTests.record0), (1, InteropValueTests.record1), (2, InteropValueTests.record2)])
    func interopRecordDecodesAndReencodesByteForByte(index: Int, expected: AvroValue) throws {
        let schema = try Self.interopSchema()
        let bytes = try TestData.bytes("generated/interop-record\(index).bin")
        let (value, offset) = try reading(bytes) { try AvroValue.decode(from: &$0, as: schema) }
        #expect(offset == bytes.count)
        #expect(value == expected)
        #expect(try value.encoded(as: schema) == bytes)
        #expect(try expected.encoded(as: schema) == bytes)
    }

    @Test func interopFieldsByName() throws {
        let schema = try Self.interopSchema()
        let r2 = try AvroValue(decoding: TestData.bytes("generated/interop-record2.bin"), as: schema)
        #expect(r2["stringField"] == "Grüße, 世界 🎉 nul:\u{0}.")
        #expect(r2["floatField"] == .float(3.4028234663852886e38))
        #expect(r2["mapField"]?["ключ"]?["label"] == "значение")
        #expect(r2["enumField"] == .enumeration("B"))
        let r1 = try AvroValue(decoding: TestData.bytes("generated/interop-record1.bin"), as: schema)
        #expect(r1["longField"] == .long(.min) && r1["intField"] == .int(.min))
        #expect(r1["unionField"] == .union(branch: 1, value: .double(2.718281828459045)))
    }

    @Test func interopRecordsSkipExactly() throws {
        let schema = try Self.interopSchema()
        var all: [UInt8] = []
        for index in 0...2 { all += try TestData.bytes("generated/interop-record\(index).bin") }
        let offset = try reading(all) { reader in
            for _ in 0...2 { try schema.skip(in: &reader) }
        }.offset
        #expect(offset == all.count)
    }

    @Test func javascriptPeopleDecodeFromRawBinary() throws {
        let schema = try AvroSchema(parsing: TestData.text("lang-js/Person.avsc"))
        let bytes = try TestData.bytes("lang-js/person-10.avro.raw")
        #expect(bytes.count == 192)
        let (people, offset) = try reading(bytes) { reader in
            try (0..<10).map { _ in try AvroValue.decode(from: &reader, as: schema) }
        }
        #expect(offset == 192)
        #expect(people.first == .record([
            ("name", "XVgFsvMQjwwbAMeStHExnVaG"), ("age", .union(branch: 0, value: .null)),
            ("gender", .enumeration("MALE")), ("address", .record([("zipcode", .int(546))])),
        ]))
        var reencoded: [UInt8] = []
        for person in people { reencoded += try person.encoded(as: schema) }
        #expect(reencoded == bytes)
    }
}
