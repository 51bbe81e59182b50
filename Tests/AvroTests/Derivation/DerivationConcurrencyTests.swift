import Foundation
import Testing
@testable import Avro

/// Derivation is thread-safe and runs once per type.
@Suite struct DerivationConcurrencyTests {
    /// Instantiated with types no other test derives, so that the first derivations race.
    struct Tagged<T: Codable & Sendable>: Codable, Equatable, Sendable where T: Equatable {
        var tag: String
        var value: T
    }

    /// Counts how often derivation probes its `init(from:)`.
    struct Counted: Codable {
        static let probes = Locked(0)
        var id: Int

        init(id: Int) { self.id = id }

        init(from decoder: any Decoder) throws {
            if decoder is SchemaProbe { Self.probes.withLock { $0 += 1 } }
            id = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .id)
        }
    }

    /// The types derived at once, with the Avro name and `value` type each must get.
    static let derivations: [(derive: @Sendable () throws -> AvroSchema, name: String, valueType: String)] = [
        ({ try AvroSchema(deriving: Tagged<Int8>.self) }, "Tagged_Int8", #""int""#),
        ({ try AvroSchema(deriving: Tagged<UInt16>.self) }, "Tagged_UInt16", #""int""#),
        ({ try AvroSchema(deriving: Tagged<UInt32>.self) }, "Tagged_UInt32", #""long""#),
        ({ try AvroSchema(deriving: Tagged<[Int16]>.self) }, "Tagged_Array_Int16", #"{"type":"array","items":"int"}"#),
        ({ try AvroSchema(deriving: Tagged<[String: Float]>.self) }, "Tagged_Dictionary_String_Float", #"{"type":"map","values":"float"}"#),
        ({ try AvroSchema(deriving: Tagged<Bool?>.self) }, "Tagged_Optional_Bool", #"["null","boolean"],"default":null"#),
        ({ try AvroSchema(deriving: Tagged<Gallery.Suit>.self) }, "Tagged_Suit", #"{"type":"enum","name":"Suit","symbols":["hearts","spades","clubs","diamonds"]}"#),
        ({ try AvroSchema(deriving: Tagged<Tagged<Int64>>.self) }, "Tagged_Tagged_Int64",
         #"{"type":"record","name":"Tagged_Int64","fields":[{"name":"tag","type":"string"},{"name":"value","type":"long"}]}"#),
    ]

    @Test func manyTasksDeriveTheSameAndDifferentTypesAtOnce() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for round in 0..<200 {
                let index = round % Self.derivations.count
                let derive = Self.derivations[index].derive
                group.addTask { (index, try derive().jsonString()) }
            }
            return try await group.reduce(into: [(Int, String)]()) { $0.append($1) }
        }
        #expect(results.count == 200)
        for (index, json) in results {
            let (_, name, valueType) = Self.derivations[index]
            #expect(json == #"{"type":"record","name":"\#(name)","fields":[{"name":"tag","type":"string"},{"name":"value","type":\#(valueType)}]}"#)
        }
    }

    @Test func manyTasksEncodeAndDecodeWithDerivedSchemasAtOnce() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<100 {
                group.addTask {
                    let value = Tagged(tag: "t\(round)", value: Tagged(tag: "inner", value: [Double(round)]))
                    let decoded = try AvroDecoder().decode(Tagged<Tagged<[Double]>>.self, from: AvroEncoder().encodeBytes(value))
                    #expect(decoded == value)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func derivationIsCachedPerType() throws {
        let first = try AvroSchema(deriving: Counted.self)
        let probesAfterFirst = Counted.probes.withLock { $0 }
        #expect(probesAfterFirst == 1)
        let second = try AvroSchema(deriving: Counted.self)
        #expect(second == first)
        #expect(try AvroDecoder().decode(Counted.self, from: AvroEncoder().encodeBytes(Counted(id: 5))).id == 5)
        #expect(Counted.probes.withLock { $0 } == probesAfterFirst)
        #expect(first.jsonString() == #"{"type":"record","name":"Counted","fields":[{"name":"id","type":"long"}]}"#)
    }
}
