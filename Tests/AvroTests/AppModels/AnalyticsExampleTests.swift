import Foundation
import Testing
@testable import Avro

/// The Analytics example runs as its header says: it writes its sales, reads them back, and
/// reads a file in the shape Spark writes (every field a union with null, the decimal as a
/// `fixed`, the record named `topLevelRecord`).
@Suite struct AnalyticsExampleTests {
    static let executable: URL? = CLITool.url.map { $0.deletingLastPathComponent().appendingPathComponent("Analytics") }
        .flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }

    @Test(.enabled(if: executable != nil, "the Analytics example was not built"))
    func theExampleWritesReadsAndReadsSparksShape() throws {
        let executable = try #require(Self.executable)
        try CLITool.withTemporaryDirectory { directory in
            let written = try CLITool.runProgram(executable, ["write", "sales.avro"], in: directory)
            #expect(written.lines == ["wrote 5 sales to sales.avro"], "\(written.errorText)")
            let read = try CLITool.runProgram(executable, ["read", "sales.avro"], in: directory)
            #expect(read.lines == [
                "sale 1: Ada, 13.49 on 2026-12-01, paid", "sale 2: Grace, 25.99 on 2026-12-02", "sale 3: Edsger, 38.49 on 2026-12-03, paid",
                "sale 4: Barbara, 50.99 on 2026-12-04", "sale 5: Donald, 63.49 on 2026-12-05, paid", "total 192.45, written by a shop.Sale schema",
            ], "\(read.errorText)")

            let spark = try AvroSchema(parsing: """
                {"type": "record", "name": "topLevelRecord", "fields": [
                  {"name": "id", "type": ["long", "null"]},
                  {"name": "customer", "type": ["string", "null"]},
                  {"name": "amount", "type": [{"type": "fixed", "name": "fixed", "namespace": "topLevelRecord.amount", "size": 5,
                                               "logicalType": "decimal", "precision": 10, "scale": 2}, "null"]},
                  {"name": "day", "type": [{"type": "int", "logicalType": "date"}, "null"]},
                  {"name": "paid", "type": ["boolean", "null"]}]}
                """)
            let writer = try AvroFileWriter<AvroValue>(url: directory.appendingPathComponent("spark.avro"), schema: spark, codec: AvroSnappyCodec())
            // 38.49 is 3849 hundredths: 0x0f09 in five bytes; 2026-12-03 is day 20790.
            try writer.append(.record([("id", .union(branch: 0, value: .long(3))), ("customer", .union(branch: 0, value: "Edsger")),
                                       ("amount", .union(branch: 0, value: .fixed([0, 0, 0, 0x0f, 0x09]))),
                                       ("day", .union(branch: 0, value: .int(20790))), ("paid", .union(branch: 0, value: .boolean(true)))]))
            try writer.close()
            let fromSpark = try CLITool.runProgram(executable, ["read", "spark.avro"], in: directory)
            #expect(fromSpark.lines == ["sale 3: Edsger, 38.49 on 2026-12-03, paid", "total 38.49, written by a topLevelRecord schema"], "\(fromSpark.errorText)")
        }
    }
}
