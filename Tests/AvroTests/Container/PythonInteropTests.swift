import Foundation
import Testing
@testable import Avro

/// Files we write, with every codec this machine has, read back by fastavro and by the
/// official Python `avro` package (for the codecs it supports), through
/// `Fixtures/container/read_with_python.py`. Skipped when `python3 -c "import fastavro"` fails.
@Suite(.enabled(if: PythonPeer.fastavroIsInstalled)) struct PythonInteropTests {
    enum Kind: String, Codable { case SPADES, HEARTS, DIAMONDS, CLUBS }

    /// A row of every kind of Avro type the Python readers turn into plain values.
    struct Row: Codable, Equatable {
        var id: Int64
        var sensor: String
        var value: Double
        var tags: [String]
        var note: String?
        var payload: [UInt8]
        var kind: Kind
        var digest: [UInt8]
        var attrs: [String: Int64]
    }

    /// A row as the script prints it: bytes and fixed as hex.
    struct PythonRow: Decodable, Equatable {
        var id: Int64
        var sensor: String
        var value: Double
        var tags: [String]
        var note: String?
        var payload: String
        var kind: String
        var digest: String
        var attrs: [String: Int64]
    }

    /// What one Python package made of one file.
    struct PeerResult: Decodable {
        var records: [PythonRow]?
        var unsupported: String?
        var error: String?
    }

    static let schemaText = """
        {"type":"record","name":"Row","namespace":"test.interop","fields":[
          {"name":"id","type":"long"},
          {"name":"sensor","type":"string"},
          {"name":"value","type":"double"},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"note","type":["null","string"]},
          {"name":"payload","type":"bytes"},
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}},
          {"name":"digest","type":{"type":"fixed","name":"Digest","size":4}},
          {"name":"attrs","type":{"type":"map","values":"long"}}]}
        """

    static let kinds: [Kind] = [.SPADES, .HEARTS, .DIAMONDS, .CLUBS]

    static func rows() -> [Row] {
        (0..<250).map { (index: Int) -> Row in
            let id: Int64 = index == 0 ? .min : index == 1 ? .max : Int64(index) * 1_000_000_007
            let tags: [String] = (0..<(index % 3)).map { "tag-\($0)-é" }
            let note: String? = index % 2 == 0 ? nil : "note 🎉 \(index)"
            let payload: [UInt8] = (0..<(index % 5)).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0) }
            let digest: [UInt8] = (0..<4).map { UInt8(truncatingIfNeeded: index &+ $0 &* 64) }
            let attrs: [String: Int64] = Dictionary(uniqueKeysWithValues: (0..<(index % 4)).map { ("k\($0)", Int64(index - $0)) })
            return Row(id: id, sensor: "sensor-\(index % 7)", value: Double(index) / 16 - 3, tags: tags, note: note,
                       payload: payload, kind: kinds[index % 4], digest: digest, attrs: attrs)
        }
    }

    static func pythonView(_ row: Row) -> PythonRow {
        PythonRow(id: row.id, sensor: row.sensor, value: row.value, tags: row.tags, note: row.note, payload: hexString(row.payload),
                  kind: row.kind.rawValue, digest: hexString(row.digest), attrs: row.attrs)
    }

    @Test func pythonReadsOurFilesWithEveryCodec() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let schema = try AvroSchema(parsing: Self.schemaText)
        let rows = Self.rows()
        var arguments: [String] = []
        for codec in ContainerFixtures.availableCodecs {
            let url = directory.file("\(codec.name).avro")
            let writer = try AvroFileWriter<Row>(url: url, schema: schema, codec: codec, blockSize: 2000)
            try writer.append(contentsOf: rows)
            try writer.close()
            arguments.append("\(codec.name)=\(url.path)")
        }
        let script = TestData.fixture("container/read_with_python.py").path
        let (status, output) = try PythonPeer.run([script] + arguments)
        try #require(status == 0, "the script failed: \(String(decoding: output, as: UTF8.self))")
        let results = try JSONDecoder().decode([String: [String: PeerResult]].self, from: output)

        let expected = rows.map(Self.pythonView)
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let (codec, path) = (parts[0], parts[1])
            let peers = try #require(results[path], "no result for \(codec)")
            for peer in ["fastavro", "avro"] {
                let result = try #require(peers[peer])
                if let error = result.error { Issue.record("\(peer) could not read our \(codec) file: \(error)") }
                if let records = result.records { #expect(records == expected, "\(peer) read our \(codec) file differently") }
                // Every peer reads the two codecs the specification requires.
                if result.unsupported != nil { #expect(!["null", "deflate"].contains(codec) || peer == "avro", "\(peer) \(codec)") }
            }
        }
    }
}
