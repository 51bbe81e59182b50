import Foundation
import Testing
@testable import Avro

/// Cross-check with fastavro: values written with a writer schema are
/// read as a reader schema by fastavro (`Fixtures/resolution/resolve_with_fastavro.py`) and by
/// ``AvroValue``, and the results must be equal, or both reads must fail. Skipped when
/// `python3` cannot import fastavro.
///
/// Pairs where fastavro departs from the specification or from Java are left out (see
/// `../shared/avro-testdata/README.md`, "Quirks", and below): fastavro does not round int and
/// long to float precision (`16777217` read as float stays `16777217.0`); it picks the first
/// *promotable* reader branch (int against `["float","int"]` gives `3.0`; Java and we give the
/// int); it returns bytes and fixed defaults as text; it ignores decimal precision and scale;
/// and a writer with fields `name` and `fullName` fills the reader's `fullName` (alias `name`)
/// from `name`, while we take the field of the reader's own name (Java rejects the pair).
@Suite struct FastavroResolutionTests {
    struct Case {
        let writer: String, reader: String, values: [AvroValue]
    }

    typealias R = ResolutionCheck

    static let cases: [Case] = [
        // Promotions, with values exact in float, and 2^53+1 read as double.
        .init(writer: R.record("P", #"{"name":"i","type":"int"}"#, #"{"name":"il","type":"int"}"#, #"{"name":"l","type":"long"}"#,
                               #"{"name":"ld","type":"long"}"#, #"{"name":"f","type":"float"}"#, #"{"name":"s","type":"string"}"#, #"{"name":"b","type":"bytes"}"#),
              reader: R.record("P", #"{"name":"b","type":"string"}"#, #"{"name":"s","type":"bytes"}"#, #"{"name":"f","type":"double"}"#,
                               #"{"name":"ld","type":"double"}"#, #"{"name":"l","type":"float"}"#, #"{"name":"il","type":"float"}"#, #"{"name":"i","type":"long"}"#),
              values: [
                  .record([("i", .int(.min)), ("il", .int(1_048_577)), ("l", .long(-(1 << 40))), ("ld", .long(9_007_199_254_740_993)),
                           ("f", .float(0.1)), ("s", "Grüße 世界 🎉"), ("b", .bytes(Array("ключ".utf8)))]),
                  .record([("i", .int(0)), ("il", .int(-3)), ("l", .long(7)), ("ld", .long(.min)), ("f", .float(-.infinity)), ("s", ""), ("b", .bytes([]))]),
              ]),
        // bytes that are not UTF-8 cannot be read as a string.
        .init(writer: #""bytes""#, reader: #""string""#, values: [.bytes([0xC3, 0xA9]), .bytes([0xFF])]),
        // Reader fields added with defaults.
        .init(writer: R.record("R", #"{"name":"a","type":"int"}"#),
              reader: R.record("R", #"{"name":"s","type":"string","default":"x"}"#, #"{"name":"a","type":"int"}"#,
                               #"{"name":"n","type":["null","int"],"default":null}"#, #"{"name":"u","type":["int","null"],"default":3}"#,
                               #"{"name":"arr","type":{"type":"array","items":"long"},"default":[1,2]}"#,
                               #"{"name":"m","type":{"type":"map","values":"int"},"default":{"k":1}}"#,
                               #"{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]},"default":"B"}"#,
                               #"{"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"long"}]},"default":{"x":9}}"#,
                               #"{"name":"d","type":"double","default":1.5}"#, #"{"name":"l","type":"long","default":9007199254740993}"#),
              values: [.record([("a", .int(1))])]),
        // A field renamed through an alias, the record renamed through an alias, a field
        // dropped (with nested types to skip) and one widened.
        .init(writer: #"{"type":"record","name":"ns.Old","fields":[{"name":"name","type":"string"},{"name":"tags","type":{"type":"map","values":{"type":"array","items":"string"}}},{"name":"age","type":"int"}]}"#,
              reader: #"{"type":"record","name":"ns.New","aliases":["Old"],"fields":[{"name":"age","type":"long"},{"name":"fullName","type":"string","aliases":["name"]},{"name":"email","type":"string","default":"-"}]}"#,
              values: [.record([("name", "Ada"), ("tags", .map([("k", ["a", "b"])])), ("age", .int(36))])]),
        // Nested record names must match: fastavro refuses as we do. (Root records
        // resolve whatever their names, as in Java; fastavro refuses those too.)
        .init(writer: R.record("R", #"{"name":"p","type":\#(R.record("A", #"{"name":"x","type":"int"}"#))}"#),
              reader: R.record("R", #"{"name":"p","type":\#(R.record("B", #"{"name":"x","type":"int"}"#))}"#), values: [.record([("p", .record([("x", .int(1))]))])]),
        // Enums: the reader's default, and a symbol the reader lacks.
        .init(writer: #"{"type":"enum","name":"E","symbols":["A","B","C"]}"#,
              reader: #"{"type":"enum","name":"E","symbols":["A","B","UNKNOWN"],"default":"UNKNOWN"}"#,
              values: [.enumeration("A"), .enumeration("C")]),
        .init(writer: #"{"type":"enum","name":"E","symbols":["A","B","C"]}"#, reader: #"{"type":"enum","name":"E","symbols":["B","A"]}"#,
              values: [.enumeration("A"), .enumeration("C")]),
        // Unions.
        .init(writer: #"["int","string"]"#, reader: #"["string","int"]"#, values: [.union(branch: 0, value: .int(5)), .union(branch: 1, value: "s")]),
        .init(writer: #"["null","int","string"]"#, reader: #"["null","long"]"#,
              values: [.union(branch: 0, value: .null), .union(branch: 1, value: .int(5)), .union(branch: 2, value: "x")]),
        .init(writer: #"["null","int"]"#, reader: #""long""#, values: [.union(branch: 1, value: .int(7)), .union(branch: 0, value: .null)]),
        .init(writer: #""int""#, reader: #"["null","double"]"#, values: [.int(-2)]),
        .init(writer: #""string""#, reader: #"["null","bytes"]"#, values: ["é"]),
        .init(writer: #""long""#, reader: #"["null","int"]"#, values: [.long(1)]),
        // Arrays and maps, and records inside them.
        .init(writer: #"{"type":"map","values":{"type":"array","items":"float"}}"#, reader: #"{"type":"map","values":{"type":"array","items":"double"}}"#,
              values: [.map([("a", [.float(0.5), .float(-1e-3)]), ("b", [])])]),
        .init(writer: #"{"type":"array","items":\#(R.record("P", #"{"name":"x","type":"int"}"#))}"#,
              reader: #"{"type":"array","items":\#(R.record("P", #"{"name":"y","type":"string","default":"-"}"#, #"{"name":"x","type":"long"}"#))}"#,
              values: [[.record([("x", .int(1))]), .record([("x", .int(2))])]]),
        // A recursive list gains a field.
        .init(writer: #"{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"]}]}"#,
              reader: #"{"type":"record","name":"Node","fields":[{"name":"value","type":"long"},{"name":"label","type":"string","default":"?"},{"name":"next","type":["null","Node"]}]}"#,
              values: [.record([("value", .int(1)), ("next", .union(branch: 1, value: .record([("value", .int(2)), ("next", .union(branch: 0, value: .null))])))])]),
    ]

    static let script = TestData.fixture("resolution/resolve_with_fastavro.py")

    static var isAvailable: Bool { PythonPeer.fastavroIsInstalled }


    @Test(.enabled(if: isAvailable)) func fastavroResolvesLikeUs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("resolve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = [Self.script.path]
        var expected: [(description: String, result: AvroJSON?)] = []
        for (number, testCase) in Self.cases.enumerated() {
            let writer = try AvroSchema(parsing: testCase.writer), reader = try AvroSchema(parsing: testCase.reader)
            let writerFile = directory.appendingPathComponent("\(number).writer.avsc"), readerFile = directory.appendingPathComponent("\(number).reader.avsc")
            try Data(testCase.writer.utf8).write(to: writerFile)
            try Data(testCase.reader.utf8).write(to: readerFile)
            arguments += (number == 0 ? [] : ["--"]) + [writerFile.path, readerFile.path]
            for (index, value) in testCase.values.enumerated() {
                let bytes = try value.encoded(as: writer)
                let file = directory.appendingPathComponent("\(number).\(index).bin")
                try Data(bytes).write(to: file)
                arguments.append(file.path)
                let ours = try? AvroValue(decoding: bytes, writerSchema: writer, readerSchema: reader)
                expected.append(("case \(number) value \(index): \(testCase.writer) → \(testCase.reader)", ours.map { Self.sorted(Self.json($0)) }))
            }
        }
        let (status, output) = try PythonPeer.runText(arguments)
        try #require(status == 0, "the script failed: \(output)")
        let lines = output.split(separator: "\n")
        try #require(lines.count == expected.count, "\(output)")
        for (line, (description, ours)) in zip(lines, expected) {
            let theirs = try AvroJSON(parsing: String(line))
            if case .object(let object) = theirs, object.count == 1, object["error"] != nil {
                #expect(ours == nil, "fastavro refused, we read \(String(describing: ours?.serialized())) — \(description): \(line)")
            } else {
                #expect(ours == Self.sorted(theirs), "\(description): fastavro \(line), we \(String(describing: ours?.serialized()))")
            }
        }
    }

    /// A value in the script's JSON form.
    static func json(_ value: AvroValue) -> AvroJSON {
        switch value {
        case .null: .null
        case .boolean(let bool): .bool(bool)
        case .int(let int): .integer(Int64(int))
        case .long(let long): .integer(long)
        case .float(let float): float64(Double(float))
        case .double(let double): float64(double)
        case .bytes(let bytes), .fixed(let bytes): .object(["bytes": .string(hexString(bytes))])
        case .string(let text), .enumeration(let text): .string(text)
        case .array(let items): .array(items.map(json))
        case .map(let entries): .object(.init(entries.map { (key: $0.key, value: json($0.value)) }))
        case .record(let fields): .object(.init(fields.map { (key: $0.name, value: json($0.value)) }))
        case .union(_, let value): json(value)
        }
    }

    static func float64(_ double: Double) -> AvroJSON {
        let digits = String(double.bitPattern, radix: 16)
        return .object(["float64": .string(String(repeating: "0", count: 16 - digits.count) + digits)])
    }

    /// The JSON with every object's members sorted by key (fastavro puts defaulted fields last).
    static func sorted(_ json: AvroJSON) -> AvroJSON {
        switch json {
        case .array(let items): .array(items.map(sorted))
        case .object(let object): .object(.init(object.sorted { $0.key < $1.key }.map { (key: $0.key, value: sorted($0.value)) }))
        default: json
        }
    }
}
