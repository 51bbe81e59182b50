import Foundation
import Testing
@testable import Avro

/// The app model gallery: every model derives a schema that our parser takes back; its
/// samples round-trip as datums and files; fastavro reads our datums and files and writes
/// them back, its datums byte for byte ours, and we read what it wrote into equal values.
@Suite struct AppModelGalleryTests {
    @Test func theGalleryHasThirtyModels() {
        #expect(AppModelGallery.entries.count >= 30)
        #expect(Set(AppModelGallery.entries.map(\.name)).count == AppModelGallery.entries.count)
    }

    @Test(arguments: AppModelGallery.entries)
    func everyModelRoundTrips(_ entry: AppModelGalleryEntry) throws {
        let json = try entry.schemaJSON()
        #expect(try AvroSchema(parsing: json).jsonString(pretty: true) == json)
        #expect(try entry.mismatches(entry.datums(), entry.file()) == [])
    }

    @Test(.enabled(if: PythonPeer.fastavroIsInstalled))
    func fastavroReadsAndWritesBackEveryModel() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let datums = try Self.writeGallery(to: directory.url)
        let (status, output) = try PythonPeer.runText([TestData.fixture("appmodels/echo_with_fastavro.py").path, directory.url.path])
        #expect(status == 0)
        // fastavro keeps map entries in the order read, so its bytes are ours exactly.
        try Self.check(output, peer: "fastavro", suffix: "back", in: directory.url, datums: datums, sameBytes: true)
    }

    @Test(.enabled(if: PeerImplementations.javaIsInstalled, "javac, java or the jars of libavro-java are not installed"))
    func javaReadsAndWritesBackEveryModel() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let datums = try Self.writeGallery(to: directory.url)
        let classes = directory.file("classes")
        let classPath = PeerImplementations.javaJars.map(\.path).joined(separator: ":")
        let javac = try #require(PeerImplementations.javac), java = try #require(PeerImplementations.java)
        let compiled = try PeerImplementations.run(javac, ["-d", classes.path, "-cp", classPath, TestData.fixture("appmodels/EchoAvro.java").path], in: directory)
        try #require(compiled.status == 0, "javac failed: \(compiled.errors)")
        let ran = try PeerImplementations.run(java, ["-cp", classes.path + ":" + classPath, "EchoAvro", directory.url.path], in: directory, timeout: 120)
        #expect(ran.status == 0, "\(ran.errors)")
        // Java's generic maps are hash maps: map entries may come back in another order, so
        // its bytes are compared as values.
        try Self.check(ran.output, peer: "Java", suffix: "java", in: directory.url, datums: datums, sameBytes: false)
    }

    /// Writes each model's schema, datums and container file into `directory`; returns the datums.
    static func writeGallery(to directory: URL) throws -> [String: [[UInt8]]] {
        var datums: [String: [[UInt8]]] = [:]
        for entry in AppModelGallery.entries {
            try entry.schemaJSON().write(to: directory.appendingPathComponent("\(entry.name).avsc"), atomically: true, encoding: .utf8)
            let bytes = try entry.datums()
            datums[entry.name] = bytes
            for (index, datum) in bytes.enumerated() {
                try Data(datum).write(to: directory.appendingPathComponent("\(entry.name).\(index).bin"))
            }
            try entry.file().write(to: directory.appendingPathComponent("\(entry.name).avro"))
        }
        return datums
    }

    /// Checks what a peer wrote back (`NAME.N.SUFFIX.bin`, `NAME.SUFFIX.avro`): it read every
    /// model, and its datums and file decode into the samples (with `sameBytes`, its datums
    /// are also ours byte for byte).
    static func check(_ output: String, peer: String, suffix: String, in directory: URL, datums: [String: [[UInt8]]], sameBytes: Bool) throws {
        var results: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { results[parts[0]] = parts[1] }
        }
        for entry in AppModelGallery.entries {
            let ours = datums[entry.name] ?? []
            #expect(results[entry.name] == "ok \(ours.count)", "\(entry.name): \(peer) says \(results[entry.name] ?? "nothing")")
            guard results[entry.name]?.hasPrefix("ok") == true else { continue }
            let theirs = try ours.indices.map { [UInt8](try Data(contentsOf: directory.appendingPathComponent("\(entry.name).\($0).\(suffix).bin"))) }
            if sameBytes {
                for (index, (mine, back)) in zip(ours, theirs).enumerated() where mine != back {
                    Issue.record("\(entry.name) datum \(index): \(peer) wrote back \(hexString(back)), we wrote \(hexString(mine))")
                }
            }
            let file = try Data(contentsOf: directory.appendingPathComponent("\(entry.name).\(suffix).avro"))
            #expect(try entry.mismatches(theirs, file) == [], "\(entry.name), written back by \(peer)")
        }
    }
}
