import Foundation
import Testing
@testable import Avro

/// `avro tojson --threads N` prints what one thread prints: the same records in the same order,
/// and for a damaged file the same records before the same error.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIParallelTests {
    struct Event: Codable {
        var id: Int64
        var kind: String
        var weights: [Double]
        var note: String?
    }

    /// A file of 2,000 events in blocks of about 500 bytes (some 60 KB: about 15 ranges a thread).
    static func file() throws -> [UInt8] {
        let writer = try AvroFileWriter<Event>(codec: AvroDeflateCodec(), blockSize: 500)
        for index in 0..<2_000 {
            try writer.append(Event(id: Int64(index) * 31, kind: ["open", "click", "close"][index % 3],
                                    weights: Array(repeating: Double(index) / 16, count: index % 4), note: index % 5 == 0 ? nil : "n\(index)"))
        }
        try writer.close()
        return [UInt8](writer.data)
    }

    @Test func threadsPrintWhatOneThreadPrints() throws {
        var file = try Self.file()
        try CLITool.withTemporaryDirectory { directory in
            try Data(file).write(to: directory.appendingPathComponent("events.avro"))
            let one = try CLITool.run(["tojson", "--threads", "1", "events.avro"], in: directory)
            #expect(one.status == 0 && one.lines.count == 2_000)
            for threads in ["2", "3", "8"] {
                #expect(try CLITool.run(["tojson", "--threads", threads, "events.avro"], in: directory).output == one.output, "--threads \(threads)")
            }
            let reader = #"{"type": "record", "name": "Event", "fields": [{"name": "kind", "type": "string"}, {"name": "id", "type": "long"}]}"#
            let resolved = try CLITool.run(["tojson", "--threads", "1", "--reader-schema", reader, "events.avro"], in: directory)
            #expect(resolved.lines.first == #"{"kind":"open","id":0}"#)
            #expect(try CLITool.run(["tojson", "--threads", "3", "--reader-schema", reader, "events.avro"], in: directory).output == resolved.output)

            // Damaged in the middle: the same records, then the same one-line error.
            for offset in stride(from: file.count / 2, to: file.count / 2 + 20, by: 1) { file[offset] ^= 0x55 }
            try Data(file).write(to: directory.appendingPathComponent("damaged.avro"))
            let damagedOne = try CLITool.run(["tojson", "--threads", "1", "damaged.avro"], in: directory)
            #expect(damagedOne.status == 1 && damagedOne.lines.count > 0 && damagedOne.lines.count < 2_000)
            let damagedThree = try CLITool.run(["tojson", "--threads", "3", "damaged.avro"], in: directory)
            #expect(damagedThree.status == 1)
            #expect(damagedThree.output == damagedOne.output)
            // The first line: under LeakSanitizer a run may add the sanitizer's report after it.
            #expect(damagedThree.errorLines.first == damagedOne.errorLines.first)
            #expect(damagedOne.errorLines.first?.hasPrefix("avro tojson: damaged.avro: byte ") == true)
            CLITool.expectFailure(try CLITool.run(["tojson", "--threads", "0", "events.avro"], in: directory), status: 2,
                                  mentioning: ["--threads expects a whole number in 1...256, found '0'"])
        }
    }
}
