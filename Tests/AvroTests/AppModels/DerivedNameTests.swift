import Foundation
import Testing
@testable import Avro

/// Derivation never writes a name the specification forbids (readers, ours included, would
/// refuse the file): an invalid name is an error naming the key and the fix, and the fix (a
/// name in the customisation) round-trips. Files whose schemas have such names, written by
/// other implementations, are still read.
@Suite struct DerivedNameTests {
    struct Activity: Codable, Equatable {
        var type: String
        var contentType: String
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case contentType = "content-type"
        }
    }

    struct MappedActivity: Codable, Equatable, AvroCustomizing {
        var type: String
        var contentType: String?
        enum CodingKeys: String, CodingKey {
            case type = "@type"
            case contentType = "content-type"
        }
        static let avroFields: [String: AvroFieldOptions] = ["@type": .init(name: "type"), "content-type": .init(name: "content_type")]
    }

    @Test func anInvalidFieldNameIsAnErrorNamingTheKeyAndTheFix() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: Activity.self) }
        #expect(error?.path == "Activity.@type")
        #expect(error?.message.contains(#""@type": .init(name: "type")"#) == true)
        // Nothing is written with a schema the encoder cannot derive.
        expectEncodingError(.invalidSchema, at: ["Activity", "@type"]) { _ = try AvroEncoder().encodeBytes(Activity(type: "t", contentType: "c")) }
    }

    @Test func renamedFieldsRoundTripInAnyOrder() throws {
        let schema = try AvroSchema(deriving: MappedActivity.self)
        #expect(schema.jsonString() == #"{"type":"record","name":"MappedActivity","fields":[{"name":"type","type":"string"},{"name":"content_type","type":["null","string"],"default":null}]}"#)
        for value in [MappedActivity(type: "Note", contentType: "text/plain"), MappedActivity(type: "", contentType: nil)] {
            let bytes = try AvroEncoder().encodeBytes(value)
            #expect(bytes == (try AvroValue.record([("type", .string(value.type)), ("content_type", value.contentType.map { .union(branch: 1, value: .string($0)) } ?? .union(branch: 0, value: .null))]).encoded(as: schema)))
            #expect(try AvroDecoder().decode(MappedActivity.self, from: bytes) == value)
            #expect(try AvroDecoder(schema: schema).decode(MappedActivity.self, from: bytes) == value)
        }
        // A schema with the fields in another order (another team's) is written and read by name.
        let reordered = try AvroSchema(parsing: #"{"type":"record","name":"MappedActivity","fields":[{"name":"content_type","type":["null","string"]},{"name":"type","type":"string"}]}"#)
        let value = MappedActivity(type: "Note", contentType: "x")
        let bytes = try AvroEncoder(schema: reordered).encodeBytes(value)
        #expect(bytes == (try AvroValue.record([("content_type", .union(branch: 1, value: "x")), ("type", "Note")]).encoded(as: reordered)))
        #expect(try AvroDecoder(schema: reordered).decode(MappedActivity.self, from: bytes) == value)
    }

    /// A JSON value: `case string(String)` is the `string` branch; `case null` would be a
    /// record named `null`, a primitive name, so derivation asks for a name.
    enum JSONValue: Codable, Equatable {
        case string(String)
        case double(Double)
        case boolean(Bool)
        case null
        case array([JSONValue])
        case map([String: JSONValue])
        enum CodingKeys: CodingKey, CaseIterable { case string, double, boolean, null, array, map }
    }

    enum NamedJSONValue: Codable, Equatable, AvroCustomizing {
        case string(String)
        case null
        case array([NamedJSONValue])
        enum CodingKeys: CodingKey, CaseIterable { case string, null, array }
        static let avroFields: [String: AvroFieldOptions] = ["null": .init(name: "Null")]
    }

    @Test func primitiveNamesAreNotDerivedAsNames() throws {
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: JSONValue.self) }
        #expect(error?.message.contains("primitive") == true)
        #expect(error?.message.contains(#""null": .init(name: "Null")"#) == true)
        let schema = try AvroSchema(deriving: NamedJSONValue.self)
        // The recursive case `array` refers to itself while being derived, so it stays a record.
        #expect(schema.jsonString() == #"["string",{"type":"record","name":"Null","namespace":"NamedJSONValue","fields":[]},"#
            + #"{"type":"record","name":"array","namespace":"NamedJSONValue","fields":[{"name":"_0","type":{"type":"array","items":["string","Null","array"]}}]}]"#)
        #expect(try AvroSchema(parsing: schema.jsonString()) == schema)
        let value = NamedJSONValue.array([.string("a"), .null, .array([.null])])
        #expect(try AvroDecoder().decode(NamedJSONValue.self, from: AvroEncoder().encodeBytes(value)) == value)
    }

    @Test func invalidCustomNamesAreErrors() throws {
        struct Bad: Codable, AvroCustomizing { var a: Int; static let avroName: String? = "my-record" }
        struct Primitive: Codable, AvroCustomizing { var a: Int; static let avroName: String? = "long" }
        struct BadSpace: Codable, AvroCustomizing { var a: Int; static let avroNamespace: String? = "com..x" }
        for type in [Bad.self, Primitive.self, BadSpace.self] as [any Decodable.Type] {
            let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(deriving: type) }
            #expect(error?.message.contains("AvroCustomizing.avroName") == true, "\(type)")
        }
    }

    /// Files written by other implementations with names the grammar forbids are read.
    @Test func filesWithInvalidNamesAreRead() throws {
        let schemaText = #"{"type":"record","name":"Activity","fields":[{"name":"@type","type":"string"},{"name":"content-type","type":"string"}]}"#
        #expect(throws: AvroError.self) { _ = try AvroSchema(parsing: schemaText) }
        let schema = try AvroSchema(parsing: schemaText, options: .lenientNames)
        let writer = try AvroFileWriter<AvroValue>(schema: schema)
        try writer.append(.record([("@type", "Note"), ("content-type", "text/plain")]))
        try writer.close()
        let data = writer.data
        let read = try Array(AvroFileReader<Activity>(data: data))
        #expect(read == [Activity(type: "Note", contentType: "text/plain")])
    }

    /// polars names its records with the empty string: such files are read, and the name is
    /// kept as written; a schema of one's own still needs a name.
    @Test func filesWithAnEmptyRecordNameAreRead() throws {
        let schemaText = #"{"type":"record","name":"","fields":[{"name":"id","type":["null","long"]},{"name":"page","type":["null","string"]}]}"#
        let error = expectAvroError(.invalidSchema) { _ = try AvroSchema(parsing: schemaText) }
        #expect(error?.message.contains("invalid name ''") == true)
        let schema = try AvroSchema(parsing: schemaText, options: .lenientNames)
        #expect(schema.name?.fullname == "")
        let writer = try AvroFileWriter<AvroValue>(schema: schema)
        try writer.append(.record([("id", .union(branch: 1, value: .long(7))), ("page", .union(branch: 1, value: "/home"))]))
        try writer.close()
        struct Visit: Codable, Equatable { var id: Int64; var page: String? }
        let reader = try AvroFileReader<Visit>(data: writer.data)
        #expect(reader.header.schema.jsonString() == schemaText)
        #expect(try Array(reader) == [Visit(id: 7, page: "/home")])
    }
}
