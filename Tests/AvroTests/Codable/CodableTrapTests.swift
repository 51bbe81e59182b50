import Foundation
import Testing
@testable import Avro

/// The structural traps other Swift Avro libraries fall into: field order, containers
/// used out of turn, skipped optionals, defaults, unions, and class hierarchies. Expected bytes
/// come from ``AvroValue``. The value traps are in `CodableValueTrapTests`.
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

    /// `decodeNil(forKey:)` leaves a value that is not null to be decoded.
    struct NilChecker: Decodable {
        var name: String?
        var zip: Int32?
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            name = try container.decodeNil(forKey: .name) ? nil : container.decode(String.self, forKey: .name)
            let address = try container.nestedContainer(keyedBy: Key.self, forKey: .address)
            zip = try address.decodeNil(forKey: .zip) ? nil : address.decode(Int32.self, forKey: .zip)
        }
    }

    @Test func decodeNilThenDecode() throws {
        let checker = try CodableCheck.decode(NilChecker.self, CodableCheck.reference(Self.bob, Self.person), Self.person)
        #expect(checker.name == "Bob" && checker.zip == 9)
    }

    /// Record fields the type does not ask for are skipped, wherever they are.
    struct NameOnly: Codable, Equatable { var tags: [String] }

    @Test func fieldsTheTypeDoesNotAskForAreSkipped() throws {
        let bytes = try CodableCheck.reference(Self.bob, Self.person)
        #expect(try CodableCheck.decode(NameOnly.self, bytes, Self.person) == NameOnly(tags: ["a", "b"]))
    }

    static let twoLists = """
        {"type": "record", "name": "Lists", "fields": [{"name": "a", "type": {"type": "array", "items": "string"}},
          {"name": "b", "type": {"type": "array", "items": "string"}}]}
        """

    /// Uses a nested container again after opening its sibling.
    struct Interleaver: Codable {
        enum CodingKeys: CodingKey { case a, b }
        init() {}
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            var a = container.nestedUnkeyedContainer(forKey: .a)
            try a.encode("a1")
            var b = container.nestedUnkeyedContainer(forKey: .b)
            try b.encode("b1")
            try a.encode("a2")
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            var a = try container.nestedUnkeyedContainer(forKey: .a)
            _ = try a.decode(String.self)
            var b = try container.nestedUnkeyedContainer(forKey: .b)
            _ = try b.decode(String.self)
            _ = try a.decode(String.self)
        }
    }

    @Test func aContainerUsedAfterItsSiblingWasOpenedIsAnErrorNotAnotherContainer() throws {
        expectEncodingError(.unsupported, at: []) { _ = try CodableCheck.encode(Interleaver(), Self.twoLists) }
        let bytes = try CodableCheck.reference(.record([("a", ["a1", "a2"]), ("b", ["b1", "b2"])]), Self.twoLists)
        expectDecodingError(.unsupported) { _ = try CodableCheck.decode(Interleaver.self, bytes, Self.twoLists) }
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

    @Test func skippedNilOptionalsWriteTheirNullBranchAndMissingFieldsTheirDefault() throws {
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
        let mismatch = expectDecodingError(.typeMismatch, at: ["pet"]) { _ = try CodableCheck.decode(Owner<Dog>.self, cat, Self.pets) }
        #expect(mismatch?.offset == 0)
    }

    enum Suit: String, Codable { case hearts = "HEARTS" }

    @Test func aStringEnumGoesToTheEnumBranchNamedAfterIt() throws {
        let schema = #"["null", "string", {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS"]}]"#
        let bytes = try CodableCheck.encode(Suit.hearts, schema)
        #expect(bytes == (try CodableCheck.reference(.union(branch: 2, value: .enumeration("HEARTS")), schema)))
        #expect(try CodableCheck.decode(Suit?.self, bytes, schema) == .hearts)
        #expect(try CodableCheck.encode("HEARTS", schema) == CodableCheck.reference(.union(branch: 1, value: "HEARTS"), schema))
    }

    struct Owner<Value: Codable>: Codable { var pet: Value }

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
}
