import Foundation
import Testing
@testable import Avro

/// Enums with associated values: a case whose one unlabelled value has a type named like the
/// case is that type's union branch, as schemas written by hand have it; cases can be renamed
/// and aliased; the error for missing case keys shows the code to write.
@Suite struct EnumCaseTests {
    struct Card: Codable, Equatable { var last4: String }
    struct Cash: Codable, Equatable { var currency: String }

    enum Payment: Codable, Equatable {
        case card(Card)
        case cash(Cash)
        case voucher(code: String)
        case string(String)
        case long(Int)
        case note(String)
        enum CodingKeys: CodingKey, CaseIterable { case card, cash, voucher, string, long, note }
    }

    @Test func aCaseOfANamedTypeIsThatTypesBranch() throws {
        let schema = try AvroSchema(deriving: Payment.self)
        #expect(schema.jsonString() == #"["# + #"{"type":"record","name":"Card","fields":[{"name":"last4","type":"string"}]},"#
            + #"{"type":"record","name":"Cash","fields":[{"name":"currency","type":"string"}]},"#
            + #"{"type":"record","name":"voucher","namespace":"Payment","fields":[{"name":"code","type":"string"}]},"#
            + #""string","long","#
            + #"{"type":"record","name":"note","namespace":"Payment","fields":[{"name":"_0","type":"string"}]}]"#)
        let values: [Payment] = [.card(Card(last4: "4242")), .cash(Cash(currency: "EUR")), .voucher(code: "V1"), .string("s"), .long(-3), .note("n")]
        for value in values {
            #expect(try AvroDecoder().decode(Payment.self, from: AvroEncoder().encodeBytes(value)) == value)
        }
        // The bytes are those of the hand-written union [Card, Cash, …]: branch 0, then the record.
        let card = try AvroEncoder().encodeBytes(Payment.card(Card(last4: "4242")))
        #expect(card == (try AvroValue.union(branch: 0, value: .record([("last4", "4242")])).encoded(as: schema)))
        // A second use of the enum references the branches defined by the first.
        struct Order: Codable, Equatable { var first: Payment; var second: [Payment] }
        let order = Order(first: .string("a"), second: [.card(Card(last4: "1")), .long(2)])
        #expect(try AvroDecoder().decode(Order.self, from: AvroEncoder().encodeBytes(order)) == order)
        #expect(try AvroSchema(parsing: AvroSchema(deriving: Order.self).jsonString()) == AvroSchema(deriving: Order.self))
    }

    /// Cases renamed and aliased through `avroFields`, by case name.
    enum Shape: Codable, Equatable, AvroCustomizing {
        case circle(radius: Double)
        case square(Double)
        enum CodingKeys: CodingKey, CaseIterable { case circle, square }
        static let avroFields: [String: AvroFieldOptions] = ["circle": .init(name: "Round", aliases: ["Disc"]), "square": .init(name: "com.geo.Box")]
    }

    @Test func casesAreRenamedAndAliased() throws {
        let schema = try AvroSchema(deriving: Shape.self)
        #expect(schema.jsonString() == #"[{"type":"record","name":"Round","namespace":"Shape","fields":[{"name":"radius","type":"double"}],"aliases":["Disc"]},"#
            + #"{"type":"record","name":"Box","namespace":"com.geo","fields":[{"name":"_0","type":"double"}]}]"#)
        for value in [Shape.circle(radius: 2), .square(3)] {
            #expect(try AvroDecoder().decode(Shape.self, from: AvroEncoder().encodeBytes(value)) == value)
        }
        // Data written under the old name reads through the alias.
        let old = try AvroSchema(parsing: #"[{"type":"record","name":"Shape.Disc","fields":[{"name":"radius","type":"double"}]},"double"]"#)
        let bytes = try AvroValue.union(branch: 0, value: .record([("radius", .double(1))])).encoded(as: old)
        #expect(try AvroDecoder().decode(Shape.self, from: bytes, writerSchema: old) == .circle(radius: 1))
    }

    @Test func theErrorForMissingCaseKeysShowsTheCode() throws {
        enum Loose: Codable { case a(Int), b(String) }
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Loose.self) }
        #expect(error?.message.contains("enum CodingKeys: CodingKey, CaseIterable { case card, cash }") == true)
    }
}
