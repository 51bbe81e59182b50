// A protocol written in Avro IDL, read with AvroIDL, and its types used as Swift types.
//
// Shop.avdl, beside this file, declares the types and messages of a small shop's ordering
// service. The AvroGenerate plugin (see Package.swift) turns its types into Swift types when the
// package builds: `Order`, `Line`, `Status` and `OutOfStock`. The program reads the same file
// at run time to show what it declares.
//
//   swift run IDLProtocols
import Avro
import Foundation

let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Shop.avdl")
let idl = try AvroIDL(contentsOf: file)
guard let shop = idl.avroProtocol else {
    print("Shop.avdl declares no protocol")
    exit(1)
}

/// A type as IDL writes it: `Line`, `array<Line>`, `null | string`.
func describe(_ schema: AvroSchema) -> String {
    switch schema.kind {
    case .array(let items): "array<\(describe(items))>"
    case .map(let values): "map<\(describe(values))>"
    case .union(let branches): branches.map(describe).joined(separator: " | ")
    default: schema.name?.name ?? schema.typeName
    }
}

// The messages, as a signature each.
for message in shop.messages {
    let parameters = message.request.map { "\($0.name): \(describe($0.type))" }.joined(separator: ", ")
    let errors = message.errors.map(describe)
    print("\(message.name)(\(parameters)) -> \(describe(message.response))"
          + (message.isOneWay ? " oneway" : "") + (errors.isEmpty ? "" : " throws " + errors.joined(separator: ", ")))
}
// The hash Avro RPC's handshake sends for this protocol, as Java computes it.
print("md5: " + shop.md5.map { String(format: "%02x", $0) }.joined())

// The generated type carries the schema the IDL declares.
let orderSchema = idl.namedSchemas.first { $0.name?.name == "Order" }
print("Order's schema is the IDL's: \(orderSchema?.canonicalForm == Order.avroSchema.canonicalForm)")

let order = Order(id: 7, lines: [Line(sku: "tea", quantity: 2, price: Decimal(string: "3.50")!)],
                  placed: Date(timeIntervalSince1970: 1_767_225_600), note: "gift wrap")
let bytes = try AvroEncoder(schema: Order.avroSchema).encodeBytes(order)
let back = try AvroDecoder(schema: Order.avroSchema).decode(Order.self, from: bytes)
print("order \(back.id): \(back.lines.count) line, \(back.status), \(bytes.count) bytes, read back equal: \(back == order)")
