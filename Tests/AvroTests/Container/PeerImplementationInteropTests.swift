import Foundation
import Testing
@testable import Avro

/// The Avro implementations of other languages that can read our files on this machine:
/// avro-c's `avrocat` (Debian's `avro-bin`) and Java Avro (Debian's `libavro-java`, 1.8.2).
enum PeerImplementations {
    /// avro-c's command-line reader, which prints each record of a file as JSON on one line.
    static let avrocat = executable(named: "avrocat")

    /// The jars Java Avro reads files with: Avro and the libraries `libavro-java` depends on.
    static let javaJars: [URL] = [
        "avro", "avro-guava-dependencies", "jackson-core-asl", "jackson-mapper-asl", "snappy-java",
        "commons-compress", "xz", "slf4j-api", "slf4j-nop", "paranamer",
    ].map { URL(fileURLWithPath: "/usr/share/java/\($0).jar") }

    static let javac = executable(named: "javac")
    static let java = executable(named: "java")

    static var javaIsInstalled: Bool {
        javac != nil && java != nil && javaJars.allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The executable `name` in the first directory of `PATH` that has it.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// What a peer made of one of our files.
    enum Outcome {
        /// The records it read, as the Avro JSON text it printed, one per record.
        case records([String])
        /// It does not know the file's codec; its own words.
        case unknownCodec(String)
        /// It failed for another reason; its own words.
        case failed(String)
    }

    /// Runs `executable` with `arguments`, stopping it after `timeout` seconds; returns its exit
    /// status and what it printed. Output goes through files in `directory`, so a peer that
    /// prints a lot on both streams cannot block.
    static func run(_ executable: URL, _ arguments: [String], in directory: ScratchDirectory,
                    timeout: TimeInterval = 60) throws -> (status: Int32, output: String, errors: String) {
        let name = UUID().uuidString
        let outputURL = directory.file("\(name).out"), errorsURL = directory.file("\(name).err")
        try Data().write(to: outputURL)
        try Data().write(to: errorsURL)
        let output = try FileHandle(forWritingTo: outputURL), errors = try FileHandle(forWritingTo: errorsURL)
        defer { try? output.close(); try? errors.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(executable.lastPathComponent) did not finish within \(Int(timeout)) s")
        }
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errorsURL), as: UTF8.self))
    }
}

/// Files we write with every codec, read by avro-c (`avrocat`) and by Java Avro 1.8.2
/// (`Fixtures/container/ReadAvro.java`, compiled once per run), where they are installed. Each
/// peer prints the Avro JSON encoding of every record; we decode its text into our type and
/// compare with what we wrote. A codec is skipped only when the peer itself says it does not
/// know it (avro-c 1.11 knows null, deflate and snappy; Java 1.8.2 all but zstandard).
@Suite struct PeerImplementationInteropTests {
    enum Suit: String, Codable { case SPADES, HEARTS, DIAMONDS, CLUBS }

    struct Place: Codable, Equatable {
        var city: String
        var zip: Int32
    }

    /// A record with a field of every kind of Avro type.
    struct Row: Codable, Equatable {
        var name: String
        var count: Int32
        var id: Int64
        var ratio: Double
        var weight: Float
        var active: Bool
        var payload: [UInt8]
        var suit: Suit
        var scores: [Int32]
        var attributes: [String: String]
        var nickname: String?
        var origin: Place
    }

    static let schemaText = """
        {"type":"record","name":"Row","namespace":"test.peers","fields":[
          {"name":"name","type":"string"},
          {"name":"count","type":"int"},
          {"name":"id","type":"long"},
          {"name":"ratio","type":"double"},
          {"name":"weight","type":"float"},
          {"name":"active","type":"boolean"},
          {"name":"payload","type":"bytes"},
          {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}},
          {"name":"scores","type":{"type":"array","items":"int"}},
          {"name":"attributes","type":{"type":"map","values":"string"}},
          {"name":"nickname","type":["null","string"]},
          {"name":"origin","type":{"type":"record","name":"Place","fields":[
            {"name":"city","type":"string"},{"name":"zip","type":"int"}]}}]}
        """

    static let strings = [
        "", "plain", "é ü ß", "日本語", "emoji 🎉👍🏽", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r",
        "control \u{1}\u{1F}\u{7F}", "separators \u{2028}\u{2029}", String(repeating: "long ", count: 60),
    ]
    static let ints: [Int32] = [0, 1, -1, .max, .min, 63, -64, 8192]
    static let longs: [Int64] = [0, -1, .max, .min, (1 << 53) + 1, -(1 << 53) - 1, 4_294_967_296]
    static let doubles: [Double] = [0, -0.0, 0.1, -2.5, 1e300, -1e-300, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, .pi, 123_456_789.123]
    static let floats: [Float] = [0, 0.1, -3.25, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude, 16_777_216, 1e-7]
    static let suits: [Suit] = [.SPADES, .HEARTS, .DIAMONDS, .CLUBS]

    /// 120 rows whose fields depend on their index only; row 0 holds every byte value (0 last).
    static func rows() -> [Row] {
        (0..<120).map { (index: Int) -> Row in
            let payload: [UInt8] = index == 0 ? Array(1...255) + [0] : (0..<(index % 9)).map { UInt8(truncatingIfNeeded: index &* 37 &+ $0 &* 101) }
            let scores: [Int32] = (0..<(index % 4)).map { Int32(truncatingIfNeeded: index * 1000 - $0 * 77_777) }
            let attributes = Dictionary(uniqueKeysWithValues: (0..<(index % 3)).map { ("key \($0) é", strings[(index + $0) % strings.count]) })
            return Row(name: strings[index % strings.count], count: ints[index % ints.count] &+ Int32(index),
                       id: longs[index % longs.count], ratio: doubles[index % doubles.count], weight: floats[index % floats.count],
                       active: index % 2 == 0, payload: payload, suit: suits[index % suits.count], scores: scores,
                       attributes: attributes, nickname: index % 3 == 0 ? nil : strings[(index + 1) % strings.count],
                       origin: Place(city: strings[(index + 2) % strings.count], zip: Int32(index) * -12_345))
        }
    }

    /// Writes the rows with every codec this machine has, in blocks of about 2 KB.
    static func writeFiles(in directory: ScratchDirectory) throws -> [(codec: String, url: URL)] {
        let schema = try AvroSchema(parsing: schemaText)
        return try ContainerFixtures.availableCodecs.map { codec in
            let url = directory.file("rows-\(codec.name).avro")
            let writer = try AvroFileWriter<Row>(url: url, schema: schema, codec: codec, blockSize: 2000)
            try writer.append(contentsOf: rows())
            try writer.close()
            return (codec.name, url)
        }
    }

    /// Checks what `peer` read from each file against `expected`, skipping the codecs it reports
    /// as unknown. The codecs every implementation must read, null and deflate, are never skipped.
    static func check(_ peer: String, _ outcomes: [(codec: String, outcome: PeerImplementations.Outcome)],
                      expected: [Row] = rows()) throws {
        let decoder = AvroDecoder(schema: try AvroSchema(parsing: schemaText))
        for (codec, outcome) in outcomes {
            switch outcome {
            case .unknownCodec(let message):
                #expect(!["null", "deflate"].contains(codec), "\(peer) does not read \(codec): \(message)")
                print("PeerImplementationInteropTests: \(peer) does not know codec \(codec), skipped (\(message))")
            case .failed(let message):
                Issue.record("\(peer) could not read our \(codec) file: \(message)")
            case .records(let lines):
                let read = try lines.map { line in
                    do { return try decoder.decode(Row.self, fromAvroJSON: line) } catch {
                        Issue.record("\(peer), \(codec): cannot decode \(line): \(error)")
                        throw error
                    }
                }
                #expect(read.count == expected.count, "\(peer) read \(read.count) records of our \(codec) file")
                let mismatch = read.indices.first { $0 < expected.count && read[$0] != expected[$0] }
                #expect(mismatch == nil, "\(peer), \(codec): row \(mismatch ?? 0) reads as \(lines[mismatch ?? 0]), not \(expected[mismatch ?? 0])")
            }
        }
    }

    @Test func rowsSpanSeveralBlocks() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let files = try Self.writeFiles(in: directory)
        let null = try #require(files.first { $0.codec == "null" })
        let blocks = try ContainerFixtures.blocks(of: Data(contentsOf: null.url))
        #expect(blocks.count >= 5, "\(blocks.count) blocks")
        #expect(blocks.map(\.count).reduce(0, +) == 120)
    }

    @Test(.enabled(if: PeerImplementations.avrocat != nil, "avrocat (Debian's avro-bin) is not installed"))
    func avroCReadsOurFiles() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let avrocat = try #require(PeerImplementations.avrocat)
        let outcomes = try Self.writeFiles(in: directory).map { file in
            let (status, output, text) = try PeerImplementations.run(avrocat, [file.url.path], in: directory)
            let errors = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            let outcome: PeerImplementations.Outcome
            if status == 0 {
                outcome = .records(output.split(separator: "\n").map(String.init))
            } else if errors.lowercased().contains("unknown codec") {
                outcome = .unknownCodec(errors)
            } else {
                outcome = .failed("exit status \(status): \(errors)")
            }
            return (file.codec, outcome)
        }
        // avrocat prints bytes (and strings) only up to their first NUL: a file written by
        // fastavro with bytes 00 61 62 prints as "". Its JSON printer's limit, not the file's.
        let expected = Self.rows().map { row in
            var row = row
            row.payload = Array(row.payload.prefix { $0 != 0 })
            return row
        }
        try Self.check("avro-c", outcomes, expected: expected)
    }

    @Test(.enabled(if: PeerImplementations.javaIsInstalled, "javac, java or the jars of libavro-java are not installed"))
    func javaReadsOurFiles() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let classes = directory.file("classes")
        let classPath = PeerImplementations.javaJars.map(\.path).joined(separator: ":")
        let javac = try #require(PeerImplementations.javac), java = try #require(PeerImplementations.java)
        let compiled = try PeerImplementations.run(javac, ["-d", classes.path, "-cp", classPath,
                                                           TestData.fixture("container/ReadAvro.java").path], in: directory)
        try #require(compiled.status == 0, "javac failed: \(compiled.errors)")

        let files = try Self.writeFiles(in: directory)
        let ran = try PeerImplementations.run(java, ["-cp", classes.path + ":" + classPath, "ReadAvro"] + files.map(\.url.path),
                                              in: directory)
        try #require(ran.status == 0, "java failed: \(ran.errors)")
        // The output is, for each file: "# file PATH", its records, then "# end COUNT" or "# error …".
        var sections: [String: (records: [String], end: String)] = [:]
        var path = ""
        for line in ran.output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# file ") {
                path = String(line.dropFirst("# file ".count))
                sections[path] = ([], "")
            } else if line.hasPrefix("# ") {
                sections[path]?.end = line
            } else {
                sections[path]?.records.append(line)
            }
        }
        let outcomes = try files.map { file -> (codec: String, outcome: PeerImplementations.Outcome) in
            let section = try #require(sections[file.url.path], "no output for \(file.codec): \(ran.output)")
            if section.end.hasPrefix("# end ") { return (file.codec, .records(section.records)) }
            if section.end.contains("Unrecognized codec") { return (file.codec, .unknownCodec(section.end)) }
            return (file.codec, .failed(section.end))
        }
        try Self.check("Java", outcomes)
    }
}
