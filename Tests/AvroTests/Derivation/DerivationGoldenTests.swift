import Foundation
import Testing
@testable import Avro

/// Derived schemas against the golden `.avsc` files in `Fixtures/derivation`,
/// and the mapping rules those files rest on.
@Suite struct DerivationGoldenTests {
    @Test(arguments: Gallery.entries)
    func derivedSchemaMatchesTheGoldenFile(_ entry: GalleryEntry) throws {
        let derived = try entry.derive().jsonString(pretty: true)
        let golden = try entry.golden()
        #expect(derived == golden, "\(entry.name).avsc differs; derived:\n\(derived)")
    }

    @Test(arguments: Gallery.entries)
    func derivedSchemaParsesBackEqual(_ entry: GalleryEntry) throws {
        let schema = try entry.derive()
        #expect(try AvroSchema(parsing: schema.jsonString()) == schema)
        #expect(try AvroSchema(parsing: schema.jsonString(pretty: true)) == schema)
    }

    @Test func everyGoldenFileBelongsToAGalleryType() throws {
        let directory = TestData.fixture("derivation")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".avsc") }
        #expect(Set(files) == Set(Gallery.entries.map { $0.name + ".avsc" }))
    }

    @Test func integersFollowTheTableAndIntIsNeverAvroInt() throws {
        let schema = try AvroSchema(deriving: Gallery.Primitives.self)
        guard case .record(let record) = schema.kind else {
            Issue.record("Primitives is not a record: \(schema.jsonString())")
            return
        }
        let types = Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0.type.typeName) })
        #expect(types == [
            "bool": "boolean", "int": "long", "int8": "int", "int16": "int", "int32": "int", "int64": "long",
            "uint": "long", "uint8": "int", "uint16": "int", "uint32": "long", "uint64": "long",
            "float": "float", "double": "double", "string": "string",
        ])
        #expect(try AvroSchema(deriving: Int.self) == .long)
        #expect(try AvroSchema(deriving: UInt32.self) == .long)
        #expect(try AvroSchema(deriving: Int32.self) == .int)
    }

    @Test func typesOtherThanRecordsAtTheTop() throws {
        #expect(try AvroSchema(deriving: String?.self).jsonString() == #"["null","string"]"#)
        #expect(try AvroSchema(deriving: [[String: Data]].self).jsonString() == #"{"type":"array","items":{"type":"map","values":"bytes"}}"#)
        #expect(try AvroSchema(deriving: Set<Int16>.self).jsonString() == #"{"type":"array","items":"int"}"#)
        #expect(try AvroSchema(deriving: Gallery.Suit.self).jsonString() == #"{"type":"enum","name":"Suit","symbols":["hearts","spades","clubs","diamonds"]}"#)
        #expect(try AvroSchema(deriving: Gallery.Color.self) == .string)
        #expect(try AvroSchema(deriving: Gallery.Box<String>.self).jsonString() == #"{"type":"record","name":"Box_String","fields":[{"name":"value","type":"string"}]}"#)
        #expect(try AvroSchema(deriving: Gallery.Shape?.self).jsonString().hasPrefix(#"["null",{"type":"record","name":"circle","namespace":"Shape""#))
        #expect(try AvroSchema(deriving: Gallery.Temperature.self) == .double)
        #expect(try AvroSchema(deriving: AvroDuration.self).jsonString() == #"{"type":"fixed","name":"AvroDuration","size":12,"logicalType":"duration"}"#)
    }

    @Test func optionalWithANonNullDefaultPutsNullLast() throws {
        let schema = try AvroSchema(deriving: Gallery.Account.self)
        guard case .record(let record) = schema.kind, let nickname = record.field(named: "nickname") else {
            Issue.record("no nickname field in \(schema.jsonString())")
            return
        }
        #expect(nickname.type == .union([.string, .null]))
        #expect(nickname.defaultValue == "anonymous")
    }

    @Test func aNamedTypeIsDefinedOnceThenReferenced() throws {
        let schema = try AvroSchema(deriving: Gallery.Customer.self)
        var definitions: [String] = []
        schema.forEachNamedDefinition { name, _ in definitions.append(name.fullname) }
        #expect(definitions == ["Customer", "Address"])
        #expect(schema.jsonString().components(separatedBy: #""name":"Address""#).count == 2)
    }

    @Test func aRecursiveEnumDefinesEveryCaseBeforeReferencingIt() throws {
        // `Expr.negate` is first met inside `Expr.add`, so it is defined there.
        let schema = try AvroSchema(deriving: Gallery.Expr.self)
        var definitions: [String] = []
        schema.forEachNamedDefinition { name, _ in definitions.append(name.fullname) }
        #expect(definitions == ["Expr.number", "Expr.add", "Expr.negate"])
        #expect(try AvroSchema(parsing: schema.jsonString()) == schema)
    }
}
