import Foundation
import Testing
@testable import Avro

/// Reading a file in byte ranges, as Hadoop and Spark split files between tasks: readers over
/// adjacent ranges that cover the file read every value exactly once, wherever the file is cut.
@Suite struct ByteRangeTests {
    struct Reading: Codable, Equatable {
        var id: Int64
        var label: String
        var values: [Double]
    }

    /// A file of 80 readings in blocks of about 100 bytes.
    static func file(codec: any AvroCodec) throws -> (data: Data, values: [Reading]) {
        let values = (0..<80).map { Reading(id: Int64($0) * 977, label: "reading \($0)", values: Array(repeating: Double($0) / 4, count: $0 % 3)) }
        let writer = try AvroFileWriter<Reading>(codec: codec, blockSize: 100)
        try writer.append(contentsOf: values)
        try writer.close()
        return (writer.data, values)
    }

    /// The values of `data` in `range`, in order.
    static func read(_ data: Data, _ range: Range<Int>) throws -> [Reading] {
        try Array(AvroFileReader<Reading>(data: data, options: .init(byteRange: range)))
    }

    @Test(arguments: [AvroNullCodec() as any AvroCodec, AvroDeflateCodec()])
    func twoReadersCutAtEveryByteReadEveryValueOnce(codec: any AvroCodec) throws {
        let (data, values) = try Self.file(codec: codec)
        let blocks = try Self.blockOffsets(data)
        #expect(blocks.count > 10)
        var wrong: [Int] = []
        for cut in 0...data.count {
            let first = try Self.read(data, 0..<cut), second = try Self.read(data, cut..<data.count)
            if first + second != values { wrong.append(cut) }
            // The first reader reads the blocks whose marker (just before them) starts before the cut.
            let expected = blocks.filter { $0.offset - AvroFileHeader.syncMarkerSize < cut }.reduce(0) { $0 + $1.count }
            if first.count != expected { wrong.append(cut) }
        }
        #expect(wrong == [])
    }

    @Test func manyReadersOverRandomCutsReadEveryValueOnce() throws {
        let (data, values) = try Self.file(codec: AvroDeflateCodec())
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let cuts = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int.random(in: 0...data.count, using: &generator) }.sorted()
            let bounds = [0] + cuts + [data.count + 100] // a last range past the end is fine
            var read: [Reading] = []
            for index in 0..<(bounds.count - 1) { read += try Self.read(data, bounds[index]..<bounds[index + 1]) }
            #expect(read == values, "cuts \(cuts)")
        }
        // Empty ranges and ranges past the end read nothing.
        #expect(try Self.read(data, 40..<40) == [])
        #expect(try Self.read(data, data.count..<(data.count + 10)) == [])
    }

    /// A range starting at a block's offset holds that block's successors, not the block.
    @Test func blockOffsetsAreSplitPoints() throws {
        let (data, values) = try Self.file(codec: AvroNullCodec())
        let blocks = try Self.blockOffsets(data)
        var before = 0
        for block in blocks {
            before += block.count
            #expect(try Self.read(data, block.offset..<data.count) == Array(values[before...]))
        }
    }

    /// Through a pipe, which cannot seek: the reader reads up to the range and searches on.
    /// A range that starts inside a block's sync marker starts with the next block.
    @Test(arguments: [3, AvroFileHeader.syncMarkerSize + 3])
    func aPipeIsReadFromItsRangeOn(before: Int) throws {
        let (data, values) = try Self.file(codec: AvroDeflateCodec())
        let blocks = try Self.blockOffsets(data)
        let cut = blocks[4].offset - before
        let pipe = Pipe()
        let feeder = Thread {
            pipe.fileHandleForWriting.write(data)
            try? pipe.fileHandleForWriting.close()
        }
        feeder.start()
        let read = try Array(AvroFileReader<Reading>(fileHandle: pipe.fileHandleForReading, options: .init(byteRange: cut..<Int.max)))
        let first = before > AvroFileHeader.syncMarkerSize ? 4 : 5
        let skipped = blocks[..<first].reduce(0) { $0 + $1.count }
        #expect(read == Array(values[skipped...]))
    }

    /// Files written by other implementations, counted in ranges cut anywhere
    /// (`AvroFileReader.count` honours the range too), and read as values at every 7th byte
    /// (every 505th in the 22 KB file of 6,001 values).
    @Test(.enabled(if: TestData.isAvailable), arguments: [
        "generated/avro-py/interop-100-records-10-blocks-deflate.avro", "share-test-data/syncInMeta.avro",
        "share-test-data/weather-snappy.avro", "generated/avro-py/interop-empty.avro",
    ])
    func filesOfOtherImplementationsSplitAnywhere(path: String) throws {
        let url = try TestData.url(path)
        let data = try Data(contentsOf: url)
        let total = try AvroFileReader<AvroValue>.count(url: url)
        let all = try Array(AvroFileReader<AvroValue>(data: data))
        #expect(all.count == total)
        var wrong: [Int] = []
        // Every byte of the small files, every 5th of the 22 KB one (12 blocks of about 1,800
        // bytes: some 360 cuts each, 3 in each sync marker).
        for cut in stride(from: 0, through: data.count, by: data.count < 6_000 ? 1 : 5) {
            let first = try AvroFileReader<AvroValue>.count(url: url, options: .init(byteRange: 0..<cut))
            let second = try AvroFileReader<AvroValue>.count(url: url, options: .init(byteRange: cut..<data.count))
            if first + second != total { wrong.append(cut) }
            if cut % (data.count < 6_000 ? 7 : 505) == 0 {
                let values = try Array(AvroFileReader<AvroValue>(data: data, options: .init(byteRange: 0..<cut)))
                    + Array(AvroFileReader<AvroValue>(data: data, options: .init(byteRange: cut..<data.count)))
                if values != all { wrong.append(cut) }
            }
        }
        #expect(wrong == [])
    }

    /// Where each block of `data` starts and how many values it holds, as the reader reports them.
    static func blockOffsets(_ data: Data) throws -> [(offset: Int, count: Int)] {
        let reader = try AvroFileReader<AvroValue>(data: data)
        var blocks: [(offset: Int, count: Int)] = []
        while try reader.next() != nil {
            let offset = try #require(reader.blockOffset)
            if blocks.last?.offset == offset { blocks[blocks.count - 1].count += 1 } else { blocks.append((offset, 1)) }
        }
        #expect(reader.blockOffset == nil)
        return blocks
    }
}
