import Foundation
import Testing
@testable import Avro

/// Timestamps: any precision read into a `Date` is the same instant, resolution converts
/// between the units of one family, whole units round-trip exactly, and instants before 1970
/// round toward negative infinity as Java and Python round them.
@Suite struct TimestampTests {
    struct Event: Codable, Equatable {
        var at: Date
        var seen: Date?
        var history: [Date]
    }

    static func schema(_ logical: String) throws -> AvroSchema {
        try AvroSchema(parsing: """
            {"type":"record","name":"Event","fields":[
              {"name":"at","type":{"type":"long","logicalType":"\(logical)"}},
              {"name":"seen","type":["null",{"type":"long","logicalType":"\(logical)"}]},
              {"name":"history","type":{"type":"array","items":{"type":"long","logicalType":"\(logical)"}}}]}
            """)
    }

    static func record(_ counts: [Int64]) -> AvroValue {
        .record([("at", .long(counts[0])), ("seen", .union(branch: 1, value: .long(counts[1]))), ("history", .array(counts.dropFirst(2).map { .long($0) }))])
    }

    /// Data written in microseconds or nanoseconds, read with the derived (milliseconds)
    /// schema: the same instants, floored to the millisecond.
    @Test func resolutionConvertsBetweenUnits() throws {
        let reader = try AvroSchema(deriving: Event.self)
        let micros: [Int64] = [1_700_000_000_123_456, -1_500, 0, 86_400_000_000]
        let microsData = try Self.record(micros).encoded(as: Self.schema("timestamp-micros"))
        let event = try AvroDecoder().decode(Event.self, from: microsData, writerSchema: Self.schema("timestamp-micros"))
        #expect(event == Event(at: Date(timeIntervalSince1970: 1_700_000_000.123), seen: Date(timeIntervalSince1970: -0.002), history: [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 86_400)]))
        let value = try AvroValue(decoding: microsData, writerSchema: Self.schema("timestamp-micros"), readerSchema: reader)
        #expect(value == Self.record([1_700_000_000_123, -2, 0, 86_400_000]))
        // Coarser to finer multiplies.
        let millisData = try Self.record([1_700_000_000_123, -2, 5]).encoded(as: Self.schema("timestamp-millis"))
        #expect(try AvroValue(decoding: millisData, writerSchema: Self.schema("timestamp-millis"), readerSchema: Self.schema("timestamp-nanos"))
                == Self.record([1_700_000_000_123_000_000, -2_000_000, 5_000_000]))
        // Local timestamps convert among themselves.
        #expect(try AvroValue(decoding: try Self.record([7_000_999, 1, 2]).encoded(as: Self.schema("local-timestamp-micros")),
                              writerSchema: Self.schema("local-timestamp-micros"), readerSchema: Self.schema("local-timestamp-millis"))
                == Self.record([7_000, 0, 0]))
        // A date (days) read as a timestamp is its midnight, in either family.
        let dates = try AvroSchema(parsing: #"{"type":"array","items":{"type":"int","logicalType":"date"}}"#)
        let dateData = try AvroValue.array([.int(19_000), .int(-1), .int(0)]).encoded(as: dates)
        #expect(try AvroValue(decoding: dateData, writerSchema: dates, readerSchema: AvroSchema(parsing: #"{"type":"array","items":{"type":"long","logicalType":"timestamp-millis"}}"#))
                == .array([.long(1_641_600_000_000), .long(-86_400_000), .long(0)]))
        #expect(try AvroValue(decoding: dateData, writerSchema: dates, readerSchema: AvroSchema(parsing: #"{"type":"array","items":["null",{"type":"long","logicalType":"local-timestamp-micros"}]}"#))
                == .array([.union(branch: 1, value: .long(1_641_600_000_000_000)), .union(branch: 1, value: .long(-86_400_000_000)), .union(branch: 1, value: .long(0))]))
        struct Day: Codable, Equatable { var day: Date }
        let dayWriter = try AvroSchema(parsing: #"{"type":"record","name":"Day","fields":[{"name":"day","type":{"type":"int","logicalType":"date"}}]}"#)
        #expect(try AvroDecoder().decode(Day.self, from: AvroValue.record([("day", .int(2))]).encoded(as: dayWriter), writerSchema: dayWriter) == Day(day: Date(timeIntervalSince1970: 172_800)))
        // The checker agrees: the pair is compatible.
        #expect(AvroSchemaCompatibility.check(reader: reader, writer: try Self.schema("timestamp-micros")).isEmpty)
        #expect(AvroSchemaCompatibility.check(reader: try Self.schema("timestamp-nanos"), writer: try Self.schema("timestamp-millis")).isEmpty)
    }

    @Test func aConversionThatOverflowsIsAnError() throws {
        let data = try Self.record([Int64.max / 1000, 0]).encoded(as: Self.schema("timestamp-millis"))
        expectAvroError(.valueOutOfRange) { _ = try AvroValue(decoding: data, writerSchema: Self.schema("timestamp-millis"), readerSchema: Self.schema("timestamp-nanos")) }
    }

    /// A `Date` made from whole milliseconds (microseconds) compares equal after a round
    /// trip, and is written as exactly that count.
    @Test func wholeUnitsRoundTripExactly() throws {
        var random = SeededRandom(seed: 7)
        for (logical, scale) in [("timestamp-millis", 1_000.0), ("timestamp-micros", 1_000_000.0)] {
            let schema = try AvroSchema(parsing: #"{"type":"long","logicalType":"\#(logical)"}"#)
            var counts: [Int64] = [1_700_000_000_123, -1, 1, 0, -86_400_001, 253_402_300_799_999]
            for _ in 0..<2_000 { counts.append(Int64.random(in: -4_000_000_000_000...4_000_000_000_000, using: &random)) }
            for count in counts {
                let units = logical.hasSuffix("micros") ? count * 7 : count
                let date = Date(timeIntervalSince1970: Double(units) / scale)
                let bytes = try AvroEncoder(schema: schema).encodeBytes(date)
                #expect(try AvroValue(decoding: bytes, as: schema) == .long(units), "\(logical) \(units) (seed \(random.seed))")
                #expect(try AvroDecoder(schema: schema).decode(Date.self, from: bytes) == date, "\(logical) \(units)")
            }
        }
        #expect(try AvroDecoder().decode(Date.self, from: AvroEncoder().encodeBytes(Date(timeIntervalSince1970: 1_700_000_000.123))) == Date(timeIntervalSince1970: 1_700_000_000.123))
    }

    /// Before 1970, part of a unit rounds down: -0.5 ms is -1 ms, as Java and fastavro write it.
    @Test func instantsBefore1970RoundDown() throws {
        let millis = try AvroSchema(parsing: #"{"type":"long","logicalType":"timestamp-millis"}"#)
        let micros = try AvroSchema(parsing: #"{"type":"long","logicalType":"timestamp-micros"}"#)
        let cases: [(Double, AvroSchema, Int64)] = [(-0.0005, millis, -1), (-0.000001, millis, -1), (-1.0005, millis, -1001), (0.0009, millis, 0),
                                                    (-0.0000005, micros, -1), (-7.5e-7, micros, -1), (-1.5e-6, micros, -2), (1.5e-6, micros, 1)]
        for (seconds, schema, expected) in cases {
            let bytes = try AvroEncoder(schema: schema).encodeBytes(Date(timeIntervalSince1970: seconds))
            #expect(try AvroValue(decoding: bytes, as: schema) == .long(expected), "\(seconds)")
        }
    }

    @Test(.enabled(if: PythonPeer.fastavroIsInstalled))
    func fastavroWritesTheSameCountsBefore1970() throws {
        let script = """
            import fastavro, io, datetime
            s = fastavro.parse_schema({"type": "long", "logicalType": "timestamp-millis"})
            for us in (999500, 999999, 1):
                d = datetime.datetime(1969, 12, 31, 23, 59, 59, us, tzinfo=datetime.timezone.utc)
                b = io.BytesIO(); fastavro.schemaless_writer(b, s, d)
                print(b.getvalue().hex())
            """
        let (status, output) = try PythonPeer.runText(["-c", script])
        #expect(status == 0)
        let schema = try AvroSchema(parsing: #"{"type":"long","logicalType":"timestamp-millis"}"#)
        let ours = try [-0.0005, -0.000001, -0.999999].map { hexString(try AvroEncoder(schema: schema).encodeBytes(Date(timeIntervalSince1970: $0))) }
        #expect(output.split(separator: "\n").map(String.init) == ours)
    }
}
