import Foundation
import Testing
@testable import Avro

/// A person written and read by hand, field after field, as a generated type is.
private struct DirectPerson: AvroBinaryCodable, Equatable {
    var name: String
    var age: Int32
    var email: String?
    var scores: [Double]
    var tags: [String: String]

    static let avroSchema = try! AvroSchema(parsing: """
        {"type": "record", "name": "Person", "namespace": "test", "fields": [
          {"name": "name", "type": "string"},
          {"name": "age", "type": "int"},
          {"name": "email", "type": ["null", "string"], "default": null},
          {"name": "scores", "type": {"type": "array", "items": "double"}},
          {"name": "tags", "type": {"type": "map", "values": "string"}}]}
        """)

    init(name: String, age: Int32, email: String?, scores: [Double], tags: [String: String]) {
        (self.name, self.age, self.email, self.scores, self.tags) = (name, age, email, scores, tags)
    }

    func avroEncode(to writer: inout AvroBinaryWriter) throws {
        writer.writeString(name)
        writer.writeInt(age)
        if let email {
            writer.writeLong(1)
            writer.writeString(email)
        } else {
            writer.writeLong(0)
        }
        if !scores.isEmpty {
            writer.writeLong(Int64(scores.count))
            for score in scores { writer.writeDouble(score) }
        }
        writer.writeLong(0)
        if !tags.isEmpty {
            writer.writeLong(Int64(tags.count))
            for (key, value) in tags.sorted(by: { $0.key < $1.key }) {
                writer.writeString(key)
                writer.writeString(value)
            }
        }
        writer.writeLong(0)
    }

    init(avroFrom reader: inout AvroBinaryReader) throws {
        name = try reader.readString()
        age = try reader.readInt()
        let start = reader.offset
        switch try reader.readLong() {
        case 0: email = nil
        case 1: email = try reader.readString()
        case let branch: throw AvroError(.invalidUnionBranch, "the union has no branch \(branch)", offset: start).prefixingPath("email")
        }
        scores = []
        while case let count = try reader.readBlockCount(minItemSize: 8), count > 0 {
            for _ in 0..<count { scores.append(try reader.readDouble()) }
        }
        tags = [:]
        while case let count = try reader.readBlockCount(minItemSize: 2), count > 0 {
            for _ in 0..<count { tags[try reader.readString()] = try reader.readString() }
        }
    }

    static func random(_ random: inout SeededRandom) -> DirectPerson {
        let letters = Array("abcdefghijklmnopqrstuvwxyzé€")
        func text() -> String { String((0..<Int.random(in: 0...12, using: &random)).map { _ in letters.randomElement(using: &random)! }) }
        return DirectPerson(name: text(), age: Int32.random(in: .min ... .max, using: &random),
                            email: Bool.random(using: &random) ? text() : nil,
                            scores: (0..<Int.random(in: 0...5, using: &random)).map { _ in Double.random(in: -1e9...1e9, using: &random) },
                            tags: Dictionary((0..<Int.random(in: 0...3, using: &random)).map { _ in (text(), text()) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// The same person as an ordinary Codable type.
private struct CodablePerson: Codable, Equatable {
    var name: String
    var age: Int32
    var email: String?
    var scores: [Double]
    var tags: [String: String]

    init(_ person: DirectPerson) {
        (name, age, email, scores, tags) = (person.name, person.age, person.email, person.scores, person.tags)
    }
}

/// The error a type's `Codable` conformance throws when it must not be used.
private struct CodableWasUsed: Error {}

/// A record whose `Codable` conformance throws: it can only be coded through its direct code.
private struct OnlyDirect: AvroBinaryCodable, Equatable {
    var id: Int64
    var name: String

    static let avroSchema = try! AvroSchema(parsing: """
        {"type": "record", "name": "OnlyDirect", "fields": [
          {"name": "id", "type": "long"}, {"name": "name", "type": "string", "default": "none"}]}
        """)
    static let avroPlaceholder: OnlyDirect? = OnlyDirect(id: 0, name: "")

    init(id: Int64, name: String) {
        (self.id, self.name) = (id, name)
    }

    init(from decoder: any Decoder) throws { throw CodableWasUsed() }
    func encode(to encoder: any Encoder) throws { throw CodableWasUsed() }

    func avroEncode(to writer: inout AvroBinaryWriter) throws {
        writer.writeLong(id)
        writer.writeString(name)
    }

    init(avroFrom reader: inout AvroBinaryReader) throws {
        id = try reader.readLong()
        name = try reader.readString()
    }
}

/// A linked list: a recursive schema, each link read and written one level deeper.
private final class DirectList: AvroBinaryCodable, Equatable, Sendable {
    let value: Int64
    let next: DirectList?

    static let avroSchema = try! AvroSchema(parsing: """
        {"type": "record", "name": "List", "fields": [
          {"name": "value", "type": "long"}, {"name": "next", "type": ["null", "List"]}]}
        """)
    static let avroPlaceholder: DirectList? = DirectList(value: 0, next: nil)

    init(value: Int64, next: DirectList?) {
        (self.value, self.next) = (value, next)
    }

    static func == (lhs: DirectList, rhs: DirectList) -> Bool { lhs.value == rhs.value && lhs.next == rhs.next }

    func avroEncode(to writer: inout AvroBinaryWriter) throws {
        writer.writeLong(value)
        guard let next else { return writer.writeLong(0) }
        writer.writeLong(1)
        try writer.nested { try next.avroEncode(to: &$0) }
    }

    init(avroFrom reader: inout AvroBinaryReader) throws {
        value = try reader.readLong()
        let start = reader.offset
        switch try reader.readLong() {
        case 0: next = nil
        case 1: next = try reader.nested { try DirectList(avroFrom: &$0) }
        case let branch: throw AvroError(.invalidUnionBranch, "the union has no branch \(branch)", offset: start)
        }
    }

    static func chain(_ length: Int) -> DirectList {
        (1..<length).reduce(DirectList(value: 0, next: nil)) { DirectList(value: Int64($1), next: $0) }
    }
}

@Suite struct BinaryCodableTests {
    @Test func directAndCodableWriteAndReadTheSameBytes() throws {
        var random = SeededRandom(seed: 17)
        let codableEncoder = AvroEncoder(schema: DirectPerson.avroSchema)
        let codableDecoder = AvroDecoder(schema: DirectPerson.avroSchema)
        for _ in 0..<300 {
            let person = DirectPerson.random(&random)
            let direct = try AvroEncoder().encodeBytes(person)
            var manual = AvroBinaryWriter()
            try person.avroEncode(to: &manual)
            #expect(direct == manual.bytes, "seed \(random.seed)")
            // Swift writes a dictionary's entries in its own order: compare the values read.
            let codable = try codableEncoder.encodeBytes(CodablePerson(person))
            #expect(try AvroDecoder().decode(DirectPerson.self, from: codable) == person)
            #expect(try codableDecoder.decode(CodablePerson.self, from: direct) == CodablePerson(person))
            if person.tags.count < 2 { #expect(direct == codable) }
        }
    }

    @Test func theDirectPathIsTakenWhenTheSchemaIsTheTypesOwn() throws {
        let value = OnlyDirect(id: -3, name: "ada")
        let bytes: [UInt8] = [0x05, 0x06, 0x61, 0x64, 0x61]
        #expect(try AvroEncoder().encodeBytes(value) == bytes)
        #expect(try AvroEncoder(schema: OnlyDirect.avroSchema).encodeBytes(value) == bytes)
        // An equal schema parsed again is the type's own too.
        let parsed = try AvroSchema(parsing: OnlyDirect.avroSchema.jsonString())
        #expect(try AvroEncoder(schema: parsed).encodeBytes(value) == bytes)
        #expect(try AvroDecoder().decode(OnlyDirect.self, from: bytes) == value)
        #expect(try AvroDecoder(schema: parsed).decode(OnlyDirect.self, from: bytes) == value)
    }

    @Test func anotherSchemaGoesThroughCodable() throws {
        // A doc is enough to make the schema another one: the type's code is not trusted with it.
        let other = try AvroSchema(parsing: """
            {"type": "record", "name": "OnlyDirect", "doc": "other", "fields": [
              {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}
            """)
        #expect(throws: CodableWasUsed.self) { try AvroEncoder(schema: other).encodeBytes(OnlyDirect(id: 1, name: "")) }
        #expect(throws: CodableWasUsed.self) { try AvroDecoder(schema: other).decode(OnlyDirect.self, from: [0x02, 0x00]) }
    }

    /// A coder remembers, for every thread, the last type that codes itself with it. Types
    /// that take turns on one coder, from many threads at once, each keep their own way: the
    /// direct type its code, the other schema and the Codable type their `Codable` code, and a
    /// resolving copy of a decoder that remembered a type still resolves.
    @Test func typesTakingTurnsOnSharedCodersKeepTheirOwnWay() throws {
        let other = try AvroSchema(parsing: """
            {"type": "record", "name": "OnlyDirect", "doc": "other", "fields": [
              {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}
            """)
        let writer = try AvroSchema(parsing: """
            {"type": "record", "name": "OnlyDirect", "fields": [{"name": "id", "type": "int"}]}
            """)
        var random = SeededRandom(seed: 7)
        let people = (0..<64).map { _ in DirectPerson.random(&random) }
        // A map's entries come out in the dictionary's order, which Codable may not keep: the
        // people's bytes are compared by what they read back as through Codable alone.
        let codableDecoder = AvroDecoder(schema: DirectPerson.avroSchema)
        let encoder = AvroEncoder()
        let decoder = AvroDecoder()
        let otherEncoder = AvroEncoder(schema: other)
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 256) { iteration in
            let index = iteration % people.count
            let person = people[index]
            func check(_ condition: Bool, _ what: String) {
                if !condition { failures.withLock { $0.append("\(iteration): \(what)") } }
            }
            do {
                let direct = OnlyDirect(id: Int64(iteration), name: "n")
                let directBytes = try encoder.encodeBytes(direct)
                let personBytes = try encoder.encodeBytes(person)
                let codableBytes = try encoder.encodeBytes(CodablePerson(person))
                check(try directBytes == AvroValue.record([("id", .long(Int64(iteration))), ("name", .string("n"))]).encoded(as: OnlyDirect.avroSchema), "direct bytes")
                check(try codableDecoder.decode(CodablePerson.self, from: personBytes) == CodablePerson(person), "person bytes")
                check(try codableDecoder.decode(CodablePerson.self, from: codableBytes) == CodablePerson(person), "Codable bytes")
                check(try decoder.decode(OnlyDirect.self, from: directBytes) == direct, "direct value")
                check(try decoder.decode(DirectPerson.self, from: personBytes) == person, "person value")
                check(try decoder.decode(CodablePerson.self, from: personBytes) == CodablePerson(person), "Codable value")
                check(try decoder.resolving(writerSchema: writer).decode(OnlyDirect.self, from: [0x54]) == OnlyDirect(id: 42, name: "none"), "resolved value")
                check((try? otherEncoder.encodeBytes(direct)) == nil, "another schema took the direct path")
            } catch {
                check(false, "\(error)")
            }
        }
        #expect(failures.withLock { $0 } == [])
    }

    @Test func resolutionAppliesBeforeTheDirectPath() throws {
        let writer = try AvroSchema(parsing: """
            {"type": "record", "name": "OnlyDirect", "fields": [{"name": "id", "type": "int"}, {"name": "extra", "type": "string"}]}
            """)
        let bytes = try AvroValue.record([("id", .int(42)), ("extra", .string("dropped"))]).encoded(as: writer)
        let expected = OnlyDirect(id: 42, name: "none")
        #expect(try AvroDecoder().decode(OnlyDirect.self, from: bytes, writerSchema: writer) == expected)
        #expect(try AvroDecoder().resolving(writerSchema: writer).decode(OnlyDirect.self, from: bytes) == expected)
        // The same writer schema as the reader's reads directly.
        #expect(try AvroDecoder().decode(OnlyDirect.self, from: [0x54, 0x00], writerSchema: OnlyDirect.avroSchema) == OnlyDirect(id: 42, name: ""))
    }

    @Test func filesAndMessagesUseTheDirectPath() throws {
        let values = (0..<1000).map { OnlyDirect(id: Int64($0) * 7919, name: "n\($0)") }
        let writer = try AvroFileWriter<OnlyDirect>(codec: AvroDeflateCodec(), blockSize: 1000)
        try writer.append(contentsOf: values)
        try writer.close()
        let reader = try AvroFileReader<OnlyDirect>(data: writer.data)
        var read: [OnlyDirect] = []
        while let value = try reader.next() { read.append(value) }
        #expect(read == values)
        // A caller that knows `T` only as Encodable takes the general append, which finds the
        // type's own code too: the same file.
        func appendGenerically<T: Encodable>(_ values: [T], to writer: AvroFileWriter<T>) throws {
            for value in values { try writer.append(value) }
        }
        let generic = try AvroFileWriter<OnlyDirect>(codec: AvroDeflateCodec(), blockSize: 1000, syncMarker: writer.header.syncMarker)
        try appendGenerically(values, to: generic)
        try generic.close()
        #expect(generic.data == writer.data)
        let message = try AvroEncoder().encodeSingleObject(values[3])
        let store = AvroSchemaStore()
        store.add(OnlyDirect.avroSchema)
        #expect(try AvroDecoder().decodeSingleObject(OnlyDirect.self, from: message, schemas: store) == values[3])
    }

    /// The file reader reads such values through one slot, value after value: a value that
    /// fails midway leaves nothing behind, and the values after it come out whole.
    @Test func aFileReadsValuesThatReadThemselvesAfterACorruptOne() throws {
        let values = (0..<30).map { DirectPerson(name: "person \($0)", age: Int32($0), email: $0 % 2 == 0 ? nil : "p\($0)@x",
                                                 scores: [Double($0)], tags: ["n": "\($0)"]) }
        let writer = try AvroFileWriter<DirectPerson>(blockSize: 200)
        try writer.append(contentsOf: values)
        try writer.close()
        var file = [UInt8](writer.data)
        // Person 11's email branch (after its name and age) becomes 4, out of range.
        let name = try AvroEncoder(schema: AvroSchema(parsing: #""string""#)).encodeBytes("person 11")
        let start = try #require(file.indices.first { file[$0...].starts(with: name) })
        #expect(file[start + name.count + 1] == 0x02)
        file[start + name.count + 1] = 0x08

        #expect(throws: DecodingError.self) { _ = try Self.readAll(file, skipping: false) }
        let (read, skipped) = try Self.readAll(file, skipping: true)
        #expect(skipped == 1)
        // The block with person 11 is skipped whole; every other value is read as written.
        let lost = values.count - read.count
        #expect(lost > 0 && !read.contains { $0.name == "person 11" })
        #expect(read == values.filter { read.contains($0) })
        #expect(read.first == values.first && read.last == values.last)
    }

    /// Every value of `file` as a ``DirectPerson``, through ``AvroFileReader/next()``, and how
    /// many corrupt parts were skipped.
    private static func readAll(_ file: [UInt8], skipping: Bool) throws -> ([DirectPerson], Int) {
        let reader = try AvroFileReader<DirectPerson>(data: Data(file), options: .init(skipsCorruptBlocks: skipping))
        var read: [DirectPerson] = []
        while let value = try reader.next() { read.append(value) }
        return (read, reader.skippedRanges.count)
    }

    @Test func malformedBytesThrowAsOnTheCodablePath() throws {
        let person = DirectPerson(name: "ada", age: 36, email: "a@b", scores: [1.5], tags: ["k": "v"])
        let bytes = try AvroEncoder().encodeBytes(person)
        // Every truncation throws the same error on both paths: the data ends early, or a
        // length is longer than what remains.
        for length in 0..<bytes.count {
            let cut = Array(bytes[..<length])
            let direct = Self.avroError { _ = try AvroDecoder().decode(DirectPerson.self, from: cut) }
            let codable = Self.avroError { _ = try AvroDecoder(schema: DirectPerson.avroSchema).decode(CodablePerson.self, from: cut) }
            #expect(direct?.code == codable?.code, "cut at \(length)")
            #expect(direct?.offset == codable?.offset, "cut at \(length)")
            #expect([.endOfData, .invalidLength].contains(direct?.code), "cut at \(length)")
        }
        expectDecodingError(.trailingData) { _ = try AvroDecoder().decode(DirectPerson.self, from: bytes + [0]) }
        // A union branch out of range (byte 5 is the email's branch), named by its field.
        var badBranch = bytes
        badBranch[5] = 0x08
        let error = expectDecodingError(.invalidUnionBranch, at: ["email"]) { _ = try AvroDecoder().decode(DirectPerson.self, from: badBranch) }
        #expect(error?.offset == 5)
        // A count larger than the bytes left is refused before anything is allocated.
        expectDecodingError(.invalidLength) { _ = try AvroDecoder().decode(DirectPerson.self, from: [0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff, 0x0f]) }
    }

    /// The `AvroError` underlying the `DecodingError` that `body` throws.
    private static func avroError(_ body: () throws -> Void) -> AvroError? {
        do {
            try body()
            return nil
        } catch let DecodingError.dataCorrupted(context) {
            return context.underlyingError as? AvroError
        } catch {
            return nil
        }
    }

    @Test func recursionIsBoundedInBothDirections() throws {
        let list = DirectList.chain(40)
        let bytes = try AvroEncoder().encodeBytes(list)
        #expect(try AvroDecoder().decode(DirectList.self, from: bytes) == list)
        // Hostile input: ten thousand links, each one level deeper.
        let hostile: [UInt8] = Array(repeating: [UInt8]([0x02, 0x02]), count: 10_000).flatMap { $0 } + [0x02, 0x00]
        expectDecodingError(.limitExceeded) { _ = try AvroDecoder().decode(DirectList.self, from: hostile) }
        var options = AvroDecoder.Options()
        options.maxDepth = 20
        expectDecodingError(.limitExceeded) { _ = try AvroDecoder(options: options).decode(DirectList.self, from: bytes) }
        var encoder = AvroEncoder()
        encoder.maxDepth = 20
        expectEncodingError(.limitExceeded, at: []) { _ = try encoder.encodeBytes(list) }
    }

    /// A caller that knows the type reaches the coders' `AvroBinaryCodable` entry points; a
    /// generic caller (`T: Codable`) reaches the general ones, which find the conformance at run
    /// time. Both give the same bytes, values and errors.
    @Test func typedAndGenericCallersAgree() throws {
        var random = SeededRandom(seed: 23)
        for _ in 0..<100 {
            let person = DirectPerson.random(&random)
            let typed = try AvroEncoder().encodeBytes(person)
            #expect(try Self.encodeGenerically(person, with: AvroEncoder()) == typed, "seed \(random.seed)")
            #expect(try Self.decodeGenerically(DirectPerson.self, from: typed, with: AvroDecoder()) == person)
            #expect(try AvroDecoder().decode(DirectPerson.self, from: typed) == person)
            for length in [0, typed.count / 2, typed.count - 1] where length < typed.count {
                let cut = Array(typed[..<length])
                let direct = Self.avroError { _ = try AvroDecoder().decode(DirectPerson.self, from: cut) }
                let generic = Self.avroError { _ = try Self.decodeGenerically(DirectPerson.self, from: cut, with: AvroDecoder()) }
                #expect(direct != nil && direct?.code == generic?.code && direct?.offset == generic?.offset, "cut at \(length)")
            }
        }
        // Another schema sends both through Codable.
        let other = try AvroSchema(parsing: """
            {"type": "record", "name": "OnlyDirect", "doc": "other", "fields": [
              {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}
            """)
        #expect(throws: CodableWasUsed.self) { try Self.encodeGenerically(OnlyDirect(id: 1, name: ""), with: AvroEncoder(schema: other)) }
        #expect(throws: CodableWasUsed.self) { try Self.decodeGenerically(OnlyDirect.self, from: [0x02, 0x00], with: AvroDecoder(schema: other)) }
        // The depth limits apply both ways, and a failed encoding leaves the buffer as it was.
        let list = DirectList.chain(30)
        var encoder = AvroEncoder()
        encoder.maxDepth = 20
        var typedBuffer: [UInt8] = [1, 2, 3]
        var genericBuffer: [UInt8] = [1, 2, 3]
        expectEncodingError(.limitExceeded, at: []) { try encoder.encode(list, into: &typedBuffer) }
        expectEncodingError(.limitExceeded, at: []) { try Self.encodeGenerically(list, with: encoder, into: &genericBuffer) }
        #expect(typedBuffer == [1, 2, 3] && genericBuffer == [1, 2, 3])
        let bytes = try AvroEncoder().encodeBytes(list)
        var options = AvroDecoder.Options()
        options.maxDepth = 20
        expectDecodingError(.limitExceeded) { _ = try AvroDecoder(options: options).decode(DirectList.self, from: bytes) }
        expectDecodingError(.limitExceeded) { _ = try Self.decodeGenerically(DirectList.self, from: bytes, with: AvroDecoder(options: options)) }
        // The decoder's limit applies while it reads, and the caller's reader keeps its own.
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var reader = AvroBinaryReader(buffer)
            reader.maxDepth = 7
            #expect(try AvroDecoder().decode(DirectList.self, from: &reader) == list)
            #expect(reader.maxDepth == 7 && reader.isAtEnd)
            var generic = AvroBinaryReader(buffer)
            generic.maxDepth = 7
            #expect(try Self.decodeGenerically(DirectList.self, from: &generic, with: AvroDecoder()) == list)
            #expect(generic.maxDepth == 7 && generic.isAtEnd)
        }
    }

    private static func encodeGenerically<T: Encodable>(_ value: T, with encoder: AvroEncoder) throws -> [UInt8] {
        try encoder.encodeBytes(value)
    }

    private static func encodeGenerically<T: Encodable>(_ value: T, with encoder: AvroEncoder, into buffer: inout [UInt8]) throws {
        try encoder.encode(value, into: &buffer)
    }

    private static func decodeGenerically<T: Decodable>(_ type: T.Type, from bytes: [UInt8], with decoder: AvroDecoder) throws -> T {
        try decoder.decode(type, from: bytes)
    }

    private static func decodeGenerically<T: Decodable>(_ type: T.Type, from reader: inout AvroBinaryReader, with decoder: AvroDecoder) throws -> T {
        try decoder.decode(type, from: &reader)
    }
}
