import Foundation
import Testing
@testable import Avro

/// Every gallery value written with its derived schema (`AvroEncoder()`) and read back with
/// the same type (`AvroDecoder()`) is equal to what was written.
@Suite struct DerivationRoundTripTests {
    @Test(arguments: Gallery.entries)
    func encodeThenDecodeGivesEqualValues(_ entry: GalleryEntry) throws {
        #expect(try entry.roundTripFailures() == [])
    }

    @Test func theBytesAreTheDerivedSchemasBinaryEncoding() throws {
        // Customer: "Ann", home, work null (branch 0), one previous address.
        let customer = Gallery.Customer(name: "Ann", home: Gallery.address, work: nil, previous: [Gallery.Address(street: "2", zip: "9")])
        let bytes = try AvroEncoder().encodeBytes(customer)
        #expect(hexString(bytes) == "06416e6e" + "1231204d61696e205374" + "0a3132333435" + "00" + "02" + "0232" + "0239" + "00")
        let schema = try AvroSchema(deriving: Gallery.Customer.self)
        #expect(try AvroEncoder(schema: schema).encodeBytes(customer) == bytes)
    }

    @Test func aNilOptionalWithANonNullDefaultStaysNil() throws {
        // `nickname` is ["string", "null"] with default "anonymous": nil is the null branch, 1.
        let account = try #require(Gallery.entries.first { $0.name == "Account" })
        let schema = try AvroSchema(deriving: Gallery.Account.self)
        let value = try AvroValue(decoding: account.firstSampleBytes(), as: schema)
        #expect(value["nickname"] == .union(branch: 1, value: .null))
    }
}
