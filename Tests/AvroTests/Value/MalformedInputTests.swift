import Testing
@testable import Avro

/// Hostile input never crashes, hangs or allocates without bound: it decodes, or it throws an
/// ``AvroError`` with the right code.
@Suite struct MalformedInputTests {
    static let tree = """
        {"type": "record", "name": "Node", "fields": [
            {"name": "label", "type": "string"},
            {"name": "children", "type": {"type": "array", "items": "Node"}}]}
        """

    /// Decodes `bytes` and skips them, expecting both to throw `code` at byte `offset`.
    private func expectFailure(_ code: AvroError.Code, at offset: Int, path: String? = nil, _ bytes: [UInt8], as schema: AvroSchema,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let decoding = expectAvroError(code, sourceLocation: sourceLocation) { _ = try AvroValue(decoding: bytes, as: schema) }
        #expect(decoding?.offset == offset, "\(decoding.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
        #expect(decoding?.path == path, sourceLocation: sourceLocation)
        let skipping = expectAvroError(code, sourceLocation: sourceLocation) { _ = try reading(bytes) { try schema.skip(in: &$0) } }
        #expect(skipping?.offset == offset, "\(skipping.map(String.init(describing:)) ?? "no error")", sourceLocation: sourceLocation)
    }

    /// Decodes and skips `bytes`, which may be damaged: each must succeed or throw an
    /// ``AvroError``. A decoded value must survive a round trip. Returns the decoding error.
    @discardableResult
    private func survive(_ bytes: [UInt8], as schema: AvroSchema, context: @autoclosure () -> String) -> AvroError? {
        var failure: AvroError?
        do {
            let value = try AvroValue(decoding: bytes, as: schema)
            #expect(try AvroValue(decoding: value.encoded(as: schema), as: schema) == value, "\(context())")
        } catch let error as AvroError {
            failure = error
        } catch {
            Issue.record("\(context()): \(error) is not an AvroError")
        }
        do {
            _ = try reading(bytes) { try schema.skip(in: &$0) }
        } catch is AvroError {
        } catch {
            Issue.record("\(context()): skipping threw \(error), not an AvroError")
        }
        return failure
    }

    // MARK: - Damaged interop data

    @Test(.enabled(if: TestData.isAvailable)) func everyTruncationOfAnInteropRecordFails() throws {
        let schema = try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
        let bytes = try TestData.bytes("generated/interop-record0.bin")
        for cut in 0..<bytes.count {
            let error = survive(Array(bytes[..<cut]), as: schema, context: "cut at \(cut)")
            #expect(error?.code == .endOfData || error?.code == .invalidLength, "cut at \(cut): \(String(describing: error))")
        }
    }

    @Test(.enabled(if: TestData.isAvailable)) func randomDamageToInteropRecordsIsSurvived() throws {
        let schema = try AvroSchema(parsing: TestData.text("share-test-schemas/interop.avsc"))
        let records = try (0...2).map { try TestData.bytes("generated/interop-record\($0).bin") }
        var random = SeededRandom(seed: 0xBAD_DA7A)
        for round in 0..<3000 {
            var bytes = records[round % 3]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: bytes.indices, using: &random)
                if Bool.random(using: &random) {
                    bytes[position] ^= 1 << UInt8.random(in: 0...7, using: &random)
                } else {
                    bytes[position] = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff][Int.random(in: 0...5, using: &random)]
                }
            }
            survive(bytes, as: schema, context: "seed \(random.seed), round \(round)")
        }
    }

    @Test func randomBytesAreSurvived() throws {
        let schemas = try [Self.tree, RandomValues.everyType].map { try AvroSchema(parsing: $0) }
        var random = SeededRandom(seed: 0x0DD_B17E5)
        for round in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            survive(bytes, as: schemas[round % 2], context: "seed \(random.seed), round \(round)")
        }
    }

    // MARK: - Hand-made hostile bytes

    @Test func zeroSizeItemsHaveALimit() throws {
        let nulls = AvroSchema.array(.null)
        // A count of Int64.max null items, with no input behind it.
        expectFailure(.limitExceeded, at: 0, hexBytes("fe ff ff ff ff ff ff ff ff 01 00"), as: nulls)
        // The budget is shared by every block of the datum.
        let blocks = hexBytes("78 78 00") // 60 + 60 items
        let error = expectAvroError(.limitExceeded) {
            _ = try reading(blocks, zeroSizeItemLimit: 100) { try AvroValue.decode(from: &$0, as: nulls) }
        }
        #expect(error?.offset == 1)
        let fits = try reading(blocks, zeroSizeItemLimit: 120) { try AvroValue.decode(from: &$0, as: nulls) }
        #expect(fits.value == .array(Array(repeating: .null, count: 120)) && fits.offset == 3)
        let emptyRecords = try AvroSchema(parsing: #"{"type": "array", "items": {"type": "record", "name": "E", "fields": []}}"#)
        expectFailure(.limitExceeded, at: 0, hexBytes("80 80 80 80 80 80 80 80 01 00"), as: emptyRecords)
    }

    @Test func hugeCountsAreRejectedBeforeAllocating() throws {
        let map = AvroSchema.map(.null)
        expectFailure(.invalidLength, at: 0, hexBytes("fe ff ff ff ff ff ff ff ff 01 02 61 00"), as: map)
        expectFailure(.invalidLength, at: 0, hexBytes("80 80 80 80 80 80 01 00"), as: AvroSchema.map(.string))
        expectFailure(.invalidLength, at: 0, hexBytes("80 80 80 80 80 80 01 00 00"), as: AvroSchema.array(.long))
        // A negative count whose byte size claims more than the input.
        expectFailure(.invalidLength, at: 0, hexBytes("01 80 80 80 80 80 80 01 00"), as: AvroSchema.array(.long))
    }

    @Test func hugeLengthsAreRejectedBeforeAllocating() throws {
        expectFailure(.invalidLength, at: 0, hexBytes("80 80 80 80 80 80 80 80 80 01"), as: .string) // 2^62
        expectFailure(.invalidLength, at: 0, hexBytes("80 80 80 80 80 80 80 80 80 01 61"), as: .bytes)
        let record = try AvroSchema(parsing: #"""
            {"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}
            """#)
        expectFailure(.invalidLength, at: 1, path: "name", hexBytes("02 80 80 80 80 80 80 80 80 80 01"), as: record)
        expectFailure(.invalidLength, at: 1, path: "name", hexBytes("02 01 61"), as: record)
    }

    @Test func outOfRangeIndexesAreRejected() throws {
        let record = try AvroSchema(parsing: """
            {"type": "record", "name": "R", "fields": [
                {"name": "id", "type": "long"},
                {"name": "u", "type": ["null", "int"]},
                {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}}]}
            """)
        expectFailure(.invalidUnionBranch, at: 2, path: "u", hexBytes("80 01 0e 00 00"), as: record) // index 7
        expectFailure(.invalidUnionBranch, at: 2, path: "u", hexBytes("80 01 01 00 00"), as: record) // index -1
        expectFailure(.invalidUnionBranch, at: 2, path: "u", hexBytes("80 01 04 00 00"), as: record) // index 2 (AVRO-1237)
        expectFailure(.invalidEnumSymbol, at: 4, path: "e", hexBytes("80 01 02 00 04"), as: record)
        expectFailure(.invalidEnumSymbol, at: 4, path: "e", hexBytes("80 01 02 00 ff ff ff ff ff ff ff ff ff 01"), as: record)
    }

    @Test func deepRecursionStopsAtMaxDepth() throws {
        let schema = try AvroSchema(parsing: Self.tree)
        // Each Node with one child: an empty label, then a block of 1. Node k starts at byte 2k
        // and sits at depth 2k; the node at depth maxDepth is refused.
        let levels = AvroNesting.defaultMaxDepth
        let bytes = [UInt8](repeating: 0, count: 2 * levels).enumerated().map { $0.offset % 2 == 1 ? 0x02 : 0x00 }
            + [UInt8](repeating: 0, count: 2 * levels)
        let deepest = String(repeating: "children[0].", count: levels / 2 - 1) + "children[0]"
        expectFailure(.limitExceeded, at: AvroNesting.defaultMaxDepth, path: deepest, bytes, as: schema)
        // Just within the limit, the same shape decodes.
        let shallow = Array(bytes[..<(levels - 2)]) + [UInt8](repeating: 0, count: levels / 2 + 1)
        #expect(throws: Never.self) { _ = try AvroValue(decoding: shallow, as: schema) }
    }

    @Test func trailingBytesAreReported() throws {
        let error = expectAvroError(.trailingData) { _ = try AvroValue(decoding: hexBytes("02 00"), as: .long) }
        #expect(error?.offset == 1)
    }
}
