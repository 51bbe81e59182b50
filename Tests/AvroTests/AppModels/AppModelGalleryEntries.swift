import Foundation
@testable import Avro

extension AppModelGallery {
    static let longText = String(repeating: "Lorem ipsum dolor sit amet, ünïcödé ✓ 漢字 🚀 ", count: 2_500)
    static let a: Date = Date(timeIntervalSince1970: 1_700_000_000.123)

    /// The gallery: each model with samples that reach its corners.
    static let entries: [AppModelGalleryEntry] = [
        AppModelGalleryEntry(Order.self, orders),
        AppModelGalleryEntry(LineItem.self, orders.flatMap(\.lines)),
        AppModelGalleryEntry(Payment.self, [.card(Card(last4: "1", expires: "")), .cash(Cash(tendered: Money(amountMinor: 1, currency: "EUR"))),
                                            .bankTransfer(iban: "X", reference: "r"), .free]),
        AppModelGalleryEntry(Money.self, [Money(amountMinor: 0, currency: "EUR"), Money(amountMinor: .min, currency: "ü")]),
        AppModelGalleryEntry(Customer.self, customers),
        AppModelGalleryEntry(Invoice.self, [Invoice(number: "INV-1", lines: orders[0].lines, issued: a), Invoice(number: "", lines: [], issued: Date(timeIntervalSince1970: -1))]),
        AppModelGalleryEntry(UserSettings.self, [
            UserSettings(theme: .dark, notifications: true, fontScale: 1.25, language: "de-CH", shortcuts: ["⌘K": "search", "⌘N": "new"], featureFlags: ["beta": true, "x": false], quietHours: [22, 7]),
            UserSettings(theme: .system, notifications: false, fontScale: 0, language: "", shortcuts: [:], featureFlags: nil, quietHours: []),
            UserSettings(theme: .light, notifications: false, fontScale: -1, language: "ja", shortcuts: [:], featureFlags: [:], quietHours: nil),
        ]),
        AppModelGalleryEntry(Account.self, [Account(opened: Date(timeIntervalSince1970: 1_600_000_000.123456), balance: Decimal(string: "1234567890.12")!, overdraft: Decimal(string: "-9999999.99")!, nickname: "main"),
                                            Account(opened: Date(timeIntervalSince1970: -1.000001), balance: 0, overdraft: nil, nickname: "")]),
        AppModelGalleryEntry(Activity.self, [Activity(type: "Note", contentType: "text/plain", actor: "ann"), Activity(type: "", contentType: nil, actor: "")]),
        AppModelGalleryEntry(TreeNode.self, [TreeNode(name: "root", children: [TreeNode(name: "a", children: [TreeNode(name: "a1", children: [])]), TreeNode(name: "b", children: [])]),
                                             TreeNode(name: "leaf", children: [])]),
        AppModelGalleryEntry(ListNode.self, [ListNode(1, ListNode(2, ListNode(3, nil))), ListNode(-7, nil)]),
        AppModelGalleryEntry(Expression.self, [.add(.number(value: 1.5), .negate(.add(.number(value: -2), .number(value: .infinity)))), .number(value: 0)]),
        AppModelGalleryEntry(Category.self, [Category(title: "Books", parent: [Category(title: "Media", parent: nil, siblings: [:])], siblings: ["music": Category(title: "Music", parent: [], siblings: [:])])]),
        AppModelGalleryEntry(Page<Money>.self, [Page(items: [Money(amountMinor: 5, currency: "EUR")], nextCursor: "abc", total: 10), Page(items: [], nextCursor: nil, total: 0)]),
        AppModelGalleryEntry(Page<String>.self, [Page(items: ["a", "", longText], nextCursor: nil, total: 3)]),
        AppModelGalleryEntry(Tagged<[Int]>.self, [Tagged(tag: "primes", value: [2, 3, 5, 7]), Tagged(tag: "", value: [])]),
        AppModelGalleryEntry(Outcome<Money>.self, [.success(Money(amountMinor: 42, currency: "EUR")), .failure(message: "declined", code: 402)]),
        AppModelGalleryEntry(Measurements.self, [
            Measurements(values: [.nan, .infinity, -.infinity, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 1e-300], single: .nan, optional: -.infinity, byName: ["nan": .nan, "max": .greatestFiniteMagnitude]),
            Measurements(values: [], single: -.infinity, optional: nil, byName: [:]),
        ], equal: Measurements.same),
        AppModelGalleryEntry(Counters.self, [
            Counters(int8: .min, int16: .min, int32: .min, int64: .min, int: .min, uint8: .max, uint16: .max, uint32: .max, uint64: UInt64(Int64.max), uint: UInt(Int64.max)),
            Counters(int8: .max, int16: .max, int32: .max, int64: .max, int: .max, uint8: 0, uint16: 0, uint32: 0, uint64: 0, uint: 0),
        ]),
        AppModelGalleryEntry(TextSamples.self, [
            TextSamples(long: longText, nonASCII: "Zoë, Ångström, ĳ, ﬁ, e\u{301}, 👩‍👩‍👧‍👦, مرحبا, שלום, \u{0}nul", empty: "", lines: ["a\nb", "\t", "\"quoted\""], character: "é"),
            TextSamples(long: "", nonASCII: "\u{10FFFF}", empty: "", lines: [], character: nil),
        ]),
        AppModelGalleryEntry(Attachment.self, [
            Attachment(data: Data((0...255).map(UInt8.init)), bytes: [0, 255], thumbnail: Data(), link: URL(string: "https://example.com/a%20b?q=1#f")!,
                       mirror: URL(string: "file:///tmp/x")!, checksum: [1, 2, 3]),
            Attachment(data: Data(), bytes: [], thumbnail: nil, link: URL(string: "mailto:ann@example.com")!, mirror: nil, checksum: nil),
        ]),
        AppModelGalleryEntry(Matrix.self, [Matrix(rows: [[1, 2], [], [-0.5]], sparse: [[1], nil, []], flags: [true, false], named: ["a": ["x": 1], "b": [:]]),
                                           Matrix(rows: [], sparse: [], flags: [], named: [:])]),
        AppModelGalleryEntry(Inventory.self, [
            Inventory(stockByStore: [1: 10, -2: 0, 1_000_000: 5], namesByID: [orders[0].id: "first", orders[2].id: "last"], alertsBySeverity: [.high: ["fire"], .low: []],
                      shareByRegion: [.eu: 0.5, .apac: 0.25], optionalCounts: [7: 70]),
            Inventory(stockByStore: [:], namesByID: [:], alertsBySeverity: [:], shareByRegion: [:], optionalCounts: nil),
        ]),
        AppModelGalleryEntry(AlertRule.self, [AlertRule(severity: .high, escalation: [.low, .medium, .high], previous: .medium, region: .us),
                                              AlertRule(severity: .low, escalation: [], previous: nil, region: .eu)]),
        AppModelGalleryEntry(Schedule.self, [
            Schedule(startsAt: a, endsAt: Date(timeIntervalSince1970: 1_700_000_000.123456), day: Date(timeIntervalSince1970: 19_000 * 86_400), reminders: [Date(timeIntervalSince1970: -0.001), a],
                     window: AvroDuration(months: 1, days: 2, milliseconds: 3)),
            Schedule(startsAt: Date(timeIntervalSince1970: -1_000_000_000), endsAt: nil, day: Date(timeIntervalSince1970: -86_400), reminders: [], window: AvroDuration()),
        ]),
        AppModelGalleryEntry(EventLog.self, [EventLog(id: orders[0].id, correlation: orders[3].id, at: a), EventLog(id: orders[1].id, correlation: nil, at: Date(timeIntervalSince1970: 0))]),
        AppModelGalleryEntry(ChatMessage.self, [
            ChatMessage(id: 1, author: "ann", content: .text("hi 👋"), replies: [
                ChatMessage(id: 2, author: "bo", content: .image(url: URL(string: "https://x.io/p.png")!, width: 640, height: 480), replies: [], editedAt: a),
                ChatMessage(id: 3, author: "cy", content: .location(latitude: 47.37, longitude: -8.54), replies: [], editedAt: nil),
            ], editedAt: nil),
            ChatMessage(id: -1, author: "", content: .reaction(emoji: "🎉"), replies: [], editedAt: nil),
        ]),
        AppModelGalleryEntry(Drawing.self, [
            Drawing(shapes: [.circle(radius: 1), .rectangle(width: 2, height: 3), .polygon([Point(x: 0, y: 0), Point(x: 1, y: -1)])], selected: .polygon([]),
                    layers: ["bg": [.circle(radius: 0.5)], "empty": []]),
            Drawing(shapes: [], selected: nil, layers: [:]),
        ]),
        AppModelGalleryEntry(WebhookPayload.self, [
            WebhookPayload(event: "order.paid", data: .map(["id": .string("o1"), "amount": .double(39.48), "paid": .boolean(true), "coupon": .null,
                                                             "items": .array([.string("A-1"), .array([]), .map([:])])]), headers: ["X-Signature": "abc"]),
            WebhookPayload(event: "ping", data: .null, headers: [:]),
        ]),
        AppModelGalleryEntry(FeatureToggle.self, [FeatureToggle(key: "new-checkout", enabledFor: ["ann", "bo"], rolloutPercent: 25, variants: ["a": 0.5, "b": 0.5], expires: a),
                                                  FeatureToggle(key: "", enabledFor: [], rolloutPercent: 255, variants: nil, expires: nil)]),
        AppModelGalleryEntry(Content.self, [.text(""), .image(url: URL(string: "https://x.io")!, width: 0, height: .max), .location(latitude: -90, longitude: 180), .reaction(emoji: "👍🏽")]),
        AppModelGalleryEntry(Address.self, [home, Address(street: "", city: "", zip: nil)]),
    ]
}
