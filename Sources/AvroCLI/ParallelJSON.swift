import Avro
import Foundation

/// `tojson` on several threads: the file is cut into byte ranges (each reader reads the blocks
/// whose sync marker starts in its range, so every record is read once), a window of ranges is
/// rendered at a time, one range per thread, and the windows are printed in order. Memory
/// holds one window's text; the output is the same as one thread's, errors included: the
/// records before the first error are printed, then the error.
enum ParallelJSON {
    /// What one range gave: its lines, and the error that stopped it.
    struct Rendered: Sendable {
        var lines: [String] = []
        var failure: Failure?
    }

    /// An error met in a range: reading the file, or printing record `index` of the range.
    enum Failure: Sendable {
        case reading(any Error)
        case record(Int, any Error)
    }

    /// The most threads used unless `--threads` asks for more: a window holds the text of one
    /// range per thread, some megabytes each.
    static let defaultMaxThreads = 8

    /// The bytes of file each range covers: about 16 ranges per thread, from 4 KB (a reader per
    /// range reads the header again) to 1 MB (a window's text, several times its binary, stays
    /// some megabytes).
    static func rangeSize(fileSize: Int, threads: Int) -> Int {
        min(1 << 20, max(4096, fileSize / (threads * 16)))
    }

    /// Prints the records of `input` (a file of `size` bytes) as Avro JSON of `schema`,
    /// resolved into `readerSchema` when given, on `threads` threads, ranges of `rangeSize` bytes.
    static func print(_ input: InputFile, size: Int, schema: AvroSchema, readerSchema: AvroSchema?, pretty: Bool,
                      threads: Int, rangeSize: Int, console: Console, progress: Progress) throws {
        let starts = Array(stride(from: 0, to: max(size, 1), by: max(rangeSize, 1)))
        var printed = 0
        for window in stride(from: 0, to: starts.count, by: threads) {
            let ranges = (window..<min(window + threads, starts.count)).map { index in
                starts[index]..<(index + 1 < starts.count ? starts[index + 1] : size + 1)
            }
            let results = Results(count: ranges.count)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
                results.set(index, render(input, range: ranges[index], schema: schema, readerSchema: readerSchema, pretty: pretty))
            }
            for rendered in results.all {
                for line in rendered.lines {
                    try console.writeLine(line)
                }
                switch rendered.failure {
                case .reading(let error)?:
                    // A range's reader counts blocks from its range's start: the error is read
                    // again from the file's start, to name the block as one thread does.
                    throw errorFromStart(input, readerSchema: readerSchema, after: printed + rendered.lines.count)
                        ?? CLIError.reading(error, source: input.name)
                case .record(let index, let error)?: throw CLIError.inRecord(printed + index, of: input.name, error)
                case nil: break
                }
                printed += rendered.lines.count
                progress.advance(by: rendered.lines.count, at: ranges.last?.upperBound)
            }
        }
    }

    /// The error one reader of the whole of `input` meets after `records` records, or `nil`.
    private static func errorFromStart(_ input: InputFile, readerSchema: AvroSchema?, after records: Int) -> CLIError? {
        do {
            let reader = try input.openContainer(readerSchema: readerSchema)
            for _ in 0...records where try reader.next() == nil { return nil }
            return nil
        } catch {
            return CLIError.reading(error, source: input.name)
        }
    }

    /// The records of `range` of `input` as lines.
    private static func render(_ input: InputFile, range: Range<Int>, schema: AvroSchema, readerSchema: AvroSchema?, pretty: Bool) -> Rendered {
        var rendered = Rendered()
        do {
            let reader = try input.openContainer(readerSchema: readerSchema, byteRange: range)
            while let value = try reader.next() {
                do {
                    rendered.lines.append(try value.avroJSONString(as: schema, pretty: pretty))
                } catch {
                    rendered.failure = .record(rendered.lines.count, error)
                    return rendered
                }
            }
        } catch {
            rendered.failure = .reading(error)
        }
        return rendered
    }

    /// The results of one window, filled from several threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Rendered]

        init(count: Int) { slots = Array(repeating: Rendered(), count: count) }

        func set(_ index: Int, _ rendered: Rendered) {
            lock.lock()
            defer { lock.unlock() }
            slots[index] = rendered
        }

        var all: [Rendered] {
            lock.lock()
            defer { lock.unlock() }
            return slots
        }
    }
}
