// The Defaults example: a file written by an older version of the app, read into today's type:
// the field added since takes its default, the field renamed is found by its alias.
import Avro
import Foundation

// Version 1, as the old app wrote it.
struct CustomerV1: Codable {
    var id: Int64
    var mail: String
}
// Today: `mail` renamed `email` (its alias finds the old name), `country` added with a default.
struct Customer: Codable, AvroCustomizing {
    var id: Int64
    var email: String
    var country: String
    static let avroFields: [String: AvroFieldOptions] = [
        "email": .init(aliases: ["mail"]),
        "country": .init(defaultValue: "NL"),
    ]
}

let url = FileManager.default.temporaryDirectory.appendingPathComponent("customers-\(ProcessInfo.processInfo.processIdentifier).avro")
defer { try? FileManager.default.removeItem(at: url) }
let writer = try AvroFileWriter<CustomerV1>(url: url)
try writer.append(contentsOf: [CustomerV1(id: 1, mail: "ada@example.com"), CustomerV1(id: 2, mail: "grace@example.com")])
try writer.close()

// The reader resolves the file's schema into Customer's own, with its aliases and defaults.
let reader = try AvroFileReader<Customer>(url: url)
for customer in reader { print("\(customer.id): \(customer.email), \(customer.country)") }
if let error = reader.error { throw error }
print(try AvroSchema(deriving: Customer.self).jsonString())
