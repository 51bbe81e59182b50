import Foundation
import Testing
@testable import Avro

/// Types, data and helpers shared by the container file tests.
enum ContainerFixtures {
    /// `test.Weather` of `share-test-data/weather*.avro`.
    struct Weather: Codable, Equatable {
        var station: String
        var time: Int64
        var temp: Int32
    }

    /// The 5 weather records in file order (`share-test-data/weather.json`).
    static let weather = [
        Weather(station: "011990-99999", time: -619_524_000_000, temp: 0),
        Weather(station: "011990-99999", time: -619_506_000_000, temp: 22),
        Weather(station: "011990-99999", time: -619_484_400_000, temp: -11),
        Weather(station: "012650-99999", time: -655_531_200_000, temp: 111),
        Weather(station: "012650-99999", time: -655_509_600_000, temp: 78),
    ]

    /// `Person` of `lang-js/Person.avsc`.
    struct JSPerson: Codable, Equatable {
        enum Gender: String, Codable { case FEMALE, MALE }
        struct Address: Codable, Equatable { var zipcode: Int32 }
        var name: String
        var age: Int32?
        var gender: Gender
        var address: Address
    }

    /// A small record used by the round-trip tests.
    struct Reading: Codable, Equatable {
        var id: Int64
        var sensor: String
        var value: Double
        var tags: [String]
        var note: String?
    }

    static func readingSchema() throws -> AvroSchema {
        try AvroSchema(parsing: """
            {"type":"record","name":"Reading","namespace":"test.container","fields":[
              {"name":"id","type":"long"},
              {"name":"sensor","type":"string"},
              {"name":"value","type":"double"},
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"note","type":["null","string"],"default":null}]}
            """)
    }

    /// `count` readings whose fields depend on their index only.
    static func readings(_ count: Int, from start: Int = 0) -> [Reading] {
        (start..<(start + count)).map { (index: Int) -> Reading in
            let tags: [String] = (0..<(index % 3)).map { "t\($0)" }
            let note: String? = index % 4 == 0 ? nil : "n\(index)"
            return Reading(id: Int64(index) * 1_000_003, sensor: "sensor-\(index % 7)", value: Double(index) / 8, tags: tags, note: note)
        }
    }

    /// The codecs of the specification, with the library a machine may lack.
    static let allCodecs: [any AvroCodec] = [
        AvroNullCodec(), AvroDeflateCodec(), AvroSnappyCodec(), AvroZstandardCodec(), AvroBzip2Codec(), AvroXZCodec(),
    ]

    /// Whether `codec` works on this machine (its shared library loads).
    static func isAvailable(_ codec: any AvroCodec) -> Bool {
        (try? codec.compress([1, 2, 3])) != nil
    }

    /// The codecs that work on this machine.
    static var availableCodecs: [any AvroCodec] { allCodecs.filter(isAvailable) }

    /// Every value of `reader`, throwing the first error.
    static func readAll<T>(_ reader: AvroFileReader<T>) throws -> [T] {
        var values: [T] = []
        while let value = try reader.next() { values.append(value) }
        return values
    }

    /// The blocks of a container file in memory: index, byte range and object count.
    static func blocks(of data: Data) throws -> [AvroFileBlock] {
        let blocks = try AvroFileBlocks(input: AvroFileInput(data: data), options: .init())
        var all: [AvroFileBlock] = []
        while let block = try blocks.next(.none) { all.append(block) }
        return all
    }
}

/// A directory of its own under the temporary directory, removed by ``remove()``.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("avro-container-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
