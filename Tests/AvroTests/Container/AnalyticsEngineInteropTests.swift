import Foundation
import Testing
@testable import Avro

/// Where the files of Swift apps go next: Spark 4, DuckDB and polars read the files we write,
/// with each codec they support, and Spark and polars write files that we decode into the
/// app's own types (through `Fixtures/engines/engines.py`). Each engine's test is skipped when
/// the engine is not installed (`pip install pyspark duckdb duckdb-extension-avro polars`;
/// Spark also needs Java 17).
@Suite struct AnalyticsEngineInteropTests {
    /// A sale, with a decimal and a date as analytics engines have them.
    struct Sale: Codable, Equatable, AvroSchemaProviding {
        var id: Int64
        var customer: String
        var amount: Decimal
        var day: Date
        var note: String?
        var score: Double
        var paid: Bool

        static let avroSchema = try! AvroSchema(parsing: """
            {"type": "record", "name": "Sale", "namespace": "shop", "fields": [
              {"name": "id", "type": "long"},
              {"name": "customer", "type": "string"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "score", "type": "double"},
              {"name": "paid", "type": "boolean"}]}
            """)
    }

    /// A flat record: what polars reads and writes.
    struct Visit: Codable, Equatable {
        var id: Int64
        var page: String
        var note: String?
        var seconds: Double
        var bounced: Bool
    }

    /// A row as the script prints it: decimals as strings, dates as YYYY-MM-DD.
    struct EngineRow: Decodable, Equatable {
        var id: Int64
        var customer: String?
        var amount: String?
        var day: String?
        var page: String?
        var note: String?
        var score: Double?
        var seconds: Double?
        var paid: Bool?
        var bounced: Bool?
    }

    static func sales() -> [Sale] {
        (0..<300).map { (index: Int) -> Sale in
            let cents = index * 3_701 - 500_000
            let amount = Decimal(cents) / 100
            let day = Date(timeIntervalSince1970: Double(index - 150) * 86_400 * 97)
            let note: String? = index % 3 == 0 ? nil : "note \(index)"
            return Sale(id: Int64(index) * 7919 - 1_000_000, customer: "customer \(index) ✓", amount: amount, day: day, note: note,
                        score: Double(index) / 8, paid: index % 2 == 0)
        }
    }

    static func visits() -> [Visit] {
        (0..<300).map { (index: Int) -> Visit in
            let note: String? = index % 4 == 0 ? nil : "n\(index)"
            return Visit(id: Int64(index), page: "/page/\(index % 17)", note: note, seconds: Double(index) / 4, bounced: index % 5 == 0)
        }
    }

    /// What the script prints of `sales`: the amounts as decimals with two digits after the
    /// point, or (`rawAmounts`, an engine without decimals) as the hex of their bytes, the
    /// unscaled value in big-endian two's complement.
    static func rows(of sales: [Sale], rawAmounts: Bool = false) -> [EngineRow] {
        let days = DateFormatter()
        days.dateFormat = "yyyy-MM-dd"
        days.timeZone = TimeZone(identifier: "UTC")
        return sales.map { sale in
            let cents = NSDecimalNumber(decimal: sale.amount * 100).int64Value
            let amount = rawAmounts ? hex(twosComplement: cents) : (cents < 0 ? "-" : "") + "\(abs(cents) / 100)." + String(format: "%02d", abs(cents) % 100)
            return EngineRow(id: sale.id, customer: sale.customer, amount: amount, day: days.string(from: sale.day), note: sale.note, score: sale.score, paid: sale.paid)
        }
    }

    /// The hex of the fewest big-endian two's-complement bytes that hold `value`.
    static func hex(twosComplement value: Int64) -> String {
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init)
        while bytes.count > 1, (bytes[0] == 0 && bytes[1] < 0x80) || (bytes[0] == 0xff && bytes[1] >= 0x80) { bytes.removeFirst() }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func rows(of visits: [Visit]) -> [EngineRow] {
        visits.map { EngineRow(id: $0.id, page: $0.page, note: $0.note, seconds: $0.seconds, bounced: $0.bounced) }
    }

    /// What the script printed: rows or an error per file read, a file or an error per copy.
    struct Outcome: Decodable {
        enum Rows: Decodable {
            case rows([EngineRow]), error(String)
            init(from decoder: any Decoder) throws {
                if let rows = try? [EngineRow](from: decoder) { self = .rows(rows); return }
                self = .error(try decoder.container(keyedBy: AvroCodingKey.self).decode(String.self, forKey: AvroCodingKey(stringValue: "error")))
            }
            var rows: [EngineRow]? { if case .rows(let rows) = self { rows } else { nil } }
        }
        enum Copy: Decodable {
            case file(String), error(String)
            init(from decoder: any Decoder) throws {
                if let file = try? String(from: decoder) { self = .file(file); return }
                self = .error(try decoder.container(keyedBy: AvroCodingKey.self).decode(String.self, forKey: AvroCodingKey(stringValue: "error")))
            }
        }
        var read: [String: Rows]
        var copied: [String: Copy]

        /// The file the engine wrote into `folder`; records an issue when it wrote none.
        func file(in folder: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
            guard case .file(let path)? = copied[folder] else {
                Issue.record("the engine did not write \(folder): \(String(describing: copied[folder]))", sourceLocation: sourceLocation)
                return nil
            }
            return URL(fileURLWithPath: path)
        }
    }

    static let script = TestData.repositoryRoot.appendingPathComponent("Tests/AvroTests/Fixtures/engines/engines.py")

    /// Whether `python3` can import `modules` (and, for Spark, `java` runs).
    static func has(_ modules: String, java: Bool = false) -> Bool {
        guard (try? PythonPeer.run(["-c", "import \(modules)"]).status) == 0 else { return false }
        guard java else { return true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["java", "-version"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Runs the script's job for `engine` in `directory`.
    static func run(_ engine: String, read: [String], copy: [(from: String, to: String, codec: String)], in directory: URL) throws -> Outcome {
        let job: [String: Any] = ["engine": engine, "read": read.map { directory.appendingPathComponent($0).path },
                                  "copy": copy.map { ["from": directory.appendingPathComponent($0.from).path, "to": directory.appendingPathComponent($0.to).path, "codec": $0.codec] }]
        let jobURL = directory.appendingPathComponent("job.json")
        try JSONSerialization.data(withJSONObject: job).write(to: jobURL)
        let result = try PythonPeer.run([script.path, jobURL.path])
        try #require(result.status == 0, "engines.py \(engine) exited with \(result.status)")
        var outcome = try JSONDecoder().decode(Outcome.self, from: result.output)
        // Keyed by the names given, not the paths.
        outcome.read = Dictionary(uniqueKeysWithValues: outcome.read.map { (URL(fileURLWithPath: $0.key).lastPathComponent, $0.value) })
        outcome.copied = Dictionary(uniqueKeysWithValues: outcome.copied.map { (URL(fileURLWithPath: $0.key).lastPathComponent, $0.value) })
        return outcome
    }

    /// Writes `values` to one file per codec in `directory`, named `prefix-CODEC.avro`, and
    /// returns the names.
    static func write<T: Encodable>(_ values: [T], codecs: [any AvroCodec], prefix: String, in directory: URL) throws -> [String] {
        try codecs.map { codec in
            let name = "\(prefix)-\(codec.name).avro"
            let writer = try AvroFileWriter<T>(url: directory.appendingPathComponent(name), codec: codec, blockSize: 4_000)
            try writer.append(contentsOf: values)
            try writer.close()
            return name
        }
    }

    static let codecs: [any AvroCodec] = [AvroNullCodec(), AvroDeflateCodec(), AvroSnappyCodec(), AvroZstandardCodec()]

    @Test(.enabled(if: has("pyspark", java: true), "pyspark and Java are needed"))
    func sparkReadsOurFilesAndWritesFilesWeDecode() throws {
        let sales = Self.sales()
        try CLITool.withTemporaryDirectory { directory in
            let names = try Self.write(sales, codecs: Self.codecs, prefix: "sales", in: directory)
            let outcome = try Self.run("spark", read: names, copy: [("sales-deflate.avro", "spark-snappy", "snappy"), ("sales-null.avro", "spark-deflate", "deflate"),
                                                                   ("sales-snappy.avro", "spark-zstandard", "zstandard")], in: directory)
            for name in names {
                #expect(outcome.read[name]?.rows == Self.rows(of: sales), "Spark read \(name): \(String(describing: outcome.read[name]))")
            }
            // Spark's files: every field a union with null, decimals as fixed, the record named
            // topLevelRecord. They decode into the app's type.
            for folder in ["spark-snappy", "spark-deflate", "spark-zstandard"] {
                guard let file = outcome.file(in: folder) else { continue }
                let reader = try AvroFileReader<Sale>(url: file)
                #expect(reader.header.schema.name?.fullname == "topLevelRecord")
                #expect(reader.header.codecName == folder.replacingOccurrences(of: "spark-", with: ""))
                // Spark writes rows in any order within its tasks; one task keeps them.
                #expect(try Array(reader) == sales, "\(folder)")
            }
        }
    }

    @Test(.enabled(if: has("duckdb, duckdb_extension_avro"), "duckdb and duckdb-extension-avro are needed"))
    func duckdbReadsOurFiles() throws {
        let sales = Self.sales()
        try CLITool.withTemporaryDirectory { directory in
            // DuckDB's extension has no zstandard.
            let names = try Self.write(sales, codecs: Self.codecs.filter { $0.name != "zstandard" }, prefix: "sales", in: directory)
            let outcome = try Self.run("duckdb", read: names, copy: [], in: directory)
            // DuckDB's extension reads decimals as their bytes.
            for name in names {
                #expect(outcome.read[name]?.rows == Self.rows(of: sales, rawAmounts: true), "DuckDB read \(name): \(String(describing: outcome.read[name]))")
            }
        }
    }

    @Test(.enabled(if: has("polars"), "polars is needed"))
    func polarsReadsOurFlatFilesAndWritesFilesWeDecode() throws {
        let visits = Self.visits()
        try CLITool.withTemporaryDirectory { directory in
            let names = try Self.write(visits, codecs: Self.codecs.filter { $0.name != "zstandard" }, prefix: "visits", in: directory)
            let outcome = try Self.run("polars", read: names, copy: [("visits-null.avro", "polars-deflate", "deflate"), ("visits-deflate.avro", "polars-snappy", "snappy")], in: directory)
            for name in names {
                #expect(outcome.read[name]?.rows == Self.rows(of: visits), "polars read \(name): \(String(describing: outcome.read[name]))")
            }
            for folder in ["polars-deflate", "polars-snappy"] {
                guard let file = outcome.file(in: folder) else { continue }
                #expect(try Array(AvroFileReader<Visit>(url: file)) == visits, "\(folder)")
            }
        }
    }
}
