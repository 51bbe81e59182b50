import Foundation
import Testing
@testable import Avro

/// The correctness traps other Swift Avro libraries fall into (issue 3): field order, skipped
/// optionals, defaults, unions, integer ranges, promotions, top-level values, class
/// hierarchies, and the coding paths of errors. Expected bytes come from ``AvroValue``.
@Suite struct CodableTrapTests {
    static let person = """
        {"type": "record", "name": "Person", "fields": [
          {"name": "name", "type": "string"},
          {"name": "age", "type": "int"},
          {"name": "address", "type": {"type": "record", "name": "Address", "fields": [
            {"name": "street", "type": "string"}, {"name": "zip", "type": "int"}]}},
          {"name": "tags", "type": {"type": "array", "items": "string"}}]}
        """

    static let bob: AvroValue = .record([
        ("name", "Bob"), ("age", .int(41)), ("address", .record([("street", "High St"), ("zip", .int(9))])), ("tags", ["a", "b"]),
    ])

    enum Key: String, CodingKey { case name, age, address, street, zip, tags }

    // MARK: - Field order

    /// Properties declared in another order than the schema's fields, at two levels.
    struct ShuffledPerson: Codable, Equatable {
        struct Address: Codable, Equatable {
            var zip: Int
            var street: String
        }
        var tags: [String]
        var address: Address
        var age: Int
        var name: String
    }

    @Test func propertiesInAnotherOrder() throws {
        let bob = ShuffledPerson(tags: ["a", "b"], address: .init(zip: 9, street: "High St"), age: 41, name: "Bob")
        let bytes = try CodableCheck.encode(bob, Self.person)
        #expect(bytes == (try CodableCheck.reference(Self.bob, Self.person)))
        #expect(try CodableCheck.decode(ShuffledPerson.self, bytes, Self.person) == bob)
    }

    /// A custom `encode(to:)` that writes the keys out of order, nested containers included.
    struct ScrambledWriter: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var tags = container.nestedUnkeyedContainer(forKey: .tags)
            try tags.encode("a")
            try tags.encode("b")
            var address = container.nestedContainer(keyedBy: Key.self, forKey: .address)
            try address.encode(Int32(9), forKey: .zip)
            try address.encode("High St", forKey: .street)
            try container.encode(41, forKey: .age)
            try container.encode("Bob", forKey: .name)
        }
    }

    @Test func customEncodeWritesKeysOutOfOrder() throws {
        #expect(try CodableCheck.encode(ScrambledWriter(), Self.person) == CodableCheck.reference(Self.bob, Self.person))
    }

    /// A custom `init(from:)` that reads keys in reverse order, nested ones too, and one twice.
    struct ReverseReader: Decodable, Equatable {
        var name: String, age: Int32, street: String, zip: Int32, tags: [String], nameAgain: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            var tagItems = try container.nestedUnkeyedContainer(forKey: .tags)
            var tags: [String] = []
            while !tagItems.isAtEnd { tags.append(try tagItems.decode(String.self)) }
            self.tags = tags
            let address = try container.nestedContainer(keyedBy: Key.self, forKey: .address)
            zip = try address.decode(Int32.self, forKey: .zip)
            street = try address.decode(String.self, forKey: .street)
            age = try container.decode(Int32.self, forKey: .age)
            name = try container.decode(String.self, forKey: .name)
            nameAgain = try container.decode(String.self, forKey: .name)
        }
    }

    @Test func decoderAcceptsKeysInAnyOrder() throws {
        let bytes = try CodableCheck.reference(Self.bob, Self.person)
        let reader = try CodableCheck.decode(ReverseReader.self, bytes, Self.person)
        #expect([reader.name, reader.street, reader.nameAgain] == ["Bob", "High St", "Bob"])
        #expect([reader.age, reader.zip] == [41, 9] && reader.tags == ["a", "b"])
    }

    /// Record fields the type does not ask for are skipped, wherever they are.
    struct NameOnly: Codable, Equatable { var tags: [String] }

    @Test func fieldsTheTypeDoesNotAskForAreSkipped() throws {
        let bytes = try CodableCheck.reference(Self.bob, Self.person)
        #expect(try CodableCheck.decode(NameOnly.self, bytes, Self.person) == NameOnly(tags: ["a", "b"]))
    }

    // MARK: - Optionals and defaults

    static let optionals = """
        {"type": "record", "name": "Optionals", "fields": [
          {"name": "a", "type": ["null", "string"]},
          {"name": "b", "type": ["string", "null"]},
          {"name": "c", "type": "string", "default": "dflt"},
          {"name": "d", "type": ["long", "null"], "default": 7},
          {"name": "e", "type": "long"}]}
        """

    struct Optionals: Codable, Equatable {
        var a: String?
        var b: String?
        var e: Int
    }

    /// A writer that leaves out nil values altogether, as well as `c` and `d`.
    struct Skipper: Encodable {
        var a: String?
        var b: String?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(5, forKey: .e)
            if let b { try container.encode(b, forKey: .b) }
            if let a { try container.encode(a, forKey: .a) }
        }
        enum CodingKeys: CodingKey { case a, b, e }
    }

    @Test func skippedNilOptionalsWriteTheirNullBranchAndMissingFieldsTheirDefault() throws {   // item 30
        let expected = try CodableCheck.reference(.record([
            ("a", .union(branch: 0, value: .null)), ("b", .union(branch: 1, value: .null)), ("c", "dflt"),
            ("d", .union(branch: 0, value: .long(7))), ("e", .long(5)),
        ]), Self.optionals)
        #expect(try CodableCheck.encode(Optionals(a: nil, b: nil, e: 5), Self.optionals) == expected)
        #expect(try CodableCheck.encode(Skipper(), Self.optionals) == expected)
        let present = try CodableCheck.encode(Skipper(a: "x", b: "y"), Self.optionals)
        #expect(present == (try CodableCheck.reference(.record([
            ("a", .union(branch: 1, value: "x")), ("b", .union(branch: 0, value: "y")), ("c", "dflt"),
            ("d", .union(branch: 0, value: .long(7))), ("e", .long(5)),
        ]), Self.optionals)))
        #expect(try CodableCheck.decode(Optionals.self, expected, Self.optionals) == Optionals(a: nil, b: nil, e: 5))
        #expect(try CodableCheck.decode(Optionals.self, present, Self.optionals) == Optionals(a: "x", b: "y", e: 5))
    }

    struct NoZip: Encodable {
        struct Address: Encodable { var street: String }
        var name = "Bob", age: Int32 = 41, address = Address(street: "High St"), tags: [String] = []
    }

    struct Unnamed: Encodable { var age: Int32 = 41 }

    @Test func aFieldNeverWrittenWithoutDefaultIsAnErrorNamingIt() throws {
        let error = expectEncodingError(.missingField, at: ["address", "zip"]) { _ = try CodableCheck.encode(NoZip(), Self.person) }
        #expect(error?.path == "address.zip")
        #expect(error?.message.contains("'zip'") == true)
        expectEncodingError(.missingField, at: ["name"]) { _ = try CodableCheck.encode(Unnamed(), Self.person) }
    }

    struct WithPhone: Decodable { var name: String; var phone: String }
    struct WithOptionalPhone: Decodable { var name: String; var phone: String? }

    @Test func aFieldTheSchemaLacksIsKeyNotFoundOnDecode() throws {
        let bytes = try CodableCheck.reference(Self.bob, Self.person)
        let error = expectDecodingError(.missingField, at: ["phone"]) { _ = try CodableCheck.decode(WithPhone.self, bytes, Self.person) }
        #expect(error?.message.contains("'phone'") == true)
        #expect(try CodableCheck.decode(WithOptionalPhone.self, bytes, Self.person).phone == nil)
    }

    static let sparse = """
        {"type": "record", "name": "Sparse", "fields": [
          {"name": "a", "type": ["null", "string"]}, {"name": "b", "type": "long"},
          {"name": "c", "type": ["null", {"type": "record", "name": "P", "fields": [{"name": "x", "type": "int"}]}]},
          {"name": "d", "type": "string"}, {"name": "m", "type": {"type": "map", "values": {"type": "array", "items": "long"}}},
          {"name": "z", "type": "boolean"}]}
        """

    struct Sparse: Codable, Equatable {
        struct P: Codable, Equatable { var x: Int32 }
        var a: String?
        var b: Int
        var c: P?
        var d: String
        var m: [String: [Int]]
        var z: Bool
    }

    @Test func nilOptionalsFollowedByMoreFieldsAndMapsInsideRecordsDecode() throws {
        let values = [
            Sparse(a: nil, b: -1, c: nil, d: "after", m: ["one": [1], "two": [2, 2], "none": []], z: true),
            Sparse(a: "a", b: 1 << 40, c: .init(x: 3), d: "", m: [:], z: false),
        ]
        for value in values {
            let bytes = try CodableCheck.encode(value, Self.sparse)
            #expect(try CodableCheck.decode(Sparse.self, bytes, Self.sparse) == value)
            let dynamic = try AvroValue(decoding: bytes, as: AvroSchema(parsing: Self.sparse))
            #expect(dynamic["d"] == .string(value.d))
            #expect(dynamic["m"].map { if case .map(let entries) = $0 { entries.count } else { -1 } } == value.m.count)
        }
        // Fixed-order bytes written by AvroValue decode too: the map's entries in another order.
        let reference = try CodableCheck.reference(.record([
            ("a", .union(branch: 0, value: .null)), ("b", .long(2)), ("c", .union(branch: 0, value: .null)), ("d", "d"),
            ("m", .map([("z", [.long(1)]), ("a", [])])), ("z", true),
        ]), Self.sparse)
        #expect(try CodableCheck.decode(Sparse.self, reference, Self.sparse) == Sparse(a: nil, b: 2, c: nil, d: "d", m: ["z": [1], "a": []], z: true))
    }

    // MARK: - Unions

    static let scalarUnion = """
        {"type": "record", "name": "Holder", "fields": [{"name": "u", "type": ["null", "boolean", "int", "long", "double", "string", "bytes"]}]}
        """

    struct Holder<Value: Codable & Equatable>: Codable, Equatable { var u: Value }

    func expectBranch<Value: Codable & Equatable>(_ value: Value, _ branch: Int, _ inner: AvroValue,
                                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = try CodableCheck.encode(Holder(u: value), Self.scalarUnion)
        #expect(bytes == (try CodableCheck.reference(.record([("u", .union(branch: branch, value: inner))]), Self.scalarUnion)),
                sourceLocation: sourceLocation)
        #expect(try CodableCheck.decode(Holder<Value>.self, bytes, Self.scalarUnion) == Holder(u: value), sourceLocation: sourceLocation)
    }

    @Test func severalNonNullBranchesArePickedByType() throws {
        try expectBranch(true, 1, true)
        try expectBranch(Int32(5), 2, .int(5))
        try expectBranch(5, 2, .int(5))
        try expectBranch(Int64(1) << 40, 3, .long(1 << 40))   // does not fit the int branch
        try expectBranch(2.5, 4, .double(2.5))
        try expectBranch("s", 5, "s")
        try expectBranch(Data([1, 2]), 6, .bytes([1, 2]))
        try expectBranch(String?.none, 0, .null)
        let stamped = #"["null", "string", {"type": "long", "logicalType": "timestamp-millis"}]"#
        let date = Date(timeIntervalSince1970: 1.5)
        #expect(try CodableCheck.encode(date, stamped) == CodableCheck.reference(.union(branch: 2, value: .long(1500)), stamped))
        #expect(try CodableCheck.decode(Date.self, CodableCheck.encode(date, stamped), stamped) == date)
    }

    static let pets = """
        {"type": "record", "name": "Owner", "fields": [{"name": "pet", "type": [
          {"type": "record", "name": "Cat", "fields": [{"name": "name", "type": "string"}]},
          {"type": "record", "name": "Dog", "namespace": "animals", "fields": [{"name": "name", "type": "string"}, {"name": "good", "type": "boolean"}]}]}]}
        """

    struct Cat: Codable, Equatable { var name: String }
    struct Dog: Codable, Equatable { var name: String; var good: Bool }
    enum Pet: Codable, Equatable { case cat(Cat), dog(Dog) }

    @Test func recordBranchesArePickedByEnumCaseOrTypeName() throws {
        let dog = try CodableCheck.reference(.record([("pet", .union(branch: 1, value: .record([("name", "Rex"), ("good", true)])))]), Self.pets)
        let cat = try CodableCheck.reference(.record([("pet", .union(branch: 0, value: .record([("name", "Tom")])))]), Self.pets)
        #expect(try CodableCheck.encode(Owner(pet: Pet.dog(Dog(name: "Rex", good: true))), Self.pets) == dog)
        #expect(try CodableCheck.encode(Owner(pet: Pet.cat(Cat(name: "Tom"))), Self.pets) == cat)
        #expect(try CodableCheck.encode(Owner(pet: Dog(name: "Rex", good: true)), Self.pets) == dog)
        #expect(try CodableCheck.decode(Owner<Pet>.self, dog, Self.pets).pet == .dog(Dog(name: "Rex", good: true)))
        #expect(try CodableCheck.decode(Owner<Pet>.self, cat, Self.pets).pet == .cat(Cat(name: "Tom")))
        #expect(try CodableCheck.decode(Owner<Dog>.self, dog, Self.pets).pet == Dog(name: "Rex", good: true))
        expectDecodingError(.typeMismatch) { _ = try CodableCheck.decode(Owner<Dog>.self, cat, Self.pets) }
    }

    struct Owner<Value: Codable>: Codable { var pet: Value }
    struct Counted<Value: Codable>: Codable { var count: Value }

    // MARK: - Numbers

    static let numbers = """
        {"type": "record", "name": "Numbers", "fields": [{"name": "count", "type": "int"}]}
        """

    @Test func swiftIntIntoAvroIntIsRangeChecked() throws {
        #expect(try CodableCheck.encode(Counted(count: Int(Int32.max)), Self.numbers) == [0xfe, 0xff, 0xff, 0xff, 0x0f])
        #expect(try CodableCheck.encode(Counted(count: Int(Int32.min)), Self.numbers) == [0xff, 0xff, 0xff, 0xff, 0x0f])
        for tooBig in [Int(Int32.max) + 1, Int(Int32.min) - 1, .max] {
            expectEncodingError(.valueOutOfRange, at: ["count"]) { _ = try CodableCheck.encode(Counted(count: tooBig), Self.numbers) }
        }
        expectEncodingError(.valueOutOfRange, at: ["count"]) { _ = try CodableCheck.encode(Counted(count: UInt32.max), Self.numbers) }
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(Int64.max, "\"int\"") }
    }

    @Test func unsignedBeyondInt64IsAnError() throws {
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(UInt64(Int64.max) + 1, "\"long\"") }
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(UInt.max, "\"long\"") }
        expectEncodingError(.valueOutOfRange, at: ["u"]) { _ = try CodableCheck.encode(Holder(u: UInt64.max), Self.scalarUnion) }
        #expect(try CodableCheck.encode(UInt64(Int64.max), "\"long\"") == [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    }

    @Test func decodedIntegersMustFitTheSwiftType() throws {
        let big = try CodableCheck.reference(.long(300), "\"long\"")
        #expect(try CodableCheck.decode(UInt16.self, big, "\"long\"") == 300)
        let error = expectDecodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.decode(Int8.self, big, "\"long\"") }
        #expect(error?.offset == 0)
        let negative = try CodableCheck.reference(.long(-1), "\"long\"")
        expectDecodingError(.valueOutOfRange) { _ = try CodableCheck.decode(UInt.self, negative, "\"long\"") }
        expectDecodingError(.typeMismatch) { _ = try CodableCheck.decode(Int.self, [0, 0, 0, 0], "\"float\"") }
    }

    @Test func floatAndDoublePromotions() throws {   // item 51
        #expect(try CodableCheck.encode(Float(1.5), "\"double\"") == CodableCheck.reference(.double(1.5), "\"double\""))
        #expect(try CodableCheck.encode(Int32(-3), "\"float\"") == CodableCheck.reference(.float(-3), "\"float\""))
        #expect(try CodableCheck.encode(Int64(1) << 40, "\"double\"") == CodableCheck.reference(.double(0x1p40), "\"double\""))
        #expect(try CodableCheck.encode(0.5, "\"float\"") == CodableCheck.reference(.float(0.5), "\"float\""))
        expectEncodingError(.valueOutOfRange, at: []) { _ = try CodableCheck.encode(0.1, "\"float\"") }   // no silent rounding
        expectEncodingError(.typeMismatch, at: []) { _ = try CodableCheck.encode(1.5, "\"long\"") }
        #expect(try CodableCheck.decode(Double.self, CodableCheck.reference(.float(0.1), "\"float\""), "\"float\"") == Double(Float(0.1)))
        #expect(try CodableCheck.decode(Double.self, CodableCheck.reference(.long(-7), "\"long\""), "\"long\"") == -7)
        #expect(try CodableCheck.decode(Float.self, CodableCheck.reference(.double(0.25), "\"double\""), "\"double\"") == 0.25)
        expectDecodingError(.valueOutOfRange, at: []) {
            _ = try CodableCheck.decode(Float.self, CodableCheck.reference(.double(0.1), "\"double\""), "\"double\"")
        }
    }

    // MARK: - Top-level values and Foundation types

    @Test func topLevelValuesThatAreNotRecords() throws {
        #expect(try CodableCheck.encode(-1, "\"long\"") == [0x01])
        #expect(try CodableCheck.encode("hé", "\"string\"") == [0x06, 0x68, 0xc3, 0xa9])
        #expect(try CodableCheck.encode([1, -1], #"{"type": "array", "items": "long"}"#) == [0x04, 0x02, 0x01, 0x00])
        let map = ["a": 1.5, "b": -2.0, "c": 0]
        let mapSchema = #"{"type": "map", "values": "double"}"#
        #expect(try CodableCheck.decode([String: Double].self, CodableCheck.encode(map, mapSchema), mapSchema) == map)
        for schema in [#"["null", "long"]"#, #"["long", "null"]"#] {
            for value in [Int?.none, 42] {
                let bytes = try CodableCheck.encode(value, schema)
                #expect(bytes == (try CodableCheck.reference(value.map { .long(Int64($0)) } ?? .null, schema)))
                #expect(try CodableCheck.decode(Int?.self, bytes, schema) == value)
            }
        }
        #expect(try CodableCheck.decode([Int].self, [0x04, 0x02, 0x01, 0x00], #"{"type": "array", "items": "long"}"#) == [1, -1])
    }

    struct Foundationy: Codable, Equatable {
        var url: URL
        var tags: Set<String>
        var blob: Data
        var raw: [UInt8]
        var four: Data
        var fourRaw: [UInt8]
    }

    static let foundationy = """
        {"type": "record", "name": "Foundationy", "fields": [
          {"name": "url", "type": "string"}, {"name": "tags", "type": {"type": "array", "items": "string"}},
          {"name": "blob", "type": "bytes"}, {"name": "raw", "type": "bytes"},
          {"name": "four", "type": {"type": "fixed", "name": "Four", "size": 4}}, {"name": "fourRaw", "type": "Four"}]}
        """

    @Test func urlSetDataAndByteArraysAsBytesAndFixed() throws {
        let value = Foundationy(url: try #require(URL(string: "https://example.com/a?b=c")), tags: ["x"], blob: Data([1]),
                                raw: [2, 3], four: Data([4, 5, 6, 7]), fourRaw: [8, 9, 10, 11])
        let bytes = try CodableCheck.encode(value, Self.foundationy)
        #expect(bytes == (try CodableCheck.reference(.record([
            ("url", "https://example.com/a?b=c"), ("tags", ["x"]), ("blob", .bytes([1])), ("raw", .bytes([2, 3])),
            ("four", .fixed([4, 5, 6, 7])), ("fourRaw", .fixed([8, 9, 10, 11])),
        ]), Self.foundationy)))
        #expect(try CodableCheck.decode(Foundationy.self, bytes, Self.foundationy) == value)
        var wrong = value
        wrong.fourRaw = [1, 2, 3]
        expectEncodingError(.typeMismatch, at: ["fourRaw"]) { _ = try CodableCheck.encode(wrong, Self.foundationy) }
        let set: Set<Int> = [3, 1, 2]
        let setSchema = #"{"type": "array", "items": "int"}"#
        #expect(try CodableCheck.decode(Set<Int>.self, CodableCheck.encode(set, setSchema), setSchema) == set)
    }

    static let dynamic = """
        {"type": "record", "name": "Dynamic", "fields": [{"name": "id", "type": "long"},
          {"name": "extra", "type": ["null", "string", {"type": "map", "values": "long"}]}]}
        """

    struct Dynamic: Codable, Equatable { var id: Int; var extra: AvroValue }

    @Test func avroValueTypedField() throws {
        let map = AvroValue.union(branch: 2, value: .map([("k", .long(1))]))
        let bytes = try CodableCheck.encode(Dynamic(id: 1, extra: map), Self.dynamic)
        #expect(bytes == (try CodableCheck.reference(.record([("id", .long(1)), ("extra", map)]), Self.dynamic)))
        #expect(try CodableCheck.decode(Dynamic.self, bytes, Self.dynamic) == Dynamic(id: 1, extra: map))
        let untagged = try CodableCheck.encode(Dynamic(id: 2, extra: "text"), Self.dynamic)
        #expect(try CodableCheck.decode(Dynamic.self, untagged, Self.dynamic).extra == .union(branch: 1, value: "text"))
        expectEncodingError(.typeMismatch, at: ["extra"]) { _ = try CodableCheck.encode(Dynamic(id: 3, extra: .double(1)), Self.dynamic) }
    }

    // MARK: - Class hierarchies

    class Animal: Codable {
        var name: String
        init(name: String) { self.name = name }
    }

    /// Encodes its superclass through `superEncoder()`: a nested record under the key `super`.
    final class Puppy: Animal {
        var breed: String
        init(name: String, breed: String) {
            self.breed = breed
            super.init(name: name)
        }
        enum CodingKeys: CodingKey { case breed }
        required init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            breed = try container.decode(String.self, forKey: .breed)
            try super.init(from: container.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(breed, forKey: .breed)
            try super.encode(to: container.superEncoder())
        }
    }

    /// Shares its encoder with its superclass: the fields of both in one record.
    final class Kitten: Animal {
        var lives: Int32
        init(name: String, lives: Int32) {
            self.lives = lives
            super.init(name: name)
        }
        enum CodingKeys: CodingKey { case lives }
        required init(from decoder: any Decoder) throws {
            lives = try decoder.container(keyedBy: CodingKeys.self).decode(Int32.self, forKey: .lives)
            try super.init(from: decoder)
        }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(lives, forKey: .lives)
            try super.encode(to: encoder)
        }
    }

    @Test func superEncoderAndSuperDecoderForAClassHierarchy() throws {
        let schema = """
            {"type": "record", "name": "Puppy", "fields": [{"name": "breed", "type": "string"},
              {"name": "super", "type": {"type": "record", "name": "Animal", "fields": [{"name": "name", "type": "string"}]}}]}
            """
        let bytes = try CodableCheck.encode(Puppy(name: "Rex", breed: "pug"), schema)
        #expect(bytes == (try CodableCheck.reference(.record([("breed", "pug"), ("super", .record([("name", "Rex")]))]), schema)))
        let back = try CodableCheck.decode(Puppy.self, bytes, schema)
        #expect(back.name == "Rex" && back.breed == "pug")
    }

    @Test func aSubclassSharingItsEncoderWritesOneRecord() throws {
        let schema = """
            {"type": "record", "name": "Kitten", "fields": [{"name": "name", "type": "string"}, {"name": "lives", "type": "int"}]}
            """
        let bytes = try CodableCheck.encode(Kitten(name: "Tom", lives: 9), schema)
        #expect(bytes == (try CodableCheck.reference(.record([("name", "Tom"), ("lives", .int(9))]), schema)))
        let back = try CodableCheck.decode(Kitten.self, bytes, schema)
        #expect(back.name == "Tom" && back.lives == 9)
    }

    // MARK: - Error paths

    static let directory = """
        {"type": "record", "name": "Directory", "fields": [{"name": "addresses", "type": {"type": "array", "items":
          {"type": "record", "name": "Address", "fields": [{"name": "street", "type": "string"}, {"name": "zip", "type": "int"}]}}}]}
        """

    struct Directory<Zip> {
        struct Address { var street: String; var zip: Zip }
        var addresses: [Address]
    }

    /// A zip code that is a number or, wrongly for the schema, text.
    enum Zip: Encodable {
        case number(Int32), text(String)
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    @Test func encodingErrorsDeepInsideHaveTheirCodingPath() throws {
        let wideZip = Directory(addresses: [.init(street: "a", zip: 1), .init(street: "b", zip: 2), .init(street: "c", zip: 1 << 40)])
        let range = expectEncodingError(.valueOutOfRange, at: ["addresses", "Index 2", "zip"]) {
            _ = try CodableCheck.encode(wideZip, Self.directory)
        }
        #expect(range?.path == "addresses[2].zip")
        let textZip = Directory(addresses: [.init(street: "a", zip: Zip.number(1)), .init(street: "b", zip: .number(2)), .init(street: "c", zip: .text("x"))])
        expectEncodingError(.typeMismatch, at: ["addresses", "Index 2", "zip"]) { _ = try CodableCheck.encode(textZip, Self.directory) }
    }

    @Test func decodingErrorsDeepInsideHaveTheirCodingPathAndOffset() throws {
        let schema = Self.directory.replacingOccurrences(of: #""type": "int""#, with: #""type": ["int", "string"]"#)
        let bytes = try CodableCheck.reference(.record([("addresses", .array([
            .record([("street", "s0"), ("zip", .union(branch: 0, value: .int(1)))]),
            .record([("street", "s1"), ("zip", .union(branch: 0, value: .int(2)))]),
            .record([("street", "s2"), ("zip", .union(branch: 1, value: "x"))]),
        ]))]), schema)
        let mismatch = expectDecodingError(.typeMismatch, at: ["addresses", "Index 2", "zip"]) {
            _ = try CodableCheck.decode(Directory<Int32>.self, bytes, schema)
        }
        // 1 byte of count, then addresses of 5 bytes (street "sN", branch, zip): the third zip's branch is at byte 14.
        #expect(mismatch?.offset == 14)
        #expect(mismatch?.path == "addresses[2].zip")
    }

    enum Suit: String, Codable { case hearts = "HEARTS", joker = "JOKER" }

    @Test func anEnumCaseThatIsNotASymbolIsAnError() throws {
        let schema = #"{"type": "enum", "name": "Suit", "symbols": ["HEARTS", "SPADES"]}"#
        #expect(try CodableCheck.encode(Suit.hearts, schema) == [0x00])
        expectEncodingError(.invalidEnumSymbol, at: []) { _ = try CodableCheck.encode(Suit.joker, schema) }
        let error = expectDecodingError(.invalidEnumSymbol, at: []) { _ = try CodableCheck.decode(Suit.self, [0x04], schema) }
        #expect(error?.offset == 0)
        #expect(throws: DecodingError.self) { try CodableCheck.decode(Suit.self, [0x02], schema) }   // SPADES: no such case
    }
}

extension CodableTrapTests.Directory: Encodable where Zip: Encodable {}
extension CodableTrapTests.Directory.Address: Encodable where Zip: Encodable {}
extension CodableTrapTests.Directory: Decodable where Zip: Decodable {}
extension CodableTrapTests.Directory.Address: Decodable where Zip: Decodable {}
