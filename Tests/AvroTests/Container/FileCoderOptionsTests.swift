import Foundation
import Testing
@testable import Avro

/// Container files are written and read with the coders' settings: field naming and user info
/// reach the values in files as they do in single values.
@Suite struct FileCoderOptionsTests {
    struct Visit: Codable, Equatable {
        var userName: String
        var pageViews: Int32
        var lastSeenAt: Int64?
    }

    /// Stores its amount divided by the `scale` its coder's user info gives (1 when none).
    struct Scaled: Codable, Equatable {
        static let scale = CodingUserInfoKey(rawValue: "scale")!
        var amount: Int64

        init(amount: Int64) { self.amount = amount }

        init(from decoder: any Decoder) throws {
            let stored = try decoder.singleValueContainer().decode(Int64.self)
            amount = stored * (decoder.userInfo[Self.scale] as? Int64 ?? 1)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(amount / (encoder.userInfo[Self.scale] as? Int64 ?? 1))
        }
    }

    static let visits: [Visit] = (0..<50).map { (index: Int) -> Visit in
        let lastSeen: Int64? = index % 2 == 0 ? nil : Int64(index) << 20
        return Visit(userName: "user \(index)", pageViews: Int32(index * 3), lastSeenAt: lastSeen)
    }

    @Test func snakeCaseNamingWritesAndReadsFiles() throws {
        let writer = try AvroFileWriter<Visit>(blockSize: 300, options: .init(fieldNaming: .snakeCase))
        try writer.append(contentsOf: Self.visits)
        try writer.close()
        // The derived schema in the header names the fields as the encoder does.
        guard case .record(let record) = writer.header.schema.kind else {
            Issue.record("not a record: \(writer.header.schema)")
            return
        }
        #expect(record.fields.map(\.name) == ["user_name", "page_views", "last_seen_at"])
        // Read back with the same naming.
        let read = try Array(AvroFileReader<Visit>(data: writer.data, options: .init(decoding: .init(fieldNaming: .snakeCase))))
        #expect(read == Self.visits)
        // Without the naming the type's fields are not in the file: the reader says which.
        let reader = try AvroFileReader<Visit>(data: writer.data)
        #expect(throws: DecodingError.self) { _ = try reader.next() }
        // A writer appending to the file takes the same options.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snake-\(UUID().uuidString).avro")
        defer { try? FileManager.default.removeItem(at: url) }
        try writer.data.write(to: url)
        let appender = try AvroFileWriter<Visit>(appendingTo: url, options: .init(fieldNaming: .snakeCase))
        try appender.append(Self.visits[0])
        try appender.close()
        #expect(try Array(AvroFileReader<Visit>(url: url, options: .init(decoding: .init(fieldNaming: .snakeCase)))) == Self.visits + [Self.visits[0]])
    }

    @Test func userInfoReachesEncodeAndDecodeInFiles() throws {
        let values = (1...20).map { Scaled(amount: Int64($0) * 1_000) }
        let writer = try AvroFileWriter<Scaled>(schema: .long, options: .init(userInfo: [Scaled.scale: Int64(1_000)]))
        try writer.append(contentsOf: values)
        try writer.close()
        // Stored divided by 1,000; read back multiplied.
        #expect(try Array(AvroFileReader<Int64>(data: writer.data)) == Array(1...20))
        let options = AvroFileReaderOptions(decoding: .init(userInfo: [Scaled.scale: Int64(1_000)]))
        #expect(try Array(AvroFileReader<Scaled>(data: writer.data, options: options)) == values)
    }

    /// The coders' own properties and their options are one setting.
    @Test func coderPropertiesAreTheirOptions() throws {
        var encoder = AvroEncoder(options: .init(fieldNaming: .snakeCase, maxDepth: 9))
        #expect(encoder.fieldNaming == .snakeCase && encoder.maxDepth == 9)
        encoder.fieldNaming = .codingKeys
        encoder.userInfo[Scaled.scale] = Int64(2)
        #expect(encoder.options.fieldNaming == .codingKeys && encoder.options.userInfo[Scaled.scale] as? Int64 == 2)
        var decoder = AvroDecoder(options: .init(fieldNaming: .snakeCase))
        #expect(decoder.fieldNaming == .snakeCase)
        decoder.userInfo[Scaled.scale] = Int64(2)
        #expect(decoder.options.userInfo[Scaled.scale] as? Int64 == 2)
        let bytes = try encoder.encodeBytes(Scaled(amount: 10))
        #expect(bytes == [0x0a])
        #expect(try decoder.decode(Scaled.self, from: bytes) == Scaled(amount: 10))
    }
}
