import Foundation
import Testing
@testable import Avro

/// Container files read into today's schema.
@Suite struct ResolvingReaderTests {
    struct PersonV1: Codable { var name: String; var age: Int32 }
    struct PersonV2: Codable, Equatable { var fullName: String; var age: Int64; var country: String }

    @Test func aFileWrittenWithV1ReadsAsV2() throws {
        let v1 = try AvroSchema(parsing: #"{"type":"record","name":"P","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"}]}"#)
        let v2 = try AvroSchema(parsing: #"{"type":"record","name":"P","fields":[{"name":"fullName","type":"string","aliases":["name"]},{"name":"age","type":"long"},{"name":"country","type":"string","default":"NL"}]}"#)
        let writer = try AvroFileWriter<PersonV1>(schema: v1, codec: AvroDeflateCodec())
        try writer.append(contentsOf: [PersonV1(name: "Ann", age: 3), PersonV1(name: "Bob", age: 4)])
        try writer.close()
        let reader = try AvroFileReader<PersonV2>(data: writer.data, options: .init(readerSchema: v2))
        #expect(Array(reader) == [PersonV2(fullName: "Ann", age: 3, country: "NL"), PersonV2(fullName: "Bob", age: 4, country: "NL")])
        #expect(reader.error == nil)
        let values = try AvroFileReader<AvroValue>(data: writer.data, options: .init(readerSchema: v2))
        #expect(try values.next() == .record([("fullName", "Ann"), ("age", .long(3)), ("country", "NL")]))
    }
}
