// Every Swift block of the README, compiled and run, so that the README cannot drift from
// the library. `ReadmeExampleTests` checks that each block here is the README's, line for
// line, and runs this program. Block 1 is the top of this file (it has the imports); the
// others are in Blocks.swift, each in a function whose first lines give it what the README's
// text around it assumes (a schema, a value).
import Foundation

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swift-avro-readme-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
_ = FileManager.default.changeCurrentDirectoryPath(scratch.path)
defer { try? FileManager.default.removeItem(at: scratch) }

// README block 1
import Avro
import Foundation

struct Person: Codable {
    var name: String
    var age: Int32
    var email: String
}

let data = try AvroEncoder().encode(Person(name: "Alice", age: 30, email: "alice@example.com"))
// 0a 41 6c 69 63 65 3c 22 61 6c 69 63 65 40 65 78 61 6d 70 6c 65 2e 63 6f 6d
let person = try AvroDecoder().decode(Person.self, from: data)

// An object container file that Java, Python, C… read too.
let writer = try AvroFileWriter<Person>(url: URL(fileURLWithPath: "person.avro"), codec: AvroDeflateCodec())
try writer.append(person)
try writer.close()
for person in try AvroFileReader<Person>(url: URL(fileURLWithPath: "person.avro")) {
    print("Deserialized Person: \(person)")
}
// End of README block 1
try expect(data.map { String(format: "%02x", $0) }.joined(separator: " ") == "0a 41 6c 69 63 65 3c 22 61 6c 69 63 65 40 65 78 61 6d 70 6c 65 2e 63 6f 6d", "block 1's bytes")
print("README block 1 ran")

for (number, block) in readmeBlocks.enumerated() {
    try block()
    print("README block \(number + 2) ran")
}
