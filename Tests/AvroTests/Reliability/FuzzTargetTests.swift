import AvroFuzzing
import Foundation
import Testing
@testable import Avro

/// The fuzz targets of `Fuzz/` (run for minutes by `Fuzz/run.sh`), run here on their seeds
/// and on every input the fuzzer ever found a bug with (`Fuzz/Regressions/TARGET/`), so
/// that the harnesses stay correct and every bug found stays fixed.
struct FuzzTargetTests {
    /// The inputs that once made a target crash or break a property, by target.
    static let regressions: [(target: FuzzTarget, file: URL)] = FuzzTarget.allCases.flatMap { target in
        let folder = TestData.repositoryRoot.appendingPathComponent("Fuzz/Regressions/\(target.rawValue)")
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }.map { (target, $0) }
    }

    @Test func theHarnessSchemasAndModelsAreValid() throws {
        #expect(FuzzSchemas.schemas.count == FuzzSchemas.texts.count)
        #expect(FuzzSchemas.evolutions.count == 4)
        for evolution in FuzzSchemas.evolutions {
            #expect(AvroSchemaCompatibility.check(reader: evolution.reader, writer: evolution.writer).allSatisfy { $0.failsOnlyWhenUsed })
        }
        let order = try AvroSchema(deriving: FuzzModels.Order.self)
        #expect(AvroSchemaCompatibility.check(reader: try FuzzModels.summarySchema(), writer: order).allSatisfy { $0.failsOnlyWhenUsed })
    }

    @Test func everyGeneratedSeedIsAcceptedAndKeepsItsProperties() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avro-fuzz-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let counts = try FuzzSeeds.write(to: directory, testData: nil)
        for target in FuzzTarget.allCases {
            let folder = directory.appendingPathComponent(target.rawValue)
            let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            #expect(files.count == counts[target] && files.count >= 5, "\(target)")
            for file in files {
                #expect(try target.run([UInt8](Data(contentsOf: file))), "\(target) refused its seed \(file.lastPathComponent)")
            }
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func theSharedTestDataKeepsEveryProperty() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("avro-fuzz-seeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let counts = try FuzzSeeds.write(to: directory, testData: try TestData.url("."))
        #expect(counts[.container, default: 0] > 20 && counts[.schema, default: 0] > 20)
        for target in [FuzzTarget.schema, .container, .idl, .avroProtocol] {
            let folder = directory.appendingPathComponent(target.rawValue)
            for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil) {
                #expect(throws: Never.self, "\(target) \(file.lastPathComponent)") { try target.run([UInt8](Data(contentsOf: file))) }
            }
        }
    }

    @Test func everyInputTheFuzzerFoundStaysFixed() throws {
        for (target, file) in Self.regressions {
            #expect(throws: Never.self, "\(target) \(file.lastPathComponent)") { try target.run([UInt8](Data(contentsOf: file))) }
        }
    }

    // The targets tell refused input from accepted input (a round trip that breaks cannot be
    // shown here without a bug to break it).
    @Test func refusedInputIsNotAccepted() throws {
        #expect(try FuzzTarget.schema.run(Array(#"{"type": "record"}"#.utf8)) == false)
        #expect(try FuzzTarget.value.run([0, 0x02]) == false)   // a Node cut after its value
        #expect(try FuzzTarget.value.run([0, 0x02, 0, 0, 0]) == true)
        #expect(try FuzzTarget.container.run(Array("Obj".utf8)) == false)
        #expect(try FuzzTarget.json.run([2] + Array(#"{"int": 5}"#.utf8)) == true)
        #expect(try FuzzTarget.json.run([2] + Array(#"{"long": 5}"#.utf8)) == false)
        #expect(try FuzzTarget.idl.run(Array("protocol P { record R { Missing m; } }".utf8)) == false)
        #expect(try FuzzTarget.idl.run(Array("protocol P { import idl \"x.avdl\"; }".utf8)) == false)
        #expect(try FuzzTarget.avroProtocol.run(Array(#"{"protocol": "P", "messages": {"m": {"request": []}}}"#.utf8)) == false)
    }
}
