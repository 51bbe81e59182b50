import Foundation
import Testing
@testable import Avro

/// The examples of each topic, built beside `avro`.
enum TopicExamples {
    /// The example `name`, built beside `avro`, or `nil`.
    static func executable(_ name: String) -> URL? {
        CLITool.url.map { $0.deletingLastPathComponent().appendingPathComponent(name) }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }
    }

    /// Whether the examples were built (the tests are skipped otherwise).
    static let built = ["EnumsWithValues", "KafkaMessages", "DynamicValues", "Defaults", "IDLProtocols"].allSatisfy { executable($0) != nil }

    /// The lines the example `name` prints.
    static func run(_ name: String) throws -> [String] {
        let result = try CLITool.runProgram(try #require(executable(name)), [])
        #expect(result.status == 0, "\(name): \(result.errorText)")
        return result.lines
    }
}

/// The examples of each topic (`Examples/`) run and print what their comments promise.
@Suite(.enabled(if: TopicExamples.built, "the examples were not built")) struct TopicExampleTests {
    @Test func enumsWithValuesAreUnionsOneBranchPerCase() throws {
        let lines = try TopicExamples.run("EnumsWithValues")
        #expect(lines.count == 4)
        let schema = try AvroSchema(parsing: try #require(lines.first))
        #expect(schema == (try AvroSchema(parsing: #"{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"payment","type":[{"type":"record","name":"Card","fields":[{"name":"last4","type":"string"}]},{"type":"record","name":"Cash","fields":[{"name":"currency","type":"string"}]},{"type":"record","name":"transfer","namespace":"Payment","fields":[{"name":"iban","type":"string"}]}]}]}"#)))
        #expect(lines.dropFirst().map { $0.components(separatedBy: " in ").last ?? "" } == ["7 bytes, branch 0", "6 bytes, branch 1", "21 bytes, branch 2"])
        #expect(lines[3] == #"order 3: transfer(iban: "NL91ABNA0417164300") in 21 bytes, branch 2"#)
    }

    @Test func kafkaMessagesAreReadIntoTodaysType() throws {
        let lines = try TopicExamples.run("KafkaMessages")
        // Confluent: magic 0, the id 42 big-endian, then the value ("Ada", 36).
        #expect(lines.first == "confluent: 00 00 00 00 2a 06 41 64 61 48")
        #expect(lines[1].hasPrefix("single-object: c3 01 "))
        #expect(Array(lines.suffix(2)) == ["Ada, 36, unknown", "Grace, 45, unknown"])
    }

    @Test func dynamicValuesGoThroughBinaryAndJSON() throws {
        let lines = try TopicExamples.run("DynamicValues")
        #expect(lines == [
            "binary: 06 74 2d 31 02 00 00 00 00 00 80 35 40 02 08 72 6f 6f 6d 0e 6b 69 74 63 68 65 6e 00",
            #"sensor string("t-1"), value double(21.5)"#,
            #"Avro JSON: {"sensor":"t-1","value":{"double":21.5},"tags":{"room":"kitchen"}}"#,
            #"from JSON: {"sensor":"t-2","value":null,"tags":{}}"#,
        ])
    }

    @Test func oldFilesReadIntoTodaysTypeWithDefaultsAndAliases() throws {
        let lines = try TopicExamples.run("Defaults")
        #expect(Array(lines.prefix(2)) == ["1: ada@example.com, NL", "2: grace@example.com, NL"])
        #expect(lines.last == #"{"type":"record","name":"Customer","fields":[{"name":"id","type":"long"},{"name":"email","type":"string","aliases":["mail"]},{"name":"country","type":"string","default":"NL"}]}"#)
    }

    /// The protocol's MD5 is the one Java 1.12.1 computes for the `.avpr` that `avro idl`
    /// writes from Shop.avdl (e71c26d1…, checked with `Fixtures/idl/ProtocolDigest.java`).
    @Test func aProtocolInIDLGivesItsMessagesAndSwiftTypes() throws {
        let lines = try TopicExamples.run("IDLProtocols")
        #expect(lines == [
            "place(lines: array<Line>, note: null | string) -> Order throws OutOfStock",
            "cancel(id: long) -> null oneway",
            "md5: e71c26d1256ae4539462a28e6c5a7f06",
            "Order's schema is the IDL's: true",
            "order 7: 1 line, placed, 29 bytes, read back equal: true",
        ])
    }
}
