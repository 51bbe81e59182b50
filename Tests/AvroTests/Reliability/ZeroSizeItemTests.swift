import Foundation
import Testing
@testable import Avro

/// Items of zero-byte types take no input, so a count of a few bytes could make millions of
/// them: what an input can make is bounded by its size (1,000 per byte by default).
@Suite struct ZeroSizeItemTests {
    static let nulls = try! AvroSchema(parsing: #"{"type":"array","items":"null"}"#)

    /// One block of `count` nulls: the count, then the end of the array.
    static func bytes(_ count: Int64) throws -> [UInt8] {
        var writer = AvroBinaryWriter()
        writer.writeLong(count)
        writer.writeLong(0)
        return writer.bytes
    }

    @Test func aFewBytesCannotMakeMillionsOfValues() throws {
        let input = try Self.bytes(9_999_999)
        #expect(input.count == 5)
        let error = expectAvroError(.limitExceeded) { _ = try AvroValue(decoding: input, as: Self.nulls) }
        #expect(error?.message.contains("more than the limit of 5000") == true, "\(String(describing: error))")
        expectDecodingError(.limitExceeded) { _ = try AvroDecoder(schema: Self.nulls).decode([AvroValue].self, from: input) }
        // Within the bound, such arrays read.
        #expect(try AvroValue(decoding: Self.bytes(2_500), as: Self.nulls) == .array(Array(repeating: .null, count: 2_500)))
    }

    @Test func theBoundIsConfigurable() throws {
        let input = try Self.bytes(1_000_000)
        let decoder = AvroDecoder(schema: Self.nulls, options: .init(maxZeroSizeItemsPerInputByte: 1_000_000))
        #expect(try decoder.decode([AvroValue].self, from: input).count == 1_000_000)
        // The absolute limit still applies.
        let capped = AvroDecoder(schema: Self.nulls, options: .init(maxZeroSizeItems: 10, maxZeroSizeItemsPerInputByte: 1_000_000))
        expectDecodingError(.limitExceeded) { _ = try capped.decode([AvroValue].self, from: input) }
    }

    /// In a container file, the bound is the block's size.
    @Test func fileBlocksAreBoundedByTheirSize() throws {
        let writer = try AvroFileWriter<AvroValue>(schema: Self.nulls)
        try writer.append(.array(Array(repeating: .null, count: 100)))
        try writer.close()
        #expect(try Array(AvroFileReader<AvroValue>(data: writer.data)).first == .array(Array(repeating: .null, count: 100)))
        // The same file whose block holds one array of 9,999,999 nulls in 5 bytes.
        let hostile = try AvroFileWriter<AvroValue>(schema: Self.nulls)
        try hostile.append(.array([]))
        try hostile.close()
        var data = [UInt8](hostile.data)
        let marker = Array(data.suffix(16))
        let headerEnd = data.count - 16 - 1 - 1 - 1 // sync, the one-byte array, size, count
        data = Array(data.prefix(headerEnd)) + [0x02, 0x0A] + (try Self.bytes(9_999_999)) + marker
        let reader = try AvroFileReader<AvroValue>(data: Data(data))
        #expect(Array(reader).isEmpty)
        #expect((reader.error as? DecodingError).map { "\($0)" }?.contains("limit") == true, "\(String(describing: reader.error))")
    }
}
