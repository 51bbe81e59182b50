import Foundation
import Testing
@testable import Avro

/// A file cut inside its last sync marker keeps its last block: the block's data is whole, so
/// its values are returned before the cut is reported, as fastavro returns them.
@Suite struct CutFileTests {
    static let schema = try! AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}"#)

    /// A file of three blocks of 40 values each, and the values.
    static func file(codec: any AvroCodec = AvroNullCodec()) throws -> (Data, [AvroValue]) {
        let values: [AvroValue] = (0..<120).map { .record([("id", .long(Int64($0))), ("name", .string("name \($0)"))]) }
        let writer = try AvroFileWriter<AvroValue>(schema: schema, codec: codec)
        for start in stride(from: 0, to: 120, by: 40) {
            try writer.append(contentsOf: values[start..<start + 40])
            try writer.flush()
        }
        try writer.close()
        return (writer.data, values)
    }

    static func read(_ data: Data, options: AvroFileReaderOptions = .init()) throws -> ([AvroValue], AvroError?) {
        let reader = try AvroFileReader<AvroValue>(data: data, options: options)
        let values = Array(reader)
        return (values, reader.error as? AvroError)
    }

    @Test(arguments: [AvroNullCodec() as any AvroCodec & Sendable, AvroDeflateCodec()])
    func everyCutInsideTheLastMarkerKeepsTheLastBlock(codec: any AvroCodec & Sendable) throws {
        let (data, values) = try Self.file(codec: codec)
        for cut in 1...16 {
            let (read, error) = try Self.read(data.prefix(data.count - cut))
            #expect(read == values, "cut \(cut)")
            #expect(error?.code == .invalidFile, "cut \(cut)")
            #expect(error?.message.hasSuffix("the file ends inside the sync marker after the block's data: \(cut) of its 16 bytes are missing") == true, "\(String(describing: error))")
            #expect(error?.offset == data.count - cut)
            // Skipping corrupt blocks, the cut is listed and nothing is lost.
            let reader = try AvroFileReader<AvroValue>(data: data.prefix(data.count - cut), options: AvroFileReaderOptions(skipsCorruptBlocks: true))
            #expect(Array(reader) == values && reader.error == nil && reader.skippedRanges.count == 1)
        }
        // One byte of the last block's data missing: that block is withheld.
        let (read, error) = try Self.read(data.prefix(data.count - 17))
        #expect(read == Array(values.prefix(80)))
        #expect(error?.message.contains("block 2 (at byte") == true && error?.message.contains("bytes remain in the file") == true, "\(String(describing: error))")
    }

    /// Bytes that are not the start of the file's marker are corruption, not a cut.
    @Test func aWrongPartialMarkerIsCorruption() throws {
        let (data, values) = try Self.file()
        var broken = data.prefix(data.count - 8)
        broken[broken.count - 1] ^= 0xFF
        let (read, error) = try Self.read(Data(broken))
        #expect(read == Array(values.prefix(80)))
        #expect(error?.message.contains("expected the sync marker") == true, "\(String(describing: error))")
    }

    @Test(.enabled(if: PythonPeer.fastavroIsInstalled))
    func fastavroReadsAsManyValues() throws {
        let (data, _) = try Self.file()
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        var counts: [Int] = []
        for cut in [1, 5, 16, 17, 40] {
            let url = directory.file("cut-\(cut).avro")
            try data.prefix(data.count - cut).write(to: url)
            counts.append(try Self.read(data.prefix(data.count - cut)).0.count)
            let script = "import fastavro, sys\nn = 0\ntry:\n    for _ in fastavro.reader(open(sys.argv[1], 'rb')): n += 1\nexcept Exception:\n    pass\nprint(n)"
            let (status, output) = try PythonPeer.runText(["-c", script, url.path])
            #expect(status == 0)
            #expect(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) == counts.last, "cut \(cut): fastavro read \(output), we \(counts.last ?? -1)")
        }
        #expect(counts == [120, 120, 120, 80, 80])
    }
}
