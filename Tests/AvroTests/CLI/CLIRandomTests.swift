import Foundation
import Testing
@testable import Avro

/// `avro random`: valid records of every type and logical type, reproducible with a seed.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIRandomTests {
    /// A schema with every type and every logical type (section B). Its union has no two
    /// branches that fastavro confuses (it reads an enum symbol as a string).
    static let everyType = """
        {"type": "record", "name": "EveryType", "namespace": "cli.test", "fields": [
          {"name": "n", "type": "null"}, {"name": "b", "type": "boolean"}, {"name": "i", "type": "int"},
          {"name": "l", "type": "long"}, {"name": "f", "type": "float"}, {"name": "d", "type": "double"},
          {"name": "by", "type": "bytes"}, {"name": "s", "type": "string"},
          {"name": "e", "type": {"type": "enum", "name": "Suit", "symbols": ["HEARTS", "SPADES", "CLUBS"]}},
          {"name": "fx", "type": {"type": "fixed", "name": "Four", "size": 4}},
          {"name": "arr", "type": {"type": "array", "items": "long"}},
          {"name": "m", "type": {"type": "map", "values": "string"}},
          {"name": "u", "type": ["null", "Suit", {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}, "long"]},
          {"name": "date", "type": {"type": "int", "logicalType": "date"}},
          {"name": "timeMillis", "type": {"type": "int", "logicalType": "time-millis"}},
          {"name": "timeMicros", "type": {"type": "long", "logicalType": "time-micros"}},
          {"name": "tsMillis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "tsMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "tsNanos", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
          {"name": "localMillis", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
          {"name": "localMicros", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
          {"name": "localNanos", "type": {"type": "long", "logicalType": "local-timestamp-nanos"}},
          {"name": "uuid", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "uuidFixed", "type": {"type": "fixed", "name": "U16", "size": 16, "logicalType": "uuid"}},
          {"name": "decimalBytes", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
          {"name": "decimalFixed", "type": {"type": "fixed", "name": "D3", "size": 3, "logicalType": "decimal", "precision": 6, "scale": 1}},
          {"name": "bigDecimal", "type": {"type": "bytes", "logicalType": "big-decimal"}},
          {"name": "duration", "type": {"type": "fixed", "name": "Duration", "size": 12, "logicalType": "duration"}}
        ]}
        """

    /// Writes the schema `text` to `name` in `directory`.
    static func writeSchema(_ text: String, _ name: String, in directory: URL) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// The value of a big-endian two's-complement integer of at most 8 bytes.
    static func twosComplement(_ bytes: [UInt8]) -> Int64 {
        guard let first = bytes.first else { return 0 }
        return bytes.dropFirst().reduce(Int64(Int8(bitPattern: first))) { $0 << 8 | Int64($1) }
    }

    @Test func aSeedGivesTheSameRecordsAndAnotherSeedOthers() throws {
        try CLITool.withTemporaryDirectory { directory in
            try Self.writeSchema(Self.everyType, "every.avsc", in: directory)
            for (name, seed) in [("a.avro", "42"), ("b.avro", "42"), ("c.avro", "43")] {
                let result = try CLITool.run(["random", "--schema", "every.avsc", "--count", "20", "--seed", seed, "--codec", "deflate", "-o", name], in: directory)
                #expect(result.status == 0, "\(result.errorText)")
                #expect(result.errorText.isEmpty)
            }
            let a = try CLITool.run(["tojson", "a.avro"], in: directory)
            #expect(a.lines.count == 20)
            #expect(try CLITool.run(["tojson", "b.avro"], in: directory).text == a.text)
            #expect(try CLITool.run(["tojson", "c.avro"], in: directory).text != a.text)
            #expect(try CLITool.run(["getmeta", "a.avro"], in: directory).lines.first == "avro.codec\tdeflate")
            // Different records each time: not one record repeated.
            #expect(Set(a.lines).count == 20)
        }
    }

    // Items 39–46: every logical value is within its type's rules.
    @Test func everyLogicalValueIsValid() throws {
        try CLITool.withTemporaryDirectory { directory in
            try Self.writeSchema(Self.everyType, "every.avsc", in: directory)
            let result = try CLITool.run(["random", "--schema", "every.avsc", "--count", "200", "--seed", "7"], in: directory)
            #expect(result.status == 0, "\(result.errorText)")
            let reader = try AvroFileReader<AvroValue>(data: result.output)
            var count = 0
            let (seconds1900, seconds2100): (Int64, Int64) = (-2_208_988_800, 4_102_444_800)
            while let record = try reader.next() {
                count += 1
                guard case .int(let date)? = record["date"], case .int(let timeMillis)? = record["timeMillis"],
                      case .long(let timeMicros)? = record["timeMicros"], case .long(let tsMillis)? = record["tsMillis"],
                      case .long(let tsMicros)? = record["tsMicros"], case .long(let tsNanos)? = record["tsNanos"],
                      case .long(let localNanos)? = record["localNanos"], case .string(let uuid)? = record["uuid"],
                      case .fixed(let uuidFixed)? = record["uuidFixed"], case .bytes(let decimalBytes)? = record["decimalBytes"],
                      case .fixed(let decimalFixed)? = record["decimalFixed"], case .bytes(let bigDecimal)? = record["bigDecimal"],
                      case .fixed(let duration)? = record["duration"] else {
                    Issue.record("unexpected record \(record)")
                    return
                }
                #expect((-25_567...47_482).contains(date))
                #expect((0..<86_400_000).contains(timeMillis))
                #expect((0..<86_400_000_000).contains(timeMicros))
                #expect((seconds1900 * 1000...seconds2100 * 1000).contains(tsMillis))
                #expect((seconds1900 * 1_000_000...seconds2100 * 1_000_000).contains(tsMicros))
                #expect((seconds1900 * 1_000_000_000...seconds2100 * 1_000_000_000).contains(tsNanos))
                #expect((seconds1900 * 1_000_000_000...seconds2100 * 1_000_000_000).contains(localNanos))
                #expect(UUID(uuidString: uuid) != nil && uuid == uuid.lowercased() && uuid.count == 36, "\(uuid)")
                #expect(uuidFixed.count == 16 && uuidFixed[6] >> 4 == 4)
                #expect(abs(Self.twosComplement(decimalBytes)) < 1_000_000_000 && decimalBytes.count <= 4)
                #expect(decimalFixed.count == 3 && abs(Self.twosComplement(decimalFixed)) < 1_000_000)
                // big-decimal: the unscaled bytes, length-prefixed, then the scale as an int.
                var inner = AvroBinaryWriter()
                let (unscaled, scale) = try bigDecimal.withUnsafeBytes { buffer in
                    var reader = AvroBinaryReader(buffer)
                    let result = (try reader.readBytes(), try reader.readInt())
                    #expect(reader.isAtEnd)
                    return result
                }
                inner.writeBytes(unscaled)
                inner.writeInt(scale)
                #expect(inner.bytes == bigDecimal && scale >= 0)
                let months = duration[0..<4].reversed().reduce(0) { $0 << 8 | Int($1) }
                let days = duration[4..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
                let millis = duration[8..<12].reversed().reduce(0) { $0 << 8 | Int($1) }
                #expect(months < 1200 && days < 31 && millis < 86_400_000)
            }
            #expect(count == 200)
            // The decoder's own logical-type checks accept them too.
            struct Typed: Decodable {
                var uuid: UUID
                var decimalBytes: Decimal
                var decimalFixed: Decimal
                var bigDecimal: Decimal
                var tsMillis: Date
                var date: Date
            }
            let typed = Array(try AvroFileReader<Typed>(data: result.output))
            #expect(typed.count == 200)
        }
    }

    // A recursive schema (interop.avsc's Node has an array of Nodes) still gives finite
    // records, which round-trip through tojson and fromjson.
    @Test(.enabled(if: TestData.isAvailable)) func recursiveSchemasGiveFiniteRecords() throws {
        let schema = try TestData.url("share-test-schemas/interop.avsc").path
        try CLITool.withTemporaryDirectory { directory in
            let result = try CLITool.run(["random", "--schema", schema, "--count", "50", "--seed", "1", "-o", "r.avro"], in: directory)
            #expect(result.status == 0, "\(result.errorText)")
            #expect(try CLITool.run(["count", "r.avro"], in: directory).lines == ["50"])
            let json = try CLITool.run(["tojson", "r.avro"], in: directory)
            try json.output.write(to: directory.appendingPathComponent("r.jsonl"))
            #expect(try CLITool.run(["fromjson", "--schema", schema, "-o", "back.avro", "r.jsonl"], in: directory).status == 0)
            #expect(try CLITool.run(["tojson", "back.avro"], in: directory).text == json.text)
        }
    }

    @Test func aSchemaWithNoFiniteValueIsAnError() throws {
        try CLITool.withTemporaryDirectory { directory in
            try Self.writeSchema(#"{"type": "record", "name": "Loop", "fields": [{"name": "next", "type": "Loop"}]}"#, "loop.avsc", in: directory)
            let result = try CLITool.run(["random", "--schema", "loop.avsc", "--count", "1", "-o", "loop.avro"], in: directory)
            CLITool.expectFailure(result, mentioning: ["avro random: loop.avsc: unsupported: the schema has no finite value: Loop contains itself"])
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("loop.avro").path))
            // No value at all: an enum without symbols, a union without branches.
            try Self.writeSchema(#"{"type": "enum", "name": "E", "symbols": []}"#, "enum.avsc", in: directory)
            CLITool.expectFailure(try CLITool.run(["random", "--schema", "enum.avsc", "--count", "1"], in: directory),
                                  mentioning: ["enum.avsc: unsupported: the schema has no value: the enum E has no symbols"])
            try Self.writeSchema("[]", "union.avsc", in: directory)
            CLITool.expectFailure(try CLITool.run(["random", "--schema", "union.avsc", "--count", "1"], in: directory),
                                  mentioning: ["union.avsc: unsupported: the schema has no value: it has a union with no branches"])
        }
    }
}
