import Foundation
import Testing
@testable import Avro

/// Every object the library makes is freed once nothing outside it holds it: no reference
/// cycle keeps a reader, writer, coder state, compiled schema, resolution plan or schema
/// store alive. Checked with weak references, since LeakSanitizer cannot tell a Swift object
/// held through an enum payload from a lost one (see `.ci/lsan-suppressions.txt`).
///
/// The process-lifetime caches and this thread's reusable coder states are emptied first
/// (`ProcessCaches.removeAll`), so that what they legitimately hold does not count.
@Suite(.serialized)
struct LifetimeTests {
    struct Item: Codable, Equatable {
        var id: Int64
        var tags: [String]
        var child: Child?
    }

    struct Child: Codable, Equatable {
        var name: String
    }

    /// Records the decoder and encoder objects it is given, weakly.
    struct Recorder: Codable {
        nonisolated(unsafe) static var decoders: [() -> AnyObject?] = []
        nonisolated(unsafe) static var encoders: [() -> AnyObject?] = []
        nonisolated(unsafe) static var keptContainer: KeyedDecodingContainer<CodingKeys>?
        var id: Int64
        var child: Child?

        enum CodingKeys: String, CodingKey { case id, child }

        init(id: Int64, child: Child?) {
            self.id = id
            self.child = child
        }

        init(from decoder: any Decoder) throws {
            weak var object = decoder as AnyObject
            Self.decoders.append { object }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            Self.keptContainer = container
            id = try container.decode(Int64.self, forKey: .id)
            let nested = try container.superDecoder(forKey: .child)
            weak var nestedObject = nested as AnyObject
            Self.decoders.append { nestedObject }
            child = try Child?(from: nested)
        }

        func encode(to encoder: any Encoder) throws {
            weak var object = encoder as AnyObject
            Self.encoders.append { object }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            let nested = container.superEncoder(forKey: .child)
            weak var nestedObject = nested as AnyObject
            Self.encoders.append { nestedObject }
            try child.encode(to: nested)
        }
    }

    static let items = (0..<50).map { Item(id: Int64($0), tags: ["t\($0)"], child: $0 % 2 == 0 ? nil : Child(name: "c\($0)")) }

    @Test func readersAndWritersAreFreed() throws {
        ProcessCaches.removeAll()
        weak var writer: AvroFileWriter<Item>?
        weak var reader: AvroFileReader<Item>?
        weak var fileReader: AvroFileReader<Item>?
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lifetime-\(UUID().uuidString).avro")
        defer { try? FileManager.default.removeItem(at: url) }
        try {
            let made = try AvroFileWriter<Item>(schema: AvroSchema(deriving: Item.self), codec: AvroDeflateCodec(), blockSize: 100)
            writer = made
            try made.append(contentsOf: Self.items)
            try made.close()
            let opened = try AvroFileReader<Item>(data: made.data)
            reader = opened
            #expect(Array(opened) == Self.items)
            try made.data.write(to: url)
            let onDisk = try AvroFileReader<Item>(url: url)
            fileReader = onDisk
            #expect(try onDisk.next() == Self.items[0])  // left open, mid-file
        }()
        #expect(writer == nil && reader == nil && fileReader == nil)
    }

    @Test func compiledSchemasPlansAndStoresAreFreed() throws {
        ProcessCaches.removeAll()
        weak var compiled: CompiledSchema?
        weak var plan: ResolutionPlan?
        weak var store: AvroSchemaStore?
        try {
            let schema = try AvroSchema(deriving: Item.self)
            let older = try AvroSchema(parsing: #"{"type": "record", "name": "Item", "fields": [{"name": "id", "type": "int"}, {"name": "tags", "type": {"type": "array", "items": "string"}}]}"#)
            compiled = try CompiledSchema.cached(schema)
            plan = try ResolutionPlan.cached(writer: older, reader: CompiledSchema.cached(schema))
            let bytes = try AvroValue.record([("id", .int(3)), ("tags", .array([.string("a")]))]).encoded(as: older)
            let decoder = try AvroDecoder(schema: schema).resolving(writerSchema: older)
            #expect(try decoder.decode(Item.self, from: bytes) == Item(id: 3, tags: ["a"], child: nil))
            let schemas = AvroSchemaStore([older, schema])
            store = schemas
            let message = try AvroEncoder(schema: schema).encodeSingleObject(Item(id: 4, tags: [], child: nil))
            #expect(try AvroDecoder(schema: schema).decodeSingleObject(Item.self, from: message, schemas: schemas).id == 4)
        }()
        #expect(compiled != nil && plan != nil, "the caches hold them until emptied")
        ProcessCaches.removeAll()
        #expect(compiled == nil && plan == nil && store == nil)
    }

    @Test func coderStatesNestedCodersAndKeptContainersAreFreed() throws {
        ProcessCaches.removeAll()
        Recorder.decoders = []
        Recorder.encoders = []
        try {
            let schema = try AvroSchema(parsing: #"{"type": "record", "name": "Recorder", "fields": [{"name": "id", "type": "long"}, {"name": "child", "type": ["null", {"type": "record", "name": "Child", "fields": [{"name": "name", "type": "string"}]}]}]}"#)
            let bytes = try AvroEncoder(schema: schema).encodeBytes(Recorder(id: 9, child: Child(name: "n")))
            let decoded = try AvroDecoder(schema: schema).decode(Recorder.self, from: bytes)
            #expect(decoded.id == 9 && decoded.child == Child(name: "n"))
        }()
        #expect(Recorder.decoders.count >= 2 && Recorder.encoders.count >= 2)
        #expect(Recorder.keptContainer != nil)
        #expect(Recorder.decoders.contains { $0() != nil } && Recorder.encoders.contains { $0() != nil },
                "the kept container and this thread's reusable states hold some until let go of")
        Recorder.keptContainer = nil
        ProcessCaches.removeAll()
        let liveDecoders = Recorder.decoders.compactMap { $0() }
        let liveEncoders = Recorder.encoders.compactMap { $0() }
        #expect(liveDecoders.isEmpty, "\(liveDecoders)")
        #expect(liveEncoders.isEmpty, "\(liveEncoders)")
    }
}
