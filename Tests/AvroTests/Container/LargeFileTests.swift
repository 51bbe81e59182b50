import Foundation
import Testing
@testable import Avro

/// A file of a million small objects, written and read back one block at a time.
@Suite struct LargeFileTests {
    struct Point: Codable, Equatable {
        var id: Int64
        var x: Int32
    }

    static let count = 1_000_000

    static func point(_ index: Int) -> Point {
        Point(id: Int64(index) * 7919, x: Int32(truncatingIfNeeded: index % 1000 - 500))
    }

    @Test func millionObjects() throws {
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"Point","fields":[{"name":"id","type":"long"},{"name":"x","type":"int"}]}"#)
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let url = directory.file("million.avro")

        let writer = try AvroFileWriter<Point>(url: url, schema: schema, codec: AvroDeflateCodec(level: 1))
        for index in 0..<Self.count { try writer.append(Self.point(index)) }
        try writer.close()

        #expect(try AvroFileReader<Point>.count(url: url) == Self.count)
        let reader = try AvroFileReader<Point>(url: url)
        var read = 0
        for point in reader {
            if read % 99_991 == 0 || read == Self.count - 1 {
                #expect(point == Self.point(read))
            }
            read += 1
        }
        #expect(reader.error == nil)
        #expect(read == Self.count)
    }
}
