import Foundation
import Testing
@testable import Avro

/// `avro generate`: the golden types in `Tests/AvroTests/Generated` (generated from
/// `Fixtures/generate/golden.avsc` and compiled with the suite), and every schema of the
/// shared test data compiled.
@Suite struct GeneratorTests {
    static let goldenSchemaURL = TestData.fixture("generate/golden.avsc")
    static let goldenSourceURL = TestData.repositoryRoot.appendingPathComponent("Tests/AvroTests/Generated/GoldenTypes.swift")
    static let goldenOptions = AvroSwiftGenerator.Options(accessLevel: .internal, typeNaming: .namespacePrefixed)

    @Test func theGoldenSourceIsWhatTheGeneratorWrites() throws {
        let schema = try AvroSchema(parsing: Data(contentsOf: Self.goldenSchemaURL))
        let source = try AvroSwiftGenerator(options: Self.goldenOptions).generate([schema])
        let golden = try String(contentsOf: Self.goldenSourceURL, encoding: .utf8)
        #expect(source == golden, "regenerate: avro generate --namespace-prefix --access internal Tests/AvroTests/Fixtures/generate/golden.avsc -o Tests/AvroTests/Generated/GoldenTypes.swift")
    }

    @Test func generatedTypesCarryTheSchemaTheyCameFrom() throws {
        let schema = try AvroSchema(parsing: Data(contentsOf: Self.goldenSchemaURL))
        #expect(try AvroSchema(deriving: GoldenAccount.self) == schema)
        #expect(GoldenAccount.avroSchema == schema)
        // A nested named type stands on its own, as written inside the record.
        guard case .record(let record) = schema.kind, case .union(let branches) = record.fields[15].type.kind else {
            Issue.record("the golden schema's contact field is not a union")
            return
        }
        #expect(GoldenAddress.avroSchema == branches[3])
        #expect(try AvroSchema(deriving: GoldenLevel.self) == GoldenLevel.avroSchema)
    }

    static func sampleAccounts() -> [GoldenAccount] {
        let leaf = GoldenAccount(name: "leaf", opened: Date(timeIntervalSince1970: 1_700_000_000.123), birthday: Date(timeIntervalSince1970: 86_400 * 365),
                                 id: UUID(uuidString: "6f1d0c9e-3a51-4a53-9a4e-2f6a1b9b8c7d")!, balance: Decimal(string: "1234.56")!,
                                 limit: Decimal(string: "-99.1234")!, grace: AvroDuration(months: 1, days: 2, milliseconds: 3),
                                 contact: .level(.goldPlus), data: Data([0, 1, 255]), hash: Data(repeating: 7, count: 16), class: -5)
        let other = GoldenAccount(name: "ünïcode €", age: -7, email: "a@b.c", opened: Date(timeIntervalSince1970: -1.5), birthday: Date(timeIntervalSince1970: 0),
                                  id: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, balance: Decimal(string: "-0.01")!, limit: 0,
                                  grace: AvroDuration(), level: .basic, ratio: -0.25, weight: .greatestFiniteMagnitude, active: false, scores: [1, -2.5, .infinity],
                                  counters: ["one": 1], contact: .address(GoldenAddress(zip: "10115", lines: ["a", "b"])), data: Data(),
                                  hash: Data(repeating: 0, count: 16), class: .max, parent: leaf, children: [leaf, leaf],
                                  home: GoldenAddress(zip: "", lines: []))
        return [leaf, other, GoldenAccount(name: "", opened: Date(timeIntervalSince1970: 0), birthday: Date(timeIntervalSince1970: 0), id: UUID(),
                                           balance: 0, limit: 1, grace: AvroDuration(), counters: ["none": nil], contact: .string("s"), data: Data([9]),
                                           hash: Data(count: 16), class: 0)]
    }

    @Test func generatedCodeAndCodableWriteAndReadTheSameBytes() throws {
        // The same schema with another doc: the coders go through Codable with it.
        var codableSchema = GoldenAccount.avroSchema
        guard case .record(var record) = codableSchema.kind else { return }
        record.doc = "coded through Codable"
        codableSchema.kind = .record(record)
        for account in Self.sampleAccounts() {
            let direct = try AvroEncoder().encodeBytes(account)
            let codable = try AvroEncoder(schema: codableSchema).encodeBytes(account)
            #expect(direct == codable)
            #expect(try AvroDecoder().decode(GoldenAccount.self, from: codable) == account)
            #expect(try AvroDecoder(schema: codableSchema).decode(GoldenAccount.self, from: direct) == account)
        }
    }

    /// Every default of the golden `Settings` is a default argument: the initializer without
    /// arguments gives what the schema's defaults give when the library fills them in (a
    /// record written with no fields, read through resolution).
    @Test func defaultsBecomeDefaultArguments() throws {
        let empty = try AvroSchema(parsing: #"{"type": "record", "name": "golden.Settings", "fields": []}"#)
        let fromSchema = try AvroDecoder().decode(GoldenSettings.self, from: [UInt8](), writerSchema: empty)
        let defaults = GoldenSettings()
        #expect(defaults == fromSchema)
        // The values themselves, as the schema gives them.
        #expect(defaults.tags == ["a", "b"] && defaults.limits == ["x": 1, "y": -2])
        #expect(defaults.start == Date(timeIntervalSince1970: 1_577_836_800.123) && defaults.micros == Date(timeIntervalSince1970: -1.5))
        #expect(defaults.day == Date(timeIntervalSince1970: 18_262 * 86_400))
        #expect(defaults.token == UUID(uuidString: "6F1D0C9E-3A51-4A53-9A4E-2F6A1B9B8C7D"))
        #expect(defaults.price == Decimal(string: "-12.34") && defaults.pad == Data([0, 255]) && defaults.blob == Data("ab".utf8))
        #expect(defaults.period == AvroDuration(months: 1, days: 2, milliseconds: 259))
        #expect(defaults.choice == .long(5) && defaults.nickname == "none" && defaults.level == nil)
        #expect(defaults.place == GoldenAddress(zip: "1000", lines: ["x"]) && defaults.nested == [["a": nil, "b": 2.5], [:]])
        // A record's default names some fields; the others take their own defaults.
        var expected = defaults
        expected.theme = "dark"
        expected.place = GoldenAddress(zip: "2000", lines: [])
        #expect(Self.sampleAccounts()[0].settings == expected)
    }

    @Test(.enabled(if: PythonPeer.fastavroIsInstalled))
    func fastavroReadsAndWritesBackGeneratedTypes() throws {
        let accounts = Self.sampleAccounts()
        let writer = try AvroFileWriter<GoldenAccount>()
        try writer.append(contentsOf: accounts)
        try writer.close()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.avro"), output = directory.appendingPathComponent("out.avro")
        try writer.data.write(to: input)
        let script = """
            import fastavro, sys
            with open(sys.argv[1], 'rb') as f:
                reader = fastavro.reader(f, return_named_type=True)
                schema, records = reader.writer_schema, list(reader)
            with open(sys.argv[2], 'wb') as f:
                fastavro.writer(f, schema, records)
            print(len(records))
            """
        let result = try PythonPeer.runText(["-c", script, input.path, output.path])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(accounts.count)")
        let reader = try AvroFileReader<GoldenAccount>(data: Data(contentsOf: output))
        var read: [GoldenAccount] = []
        while let account = try reader.next() { read.append(account) }
        #expect(read.count == accounts.count)
        for (back, account) in zip(read, accounts) {
            let (backJSON, accountJSON) = (try AvroEncoder().encodeAvroJSON(back), try AvroEncoder().encodeAvroJSON(account))
            #expect(back == account, "\(backJSON) is not \(accountJSON)")
        }
    }

    @Test func namesSwiftCannotHoldAreRefusedWithTheirPath() throws {
        let clash = try AvroSchema(parsing: """
            {"type": "record", "name": "a.Item", "fields": [{"name": "other", "type": {"type": "record", "name": "b.Item", "fields": []}}]}
            """)
        let error = expectAvroError(.unsupported) { _ = try AvroSwiftGenerator().generate([clash]) }
        #expect(error?.path == "b.Item")
        #expect(error?.message.contains("a.Item") == true)
        // With namespace-prefixed names the two are AItem and BItem.
        let source = try AvroSwiftGenerator(options: .init(typeNaming: .namespacePrefixed)).generate([clash])
        #expect(source.contains("struct AItem") && source.contains("struct BItem"))
        // Two branches that would both be the case `int`: the record keeps its name as written.
        let cases = try AvroSchema(parsing: """
            {"type": "record", "name": "R", "fields": [{"name": "u", "type": ["int", {"type": "record", "name": "Int", "fields": []}]}]}
            """)
        let source2 = try AvroSwiftGenerator().generate([cases])
        #expect(source2.contains("case int(Int32)") && source2.contains("case Int(IntType)"))
    }

    @Test(.enabled(if: TestData.isAvailable && SwiftCompiler.isAvailable))
    func everySchemaOfTheTestDataGivesCodeThatCompiles() throws {
        let root = try #require(TestData.directory)
        let files = try Self.schemaFiles(in: root)
        #expect(files.count > 60)
        var source = "import Avro\nimport Foundation\n"
        var generated = 0
        for (index, file) in files.enumerated() {
            // The C++ large schema (386 KB, 339 records) gives 120,000 lines whose nested
            // types each carry their schema: generated, but not compiled here for time.
            let data = try Data(contentsOf: file)
            guard data.count < 100_000, let schema = try? AvroSchema(parsing: data) else { continue }
            do {
                let code = try AvroSwiftGenerator().generate([schema])
                // Each schema's types in an enum of their own, so that names do not clash.
                let body = code.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("import ") }
                source += "\n// \(file.path)\nenum Schema\(index) {\n" + body.joined(separator: "\n") + "\n}\n"
                generated += 1
            } catch let error as AvroError {
                // Refused: the error names where, and why.
                #expect(error.code == .unsupported && error.path != nil, "\(file.path): \(error)")
            }
        }
        #expect(generated > 50)
        let diagnostics = try SwiftCompiler.typecheck(source)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    /// The schema files of the test data: `.avsc` files, and the C and C++ schema folders.
    static func schemaFiles(in root: URL) throws -> [URL] {
        let manager = FileManager.default
        var files: [URL] = []
        for case let url as URL in manager.enumerator(at: root, includingPropertiesForKeys: nil) ?? .init() {
            let path = url.path
            let isSchemaFolder = path.contains("/lang-c/schema_tests/pass/") || path.contains("/lang-cpp/jsonschemas/")
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if url.pathExtension == "avsc" || isSchemaFolder { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// The Swift compiler of this toolchain, for checking generated code against the `Avro`
/// module of this build.
enum SwiftCompiler {
    /// The build folder that holds the test binary and the `Avro` module.
    static let buildFolder: URL? = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<6 {
            url = url.deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Modules/Avro.swiftmodule").path) { return url }
        }
        return nil
    }()

    static let isAvailable: Bool = buildFolder != nil && (try? run(["swiftc", "--version"]).status) == 0

    /// Type-checks `source` in Swift 6 mode against the `Avro` module; returns the error and
    /// warning lines.
    static func typecheck(_ source: String) throws -> [String] {
        let folder = try #require(buildFolder)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let moduleMaps = ["CAvroStack", "CAvroCodecs", "CAvroAtomic"].flatMap { ["-Xcc", "-fmodule-map-file=" + folder.appendingPathComponent("\($0).build/module.modulemap").path] }
        let zlib = TestData.repositoryRoot.appendingPathComponent("Sources/CZlib/module.modulemap").path
        let result = try run(["swiftc", "-typecheck", "-swift-version", "6", "-I", folder.appendingPathComponent("Modules").path]
                             + moduleMaps + ["-Xcc", "-fmodule-map-file=" + zlib, file.path])
        return result.output.split(separator: "\n").map(String.init).filter { $0.contains("error:") || $0.contains("warning:") }
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try CLITool.runProgram(URL(fileURLWithPath: "/usr/bin/env"), arguments)
        return (result.status, result.text + result.errorText)
    }
}
