import Foundation

/// A progress line on standard error, shown only when standard error is a terminal and only
/// once an operation has run for a second (`AVRO_PROGRESS_DELAY` seconds, when set), then
/// rewritten in place a few times a second and erased at the end.
///
/// When the input's size is known and the caller says how far through it it is, the line
/// gives the share done and the rate (`tojson: 45% of 1.2 GB, 85.3 MB/s, 1200000 records`);
/// otherwise the count alone (`fromjson: 1200000 records`).
final class Progress {
    private let console: Console
    private let label: String
    private let unit: String
    private let size: Int?
    private let enabled: Bool
    private let delay: TimeInterval
    private let start = Date()
    private var lastShown: Date?
    private var count = 0
    private var nextCheck = checkInterval
    /// How many steps go by between looks at the clock.
    private static let checkInterval = 1024

    /// Creates a progress line for `label` counting `unit`s (`"records"`, `"blocks"`) of an
    /// input of `size` bytes (`nil` when unknown: standard input, or text read as it comes).
    init(console: Console, label: String, unit: String = "records", size: Int? = nil) {
        self.console = console
        self.label = label
        self.unit = unit
        self.size = size
        enabled = console.isErrorTerminal
        delay = ProcessInfo.processInfo.environment["AVRO_PROGRESS_DELAY"].flatMap(TimeInterval.init) ?? 1
    }

    /// Counts `steps` more, `position` bytes into the input when known, and shows the line
    /// when it is due.
    func advance(by steps: Int = 1, at position: @autoclosure () -> Int? = nil) {
        count += steps
        guard enabled, count >= nextCheck else { return }
        nextCheck = count + Self.checkInterval
        let now = Date()
        if let lastShown {
            guard now.timeIntervalSince(lastShown) >= 0.25 else { return }
        } else {
            guard now.timeIntervalSince(start) >= delay else { return }
        }
        lastShown = now
        let line = Self.line(label: label, count: count, unit: unit, position: position(), size: size, elapsed: now.timeIntervalSince(start))
        console.writeError("\r\(line)\u{1B}[K")
    }

    /// Erases the line if it was shown.
    func finish() {
        guard lastShown != nil else { return }
        console.writeError("\r\u{1B}[K")
        lastShown = nil
    }

    /// The text of the line: the share of `size` done and the rate when both `position` and
    /// `size` are known, then the count.
    static func line(label: String, count: Int, unit: String, position: Int?, size: Int?, elapsed: TimeInterval) -> String {
        guard let position, let size, size > 0 else { return "\(label): \(count) \(unit)" }
        let percent = min(100, position * 100 / size)
        let rate = elapsed > 0 ? Double(position) / elapsed : 0
        return "\(label): \(percent)% of \(bytes(Double(size))), \(bytes(rate))/s, \(count) \(unit)"
    }

    /// `bytes` in the largest unit that keeps it at 1 or more, with one decimal (`85.3 MB`).
    private static func bytes(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = bytes, unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
