import Foundation
import Testing
@testable import Avro

/// `AvroFileReader` from files, handles, pipes and memory; as a `Sequence` and an
/// `AsyncSequence`; reading one block at a time.
@Suite struct FileReaderTests {
    typealias Reading = ContainerFixtures.Reading

    /// A file of `count` readings in blocks of about 64 KB.
    static func writeFile(_ url: URL, count: Int, codec: any AvroCodec = AvroNullCodec()) throws {
        let writer = try AvroFileWriter<Reading>(url: url, schema: ContainerFixtures.readingSchema(), codec: codec)
        try writer.append(contentsOf: ContainerFixtures.readings(count))
        try writer.close()
    }

    // Memory stays at one block: after the first value, the reader has read the header, the
    // first block and at most one more chunk, not the whole file (about 1 MB).
    @Test func readsOneBlockAtATime() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("big.avro")
        try Self.writeFile(url, count: 30_000)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size > 900_000)

        let handle = try FileHandle(forReadingFrom: url)
        let reader = try AvroFileReader<Reading>(fileHandle: handle)
        #expect(try reader.next() == ContainerFixtures.readings(1).first)
        let blocks = try ContainerFixtures.blocks(of: Data(contentsOf: url))
        #expect(try handle.offset() <= UInt64(blocks[0].bytes.upperBound + AvroFileInput.chunkSize))
        var count = 1
        while try reader.next() != nil { count += 1 }
        #expect(count == 30_000)
        #expect(try AvroFileReader<Reading>.count(url: url) == 30_000)
    }

    /// A pipe whose other end a thread of its own (not one of the cooperative pool's, which
    /// parallel tests may all be blocking) fills with `data` and then closes.
    static func pipe(feeding data: Data) -> FileHandle {
        let pipe = Pipe()
        let output = pipe.fileHandleForWriting
        Thread.detachNewThread {
            try? output.write(contentsOf: data)
            try? output.close()
        }
        return pipe.fileHandleForReading
    }

    // A pipe cannot seek and has no known size.
    @Test func readsFromAPipe() throws {
        let writer = try AvroFileWriter<Reading>(schema: ContainerFixtures.readingSchema(), codec: AvroDeflateCodec(), blockSize: 2000)
        try writer.append(contentsOf: ContainerFixtures.readings(2000))
        try writer.close()
        let reader = try AvroFileReader<Reading>(fileHandle: Self.pipe(feeding: writer.data))
        #expect(try ContainerFixtures.readAll(reader) == ContainerFixtures.readings(2000))
    }

    @Test func readsAsAnAsyncSequence() async throws {
        let writer = try AvroFileWriter<Reading>(schema: ContainerFixtures.readingSchema(), blockSize: 500)
        try writer.append(contentsOf: ContainerFixtures.readings(100))
        try writer.close()
        let reader = try AvroFileReader<Reading>(data: writer.data)
        var values: [Reading] = []
        for try await value in reader.values { values.append(value) }
        #expect(values == ContainerFixtures.readings(100))
    }

    @Test func asyncSequenceThrowsTheError() async throws {
        let writer = try AvroFileWriter<Reading>(schema: ContainerFixtures.readingSchema())
        try writer.append(contentsOf: ContainerFixtures.readings(3))
        try writer.close()
        // Cut inside the block's data: no value of it. (Cut only in its sync marker, the block's
        // values would come first.)
        let reader = try AvroFileReader<Reading>(data: writer.data.dropLast(17))
        var values: [Reading] = []
        do {
            for try await value in reader.values { values.append(value) }
            Issue.record("expected an error")
        } catch let error as AvroError {
            #expect(error.code == .invalidFile)
        }
        #expect(values.isEmpty)
        #expect(reader.error != nil)
    }

    // The reader is single-pass: a new iteration goes on where the last one stopped.
    @Test func iterationSharesThePosition() throws {
        let writer = try AvroFileWriter<Int64>(schema: .long, blockSize: 3)
        try writer.append(contentsOf: Array(0..<10))
        try writer.close()
        let reader = try AvroFileReader<Int64>(data: writer.data)
        for value in reader where value == 4 { break }
        #expect(try reader.next() == 5)
        #expect(Array(reader) == [6, 7, 8, 9])
        #expect(try reader.next() == nil)
        #expect(reader.error == nil)
    }

    @Test func readsFromAFileURL() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("url.avro")
        try Self.writeFile(url, count: 10, codec: AvroSnappyCodec())
        let reader = try AvroFileReader<Reading>(url: url)
        #expect(reader.header.codecName == "snappy")
        #expect(try ContainerFixtures.readAll(reader) == ContainerFixtures.readings(10))
        let missing = expectAvroError(.io) { _ = try AvroFileReader<Reading>(url: directory.file("missing.avro")) }
        #expect(missing?.message.hasPrefix("could not open ") == true)
    }

    // Recovery on a stream that cannot seek searches on from inside its current chunk.
    @Test func recoveryOnAPipe() throws {
        let writer = try AvroFileWriter<Int64>(schema: .long, blockSize: 10)
        try writer.append(contentsOf: Array(0..<30))
        try writer.close()
        var bytes = [UInt8](writer.data)
        let blocks = try ContainerFixtures.blocks(of: writer.data)
        bytes[blocks[1].bytes.lowerBound] = 0x01 // a negative count
        let reader = try AvroFileReader<Int64>(fileHandle: Self.pipe(feeding: Data(bytes)), options: .init(skipsCorruptBlocks: true))
        #expect(Array(reader) == Array(0..<10) + Array(20..<30))
        #expect(reader.skippedRanges.map(\.bytes) == [blocks[1].bytes])
    }
}
