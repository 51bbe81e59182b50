// The EnumsWithValues example: a Swift enum with associated values is an Avro union, one
// branch per case, derived from the type.
import Avro

struct Card: Codable, Equatable {
    var last4: String
}

struct Cash: Codable, Equatable {
    var currency: String
}

enum Payment: Codable, Equatable {
    case card(Card)
    case cash(Cash)
    case transfer(iban: String)
    // Declared so that derivation can see the cases (Swift's synthesized keys are private).
    enum CodingKeys: CodingKey, CaseIterable { case card, cash, transfer }
}

struct Order: Codable, Equatable {
    var id: Int64
    var payment: Payment
}

let schema = try AvroSchema(deriving: Order.self)
print(schema.jsonString())
let orders = [
    Order(id: 1, payment: .card(Card(last4: "4242"))),
    Order(id: 2, payment: .cash(Cash(currency: "EUR"))),
    Order(id: 3, payment: .transfer(iban: "NL91ABNA0417164300")),
]
let encoder = AvroEncoder(), decoder = AvroDecoder()
for order in orders {
    let bytes = try encoder.encodeBytes(order)
    let back = try decoder.decode(Order.self, from: bytes)
    print("order \(back.id): \(back.payment) in \(bytes.count) bytes, branch \(bytes[1] / 2)\(back == order ? "" : " (differs!)")")
}
