import Foundation
import Testing
@testable import Avro

/// `avro generate`: the golden types in `Tests/AvroTests/Generated` (generated from
/// `Fixtures/generate/golden.avsc` and compiled with the suite), and every schema of the
/// shared test data compiled.
@Suite struct GeneratorTests {
    static let goldenSchemaURL = TestData.fixture("generate/golden.avsc")
    static let goldenOptions = AvroSwiftGenerator.Options(accessLevel: .internal, typeNaming: .namespacePrefixed)
    /// The golden schemas (in `Fixtures/generate`) and the files generated from them (in
    /// `Tests/AvroTests/Generated`): every kind of field and default; a recursive union of
    /// records; names Swift reserves or that clash once mapped; every logical type.
    static let goldenFiles = [("golden", "GoldenTypes"), ("expressions", "ExpressionsTypes"), ("names", "NamesTypes"), ("logical", "LogicalTypes")]

    @Test(arguments: goldenFiles)
    func theGoldenSourcesAreWhatTheGeneratorWrites(schemaName: String, sourceName: String) throws {
        let schema = try AvroSchema(parsing: Data(contentsOf: TestData.fixture("generate/\(schemaName).avsc")))
        let source = try AvroSwiftGenerator(options: Self.goldenOptions).generate([schema])
        let sourceURL = TestData.repositoryRoot.appendingPathComponent("Tests/AvroTests/Generated/\(sourceName).swift")
        let golden = try String(contentsOf: sourceURL, encoding: .utf8)
        #expect(source == golden, "regenerate: avro generate --namespace-prefix --access internal Tests/AvroTests/Fixtures/generate/\(schemaName).avsc -o Tests/AvroTests/Generated/\(sourceName).swift")
        // Each type carries its schema exactly as written.
        let types: [String: any AvroSchemaProviding.Type] = ["golden": GoldenAccount.self, "expressions": ExprExpression.self, "names": NamesType.self, "logical": LogicalMeasurement.self]
        #expect(types[schemaName]?.avroSchema == schema)
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

    static func sampleExpressions() -> [ExprExpression] {
        let x = ExprExpression(node: .variable(ExprVariable(name: "x")))
        let two = ExprExpression(node: .literal(ExprLiteral(value: 2.5)))
        let sum = ExprExpression(node: .binary(ExprBinary(op: .add, left: x, right: two)),
                                 annotations: ["note": .string("x + 2.5"), "depth": .long(-2), "none": nil, "inner": .expression(two)])
        let call = ExprExpression(node: .call(ExprCall(function: "max", arguments: [sum, x, ExprExpression(node: nil)])))
        return [x, sum, call, ExprExpression(node: .binary(ExprBinary(op: .div, left: call, right: sum))), ExprExpression(node: nil)]
    }

    static func sampleNames() -> [NamesType] {
        [NamesType(self: "me", default: 7, protocol: "p", Type: true, in: .`Self`, first: NamesAItem(id: -1), second: NamesBItem(id: "b"),
                   where: .namesBItem(NamesBItem(id: "w")), snake_case_field: 9, _underscore: 0.5),
         NamesType(self: "", Type: false, in: .none, first: NamesAItem(id: .max), second: NamesBItem(id: "ü"),
                   where: .namesAItem(NamesAItem(id: 3)), snake_case_field: .min, _underscore: -.infinity)]
    }

    static func sampleMeasurements() -> [LogicalMeasurement] {
        [LogicalMeasurement(date: Date(timeIntervalSince1970: 86_400 * 19_000), timeMillis: 3_723_004, timeMicros: 3_723_000_005,
                            timestampMillis: Date(timeIntervalSince1970: 1_700_000_000.125), timestampMicros: Date(timeIntervalSince1970: -0.5),
                            timestampNanos: 1_767_225_600_123_456_789, localMillis: Date(timeIntervalSince1970: 86_400.5),
                            localMicros: Date(timeIntervalSince1970: 0.25), uuid: UUID(uuidString: "6f1d0c9e-3a51-4a53-9a4e-2f6a1b9b8c7d")!,
                            fixedUUID: UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)), amount: Decimal(string: "-12345678901234567890.0123456789")!, price: Decimal(string: "1234567.891")!,
                            duration: AvroDuration(months: 1, days: 2, milliseconds: 3), maybeDate: Date(timeIntervalSince1970: -86_400), unknown: "red"),
         LogicalMeasurement(date: Date(timeIntervalSince1970: 0), timeMillis: 0, timeMicros: 0, timestampMillis: Date(timeIntervalSince1970: 0),
                            timestampMicros: Date(timeIntervalSince1970: 0), timestampNanos: 0, localMillis: Date(timeIntervalSince1970: 0),
                            localMicros: Date(timeIntervalSince1970: 0), uuid: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, fixedUUID: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                            amount: 0, price: Decimal(string: "-0.001")!, duration: AvroDuration(), unknown: "")]
    }

    @Test func generatedCodeAndCodableWriteAndReadTheSameBytes() throws {
        try Self.checkDirectAndCodableAgree(Self.sampleAccounts())
        try Self.checkDirectAndCodableAgree(Self.sampleExpressions())
        try Self.checkDirectAndCodableAgree(Self.sampleNames())
        try Self.checkDirectAndCodableAgree(Self.sampleMeasurements())
    }

    /// The generated code and the type's Codable conformance (used with the same schema under
    /// another doc) write the same bytes, and each reads what the other wrote.
    static func checkDirectAndCodableAgree<T: AvroBinaryCodable & Codable & Equatable>(_ values: [T], sourceLocation: SourceLocation = #_sourceLocation) throws {
        var codableSchema = T.avroSchema
        guard case .record(var record) = codableSchema.kind else { return }
        record.doc = "coded through Codable"
        codableSchema.kind = .record(record)
        for value in values {
            let direct = try AvroEncoder().encodeBytes(value)
            let codable = try AvroEncoder(schema: codableSchema).encodeBytes(value)
            #expect(direct == codable, sourceLocation: sourceLocation)
            #expect(try AvroDecoder().decode(T.self, from: codable) == value, sourceLocation: sourceLocation)
            #expect(try AvroDecoder(schema: codableSchema).decode(T.self, from: direct) == value, sourceLocation: sourceLocation)
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

    /// A `uuid` on a fixed is a `UUID` whose default is the fixed's 16 bytes; on a string, the
    /// UUID its text names.
    @Test func uuidDefaultsOnFixedAndString() throws {
        let schema = try AvroSchema(parsing: """
            {"type": "record", "name": "Ids", "fields": [
              {"name": "raw", "type": {"type": "fixed", "name": "Raw", "size": 16, "logicalType": "uuid"}, "default": "abcdefghijklmnop"},
              {"name": "text", "type": {"type": "string", "logicalType": "uuid"}, "default": "00000000-0000-0000-0000-0000000000ff"}]}
            """)
        let source = try AvroSwiftGenerator().generate([schema])
        let raw = "raw: UUID = UUID(uuid: (" + (97...112).map { String(format: "0x%02x", $0) }.joined(separator: ", ") + "))"
        let text = "text: UUID = UUID(uuid: (" + (Array(repeating: "0x00", count: 15) + ["0xff"]).joined(separator: ", ") + "))"
        #expect(source.contains(raw) && source.contains(text), "\(source)")
        #expect(source.contains("writer.writeFixedUUID(self.raw)") && source.contains("try reader.readFixedUUID()"))
        // The fixed holds the UUID's bytes in order, as the Codable coders write it.
        let uuid = UUID(uuid: (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))
        var writer = AvroBinaryWriter()
        writer.writeFixedUUID(uuid)
        #expect(writer.bytes == Array(0...15))
        let fixed = try AvroSchema(parsing: #"{"type": "fixed", "name": "U", "size": 16, "logicalType": "uuid"}"#)
        #expect(try AvroEncoder(schema: fixed).encodeBytes(uuid) == writer.bytes)
        let back = try writer.bytes.withUnsafeBytes { buffer in
            var reader = AvroBinaryReader(buffer)
            return try reader.readFixedUUID()
        }
        #expect(back == uuid)
    }

    @Test(.enabled(if: PythonPeer.fastavroIsInstalled))
    func fastavroReadsAndWritesBackGeneratedTypes() throws {
        try Self.checkFastavroWritesBack(Self.sampleAccounts())
        try Self.checkFastavroWritesBack(Self.sampleExpressions())
        try Self.checkFastavroWritesBack(Self.sampleNames())
        try Self.checkFastavroWritesBack(Self.sampleMeasurements())
    }

    /// Writes `values` to a container file, has fastavro read it and write what it read to a
    /// file of its own, and reads that back as `T`: every value comes back equal.
    static func checkFastavroWritesBack<T: AvroBinaryCodable & Codable & Equatable>(_ values: [T], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let writer = try AvroFileWriter<T>()
        try writer.append(contentsOf: values)
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
        #expect(result.status == 0, "\(result.output)", sourceLocation: sourceLocation)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(values.count)", sourceLocation: sourceLocation)
        let reader = try AvroFileReader<T>(data: Data(contentsOf: output))
        var read: [T] = []
        while let value = try reader.next() { read.append(value) }
        #expect(read.count == values.count, sourceLocation: sourceLocation)
        for (back, value) in zip(read, values) {
            let (backJSON, valueJSON) = (try AvroEncoder().encodeAvroJSON(back), try AvroEncoder().encodeAvroJSON(value))
            #expect(back == value, "\(backJSON) is not \(valueJSON)", sourceLocation: sourceLocation)
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
