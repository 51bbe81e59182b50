// The Analytics example: a Swift app writes its sales to a container file that Spark, DuckDB
// or polars reads, and decodes the files Spark writes back into its own type.
//
//   swift run Analytics write sales.avro       # 5 sales, deflate
//   swift run Analytics read FILE.avro         # any file with these fields: ours, or Spark's
//
// Spark writes every field as a union with null, decimals as `fixed` and the record as
// `topLevelRecord`; the reader resolves that into `Sale` by field name.
import Avro
import Foundation

struct Sale: Codable, AvroSchemaProviding {
    var id: Int64
    var customer: String
    var amount: Decimal
    var day: Date
    var paid: Bool

    static let avroSchema = try! AvroSchema(parsing: """
        {"type": "record", "name": "Sale", "namespace": "shop", "fields": [
          {"name": "id", "type": "long"},
          {"name": "customer", "type": "string"},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "paid", "type": "boolean"}]}
        """)
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let command = arguments.first, let path = arguments.last, ["write", "read"].contains(command) else {
    FileHandle.standardError.write(Data("usage: Analytics write FILE.avro | Analytics read FILE.avro\n".utf8))
    exit(2)
}
let url = URL(fileURLWithPath: path)
let days = DateFormatter()
days.dateFormat = "yyyy-MM-dd"
days.timeZone = TimeZone(identifier: "UTC")

if command == "write" {
    let customers = ["Ada", "Grace", "Edsger", "Barbara", "Donald"]
    let sales = customers.enumerated().map { index, customer in
        Sale(id: Int64(index + 1), customer: customer, amount: Decimal(1250 * (index + 1) + 99) / 100,
             day: days.date(from: "2026-12-0\(index + 1)") ?? Date(timeIntervalSince1970: 0), paid: index % 2 == 0)
    }
    let writer = try AvroFileWriter<Sale>(url: url, codec: AvroDeflateCodec())
    try writer.append(contentsOf: sales)
    try writer.close()
    print("wrote \(sales.count) sales to \(path)")
} else {
    let reader = try AvroFileReader<Sale>(url: url)
    var total = Decimal(0)
    for sale in reader {
        print("sale \(sale.id): \(sale.customer), \(sale.amount) on \(days.string(from: sale.day))\(sale.paid ? ", paid" : "")")
        total += sale.amount
    }
    if let error = reader.error { throw error }
    print("total \(total), written by a \(reader.header.schema.name?.fullname ?? "?") schema")
}
