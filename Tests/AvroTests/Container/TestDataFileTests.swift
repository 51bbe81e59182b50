import Foundation
import Testing
@testable import Avro

/// Every readable container file of the shared test data (see its README), read with the
/// right object count and values. Skipped when the shared data is absent.
@Suite(.enabled(if: TestData.isAvailable)) struct TestDataFileTests {
    typealias Weather = ContainerFixtures.Weather

    static func values(_ path: String) throws -> (AvroFileReader<AvroValue>, [AvroValue]) {
        let reader = try AvroFileReader<AvroValue>(url: TestData.url(path))
        return (reader, try ContainerFixtures.readAll(reader))
    }

    static func record(_ fields: KeyValuePairs<String, AvroValue>) -> AvroValue {
        .record(fields.map { (name: $0.key, value: $0.value) })
    }

    // Items 78, 81: null, deflate (Java, no trailing bytes), snappy (CRC), zstandard (no
    // content size in the frame), and the sorted file.
    @Test(arguments: [("weather.avro", "null"), ("weather-deflate.avro", "deflate"), ("weather-snappy.avro", "snappy"),
                      ("weather-zstd.avro", "zstandard")])
    func weatherAsCodable(file: String, codec: String) throws {
        guard ContainerFixtures.isAvailable(try AvroCodecs.codec(named: codec)) else {
            // The machine lacks the codec's library: reading says so.
            expectAvroError(.codec) { _ = try ContainerFixtures.readAll(AvroFileReader<Weather>(url: TestData.url("share-test-data/" + file))) }
            return
        }
        let reader = try AvroFileReader<Weather>(url: TestData.url("share-test-data/" + file))
        #expect(reader.header.codecName == codec)
        #expect(try ContainerFixtures.readAll(reader) == ContainerFixtures.weather)
        #expect(try AvroFileReader<Weather>.count(url: TestData.url("share-test-data/" + file)) == 5)
    }

    @Test func weatherSortedIsInTimeOrder() throws {
        let reader = try AvroFileReader<Weather>(url: TestData.url("share-test-data/weather-sorted.avro"))
        let expected = [3, 4, 0, 1, 2].map { ContainerFixtures.weather[$0] }
        #expect(Array(reader) == expected)
        #expect(reader.error == nil)
    }

    @Test func weatherAsAvroValue() throws {
        let (reader, values) = try Self.values("share-test-data/weather.avro")
        #expect(reader.header.schema.name?.fullname == "test.Weather")
        #expect(values.count == 5)
        #expect(values[2] == Self.record(["station": "011990-99999", "time": .long(-619_484_400_000), "temp": .int(-11)]))
    }

    // Items 77, 80: `avro.sync` holds the binary sync marker (not UTF-8); 6001 objects in 12
    // deflate blocks.
    @Test func syncInMetaReadsAllObjectsAndKeepsBinaryMetadata() throws {
        let (reader, values) = try Self.values("share-test-data/syncInMeta.avro")
        #expect(values.count == 6001)
        #expect(reader.header.metadata["avro.sync"] == reader.header.syncMarker)
        #expect(String(validating: reader.header.syncMarker, as: UTF8.self) == nil)
        #expect(values[0] == Self.record(["ID": .long(1), "First": "Dante", "Last": "Hicks", "Phone": "(0)", "Age": .int(32)]))
        #expect(values[6000]["ID"] == .long(6001))
        let blocks = try ContainerFixtures.blocks(of: Data(TestData.bytes("share-test-data/syncInMeta.avro")))
        #expect(blocks.count == 12)
        #expect(blocks.map(\.count).reduce(0, +) == 6001)
        #expect(blocks.first?.bytes.lowerBound == 325)
    }

    @Test func schemasFolderFiles() throws {
        let (simpleReader, simple) = try Self.values("share-test-data/schemas/simple/data.avro")
        #expect(simple == [Self.record(["text": "hello"]), Self.record(["text": "bonjour"]), Self.record(["text": "guten tag"])])
        // Item 77: no `avro.codec` means null.
        #expect(simpleReader.header.codecName == "null")
        #expect(simpleReader.header.metadata["avro.codec"] == nil)

        let (_, union) = try Self.values("share-test-data/schemas/withUnion/data.avro")
        let inner = { (value: AvroValue) in AvroValue.union(branch: 0, value: Self.record(["d1": value])) }
        #expect(union == [
            Self.record(["data1": .union(branch: 0, value: "textValue"), "data2": .union(branch: 1, value: .null)]),
            Self.record(["data1": .union(branch: 1, value: .int(123)), "data2": inner(.union(branch: 2, value: false))]),
            Self.record(["data1": .union(branch: 1, value: .int(3)), "data2": inner(.union(branch: 0, value: "text value"))]),
        ])
    }

    @Test(arguments: [
        ("hello/world/request.avro", record(["greeting": "Hello World!"])),
        ("hello/world/response.avro", AvroValue.string("Hello World")),
        ("add/onePlusOne/request.avro", record(["arg1": .int(1), "arg2": .int(1)])),
        ("add/onePlusOne/response.avro", AvroValue.int(2)),
    ])
    func interopRPCFiles(file: String, expected: AvroValue) throws {
        let (_, values) = try Self.values("share-test-interop-rpc/" + file)
        #expect(values == [expected])
    }

    @Test func interopRPCEchoRecords() throws {
        let testRecord = Self.record(["name": "Foo", "kind": .enumeration("FOO"), "hash": .fixed(Array("0123456789012345".utf8))])
        #expect(try Self.values("share-test-interop-rpc/echo/foo/request.avro").1 == [Self.record(["record": testRecord])])
        #expect(try Self.values("share-test-interop-rpc/echo/foo/response.avro").1 == [testRecord])
    }

    @Test(arguments: ["avro-1237-good.avro", "avro-1238-good.avro"])
    func langCNullableInts(file: String) throws {
        let (_, values) = try Self.values("lang-c/" + file)
        #expect(values == [.union(branch: 0, value: .null), .union(branch: 1, value: .int(100))])
    }

    // Item 77: with and without an explicit `avro.codec` of null; exact extremes.
    @Test(arguments: ["avro-1279-codec.avro", "avro-1279-no-codec.avro"])
    func langCPrimitiveExtremes(file: String) throws {
        let (reader, values) = try Self.values("lang-c/" + file)
        #expect(reader.header.codecName == "null")
        #expect((reader.header.metadata["avro.codec"] == nil) == (file == "avro-1279-no-codec.avro"))
        let fields = { (boolean: Bool, int: Int32, long: Int64, float: Float, double: Double, text: String) in
            Self.record(["booleanField": .boolean(boolean), "intField": .int(int), "longField": .long(long), "floatField": .float(float),
                         "doubleField": .double(double), "bytesField": .bytes(Array(text.utf8)), "stringField": .string(text)])
        }
        #expect(values == [
            fields(true, 0, 0, 0, 0, "DEFAULT VALUES"),
            fields(false, .min, .min, Float(bitPattern: 1), Double(bitPattern: 1), "MIN VALUES"),
            fields(false, .max, .max, .greatestFiniteMagnitude, .greatestFiniteMagnitude, "MAX VALUES"),
        ])
    }

    @Test func langJSPersonAsCodable() throws {
        let reader = try AvroFileReader<ContainerFixtures.JSPerson>(url: TestData.url("lang-js/person-10.avro"))
        let people = try ContainerFixtures.readAll(reader)
        #expect(people.count == 10)
        #expect(people.first == ContainerFixtures.JSPerson(name: "r", age: 906, gender: .MALE, address: .init(zipcode: 631)))
    }

    @Test func langJavaWordCounts() throws {
        let (_, values) = try Self.values("lang-java/mapreduce-test-input/part-r-00000.avro")
        #expect(values == [("apple", 3), ("banana", 2), ("carrot", 1)].map { Self.record(["name": .string($0.0), "count": .int($0.1)]) })
    }

    @Test func langRustFiles() throws {
        #expect(try Self.values("lang-rust/bigdec.avro").1 == [Self.record(["field_name": .bytes([0x04, 0x00, 0xe0, 0x04])])])
        let (_, people) = try Self.values("lang-rust/quickstop-null.avro")
        #expect(people.count == 6001)
        #expect(people[0] == Self.record(["ID": .long(1), "First": "Dante", "Last": "Hicks", "Phone": "(0)", "Age": .int(32)]))
    }

    @Test(arguments: ["quickstop-deflate.avro", "quickstop-snappy.avro"])
    func goavroQuickstopMatchesTheNullCodecCopy(file: String) throws {
        let (reader, values) = try Self.values("third-party/goavro-fixtures/" + file)
        #expect(reader.header.codecName == (file.contains("deflate") ? "deflate" : "snappy"))
        #expect(values == (try Self.values("lang-rust/quickstop-null.avro").1))
    }

    // Item 81: Python deflate blocks carry 3 bytes after the deflate stream; fastavro writes xz.
    @Test(arguments: ["avro-py/interop-null", "avro-py/interop-deflate", "avro-py/interop-snappy", "avro-py/interop-zstandard",
                      "avro-py/interop-bzip2", "fastavro/interop-null", "fastavro/interop-deflate", "fastavro/interop-snappy",
                      "fastavro/interop-zstandard", "fastavro/interop-bzip2", "fastavro/interop-xz"])
    func generatedInteropFiles(file: String) throws {
        let schema = try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
        var expected = try (0..<3).map { try AvroValue(decoding: TestData.bytes("generated/interop-record\($0).bin"), as: schema) }
        if file.hasPrefix("fastavro"), case .record(var fields) = expected[0],
           let union = fields.firstIndex(where: { $0.name == "unionField" }) {
            // fastavro writes r0's union as the boolean true (branch 0), avro-py as the double 1.0.
            fields[union].value = .union(branch: 0, value: true)
            expected[0] = .record(fields)
        }
        let codec = try AvroCodecs.codec(named: String(file.split(separator: "-").last ?? ""))
        guard ContainerFixtures.isAvailable(codec) else {
            expectAvroError(.codec) { _ = try Self.values("generated/\(file).avro") }
            return
        }
        let (reader, values) = try Self.values("generated/\(file).avro")
        #expect(reader.header.schema.canonicalForm == schema.canonicalForm)
        #expect(values == expected)
    }

    @Test func generatedHundredObjectsInTenBlocks() throws {
        let (reader, values) = try Self.values("generated/avro-py/interop-100-records-10-blocks-deflate.avro")
        #expect(values.count == 100)
        #expect(reader.header.metadata["user.note"] == Array("written by generate.py".utf8))
        for (index, value) in values.enumerated() {
            #expect(value["intField"] == .int(Int32(index)))
            #expect(value["longField"] == .long(Int64(index) * 1_000_000_007))
            #expect(value["stringField"] == .string("record-\(index)"))
            #expect(value["floatField"] == .float(Float(index) / 4))
        }
        let blocks = try ContainerFixtures.blocks(of: Data(TestData.bytes("generated/avro-py/interop-100-records-10-blocks-deflate.avro")))
        #expect(blocks.map(\.count) == Array(repeating: 10, count: 10))
    }

    // Item 75: a header with no block at all.
    @Test func generatedEmptyFile() throws {
        let (reader, values) = try Self.values("generated/avro-py/interop-empty.avro")
        #expect(values.isEmpty)
        #expect(reader.error == nil)
        #expect(try AvroFileReader<AvroValue>.count(url: TestData.url("generated/avro-py/interop-empty.avro")) == 0)
    }

    @Test func generatedSpecialFloatsKeepTheirBits() throws {
        let (_, values) = try Self.values("generated/avro-py/special-floats.avro")
        let floats: [UInt32] = [0x7fc0_0000, 0x7f80_0000, 0xff80_0000, 0x8000_0000, 0x0000_0001, 0x7f7f_ffff]
        let doubles: [UInt64] = [0x7ff8_0000_0000_0000, 0x7ff0_0000_0000_0000, 0xfff0_0000_0000_0000, 0x8000_0000_0000_0000,
                                 0x0000_0000_0000_0001, 0x7fef_ffff_ffff_ffff]
        #expect(values == zip(floats, doubles).map {
            Self.record(["f": .float(Float(bitPattern: $0.0)), "d": .double(Double(bitPattern: $0.1))])
        })
    }

    @Test func generatedJSONSampleFirstObject() throws {
        let (_, values) = try Self.values("generated/avro-py/json-sample.avro")
        #expect(values.count == 4)
        #expect(values[0]["l"] == .long(9_007_199_254_740_993))
        #expect(values[0]["s"] == .string("café \"q\" \\ 😀"))
        #expect(values[0]["fx"] == .fixed([1, 2, 254, 255]))
        #expect(values[1]["u1"] == .union(branch: 1, value: "x"))
    }
}
