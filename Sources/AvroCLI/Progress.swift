import Foundation

/// A progress line on standard error (`tojson: 1200000 records`), shown only when standard
/// error is a terminal and only once an operation has run for a second, then rewritten in
/// place a few times a second and erased at the end.
final class Progress {
    private let console: Console
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let start = Date()
    private var lastShown: Date?
    private var count = 0
    private var nextCheck = checkInterval
    /// How many steps go by between looks at the clock.
    private static let checkInterval = 1024

    /// Creates a progress line for `label` counting `unit`s (`"records"`, `"blocks"`).
    init(console: Console, label: String, unit: String = "records") {
        self.console = console
        self.label = label
        self.unit = unit
        enabled = console.isErrorTerminal
    }

    /// Counts `steps` more, and shows the line when it is due.
    func advance(by steps: Int = 1) {
        count += steps
        guard enabled, count >= nextCheck else { return }
        nextCheck = count + Self.checkInterval
        let now = Date()
        if let lastShown {
            guard now.timeIntervalSince(lastShown) >= 0.25 else { return }
        } else {
            guard now.timeIntervalSince(start) >= 1 else { return }
        }
        lastShown = now
        console.writeError("\r\(label): \(count) \(unit)\u{1B}[K")
    }

    /// Erases the line if it was shown.
    func finish() {
        guard lastShown != nil else { return }
        console.writeError("\r\u{1B}[K")
        lastShown = nil
    }
}
