import Foundation
import Testing
@testable import Avro

/// A file is read into the type's own schema by default: the aliases, defaults and
/// promotions the type declares apply without passing a reader schema.
@Suite struct FileOwnSchemaTests {
    struct OrderV1: Codable, Equatable, AvroCustomizing {
        var id: Int32
        var email: String
        static let avroName: String? = "Order"
        static let avroNamespace: String? = "com.shop"
    }

    struct Order: Codable, Equatable, AvroCustomizing {
        var id: Int64
        var customerEmail: String
        var currency: String
        static let avroNamespace: String? = "com.shop"
        static let avroFields: [String: AvroFieldOptions] = [
            "customerEmail": .init(aliases: ["email"]),
            "currency": .init(defaultValue: .string("EUR")),
        ]
    }

    static func file(_ orders: [OrderV1]) throws -> Data {
        let writer = try AvroFileWriter<OrderV1>()
        try writer.append(contentsOf: orders)
        try writer.close()
        return writer.data
    }

    @Test func aliasesDefaultsAndPromotionsOfTheTypeApply() throws {
        let data = try Self.file([OrderV1(id: 1, email: "a@x"), OrderV1(id: 2, email: "b@x")])
        let orders = try Array(AvroFileReader<Order>(data: data))
        #expect(orders == [Order(id: 1, customerEmail: "a@x", currency: "EUR"), Order(id: 2, customerEmail: "b@x", currency: "EUR")])
        // The same through the async sequence and a given reader schema.
        var asyncOrders: [Order] = []
        let reader = try AvroFileReader<Order>(data: data)
        while let order = try reader.next() { asyncOrders.append(order) }
        #expect(asyncOrders == orders)
        let given = try AvroFileReader<Order>(data: data, options: .init(readerSchema: AvroSchema(deriving: Order.self)))
        #expect(Array(given) == orders)
    }

    /// A type whose schema cannot read the file's is read by field name, as before.
    @Test func aTypeThatCannotResolveReadsByName() throws {
        struct Loose: Codable, Equatable { var email: String; var note: String? }
        let data = try Self.file([OrderV1(id: 1, email: "a@x")])
        // The derived reader has no default-less problem here: note is optional (default null).
        #expect(try Array(AvroFileReader<Loose>(data: data)) == [Loose(email: "a@x", note: nil)])
        struct ByName: Codable, Equatable { var id: Int32; var extra: String
            enum CodingKeys: String, CodingKey { case id, extra }
            init(id: Int32, extra: String) { (self.id, self.extra) = (id, extra) }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                id = try container.decode(Int32.self, forKey: .id)
                extra = try container.decodeIfPresent(String.self, forKey: .extra) ?? "none"
            }
        }
        // `extra` has no default in ByName's schema, so resolution would fail: the file's
        // schema is used and init(from:) supplies its own fallback.
        #expect(try Array(AvroFileReader<ByName>(data: data)) == [ByName(id: 1, extra: "none")])
    }

    /// A file written with the type's schema under another namespace (enums, optionals,
    /// nested records) reads as written: the plan is the identity, so nothing is transcoded.
    @Test func theSameSchemaElsewhereNeedsNoTranscoding() throws {
        enum Kind: String, Codable, AvroEnum { case alpha, beta }
        struct Spot: Codable, Equatable { var lat: Double }
        struct Wide: Codable, Equatable { var nickname: String?; var kind: Kind; var spot: Spot; var tags: [Kind?] }
        let written = try AvroSchema(parsing: """
            {"type":"record","name":"Wide","namespace":"bench","fields":[{"name":"nickname","type":["null","string"]},
             {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["alpha","beta"]}},
             {"name":"spot","type":{"type":"record","name":"Spot","fields":[{"name":"lat","type":"double"}]}},
             {"name":"tags","type":{"type":"array","items":["null","Kind"]}}]}
            """)
        let plan = ResolutionPlan(writer: try CompiledSchema.cached(written), reader: try CompiledSchema.derived(for: Wide.self, fieldNaming: .codingKeys))
        #expect(plan.isIdentity)
        // An enum whose symbols moved, or a union whose branches moved, is transcoded.
        let moved = try AvroSchema(parsing: #"{"type":"record","name":"Wide","fields":[{"name":"nickname","type":["string","null"]},{"name":"kind","type":{"type":"enum","name":"Kind","symbols":["beta","alpha"]}},{"name":"spot","type":{"type":"record","name":"Spot","fields":[{"name":"lat","type":"double"}]}},{"name":"tags","type":{"type":"array","items":["null","Kind"]}}]}"#)
        #expect(!ResolutionPlan(writer: try CompiledSchema.cached(moved), reader: try CompiledSchema.derived(for: Wide.self, fieldNaming: .codingKeys)).isIdentity)
        let value = try AvroValue.record([("nickname", .union(branch: 0, value: "n")), ("kind", .enumeration("alpha")), ("spot", .record([("lat", .double(1))])),
                                          ("tags", .array([.union(branch: 1, value: .enumeration("alpha"))]))]).encoded(as: moved)
        #expect(try AvroDecoder().decode(Wide.self, from: value, writerSchema: moved) == Wide(nickname: "n", kind: .alpha, spot: Spot(lat: 1), tags: [.alpha]))
    }
}
