import Foundation
import Testing
@testable import Avro

/// `avro repair`: the readable records of a damaged file, in each of avro-tools' modes.
@Suite(.enabled(if: CLITool.isAvailable, "the avro executable was not found next to the test bundle"))
struct CLIRepairTests {
    struct Item: Codable, Equatable {
        var id: Int64
        var name: String
    }

    /// A file of 60 items in blocks of about 100 bytes, with the sync marker after block 3
    /// broken and the last 5 bytes (of the last marker) cut off, and the items of each block.
    static func damagedFile() throws -> (file: [UInt8], blocks: [[Item]]) {
        let items = (0..<60).map { Item(id: Int64($0), name: "item number \($0)") }
        let writer = try AvroFileWriter<Item>(blockSize: 100)
        try writer.append(contentsOf: items)
        try writer.close()
        var file = [UInt8](writer.data)
        let reader = try AvroFileReader<Item>(data: writer.data)
        var blocks: [[Item]] = [], offsets: [Int] = []
        while let item = try reader.next() {
            let offset = try #require(reader.blockOffset)
            if offsets.last == offset { blocks[blocks.count - 1].append(item) } else { offsets.append(offset); blocks.append([item]) }
        }
        #expect(blocks.count >= 8)
        // Block 3 ends with the sync marker just before block 4.
        file[offsets[4] - 5] ^= 0xff
        file.removeLast(5)
        return (file, blocks)
    }

    @Test func repairKeepsTheReadableRecordsInEachMode() throws {
        let (file, blocks) = try Self.damagedFile()
        try CLITool.withTemporaryDirectory { directory in
            try Data(file).write(to: directory.appendingPathComponent("damaged.avro"))
            CLITool.expectFailure(try CLITool.run(["tojson", "damaged.avro"], in: directory), mentioning: ["damaged.avro", "expected the sync marker"])
            // Block 3 (its marker is broken) is lost, and so is block 4, whose start the broken
            // marker hid: the search goes on to the next whole marker. The last block's data is
            // whole: it is kept, and the cut reported after it.
            let readable = blocks.indices.filter { $0 != 3 && $0 != 4 }
            let expected: [String: [Item]] = [
                "all": readable.flatMap { blocks[$0] },
                "before": blocks[0..<3].flatMap { $0 },
                "after": readable.filter { $0 > 3 }.flatMap { blocks[$0] },
            ]
            for (mode, items) in expected {
                let result = try CLITool.run(["repair", "-o", mode, "damaged.avro", "\(mode).avro"], in: directory)
                #expect(result.status == 0, "\(result.errorText)")
                #expect(result.lines.first == "damaged.avro: \(readable.reduce(0) { $0 + blocks[$1].count }) records read from \(readable.count) blocks, \(items.count) written; 2 corrupt parts skipped")
                #expect(result.lines.count == 3 && result.lines[1].contains("expected the sync marker") && result.lines[2].contains("the file ends inside the sync marker"), "\(result.lines)")
                let recovered = try Array(AvroFileReader<Item>(url: directory.appendingPathComponent("\(mode).avro")))
                #expect(recovered == items, "mode \(mode)")
            }
            // The default is all; report writes nothing; the records may go to standard output,
            // and the summary then to standard error.
            #expect(try CLITool.run(["repair", "damaged.avro", "default.avro"], in: directory).status == 0)
            #expect(try Data(contentsOf: directory.appendingPathComponent("default.avro")).count > 0)
            #expect(try Array(AvroFileReader<Item>(url: directory.appendingPathComponent("default.avro"))) == expected["all"])
            let report = try CLITool.run(["repair", "-o", "report", "damaged.avro"], in: directory)
            #expect(report.status == 0 && report.lines.count == 3 && !report.lines[0].contains("written"))
            let piped = try CLITool.run(["repair", "damaged.avro", "-"], in: directory)
            #expect(try Array(AvroFileReader<Item>(data: piped.output)) == expected["all"])
            #expect(piped.errorLines.first?.hasPrefix("damaged.avro: ") == true)
            CLITool.expectFailure(try CLITool.run(["repair", "-o", "some", "damaged.avro", "x.avro"], in: directory), status: 2,
                                  mentioning: ["-o expects all, before, after or report, found 'some'"])
            CLITool.expectFailure(try CLITool.run(["repair", "damaged.avro"], in: directory), status: 2, mentioning: ["the output file is missing"])
        }
    }
}
