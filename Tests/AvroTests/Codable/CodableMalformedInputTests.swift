import Foundation
import Testing
@testable import Avro

/// Bad input into `AvroDecoder` only throws: a `DecodingError` whose underlying error is an
/// `AvroError`, never a crash, a hang or a stack overflow.
@Suite struct CodableMalformedInputTests {
    typealias Interop = InteropCodableTests.OrderedInterop

    /// Decodes `bytes` as `T`, and records an issue when that throws anything but a
    /// `DecodingError` with an `AvroError` under it. Returns the `AvroError`, or `nil` when the
    /// bytes decoded.
    @discardableResult
    func decodeOrAvroError<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], _ decoder: AvroDecoder, _ note: @autoclosure () -> String,
                                         sourceLocation: SourceLocation = #_sourceLocation) -> AvroError? {
        do {
            _ = try decoder.decode(type, from: bytes)
            return nil
        } catch let error as DecodingError {
            let context: DecodingError.Context? = switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context): context
            @unknown default: nil
            }
            guard let avroError = context?.underlyingError as? AvroError else {
                Issue.record("\(note()): the DecodingError has no AvroError under it: \(error)", sourceLocation: sourceLocation)
                return nil
            }
            return avroError
        } catch {
            Issue.record("\(note()): expected a DecodingError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test(.enabled(if: TestData.isAvailable), arguments: 0...2)
    func everyTruncatedInteropRecordThrows(index: Int) throws {
        let decoder = AvroDecoder(schema: try InteropCodableTests.schema())
        let bytes = try TestData.bytes("generated/interop-record\(index).bin")
        for length in 0..<bytes.count {
            let error = decodeOrAvroError(Interop.self, Array(bytes[..<length]), decoder, "r\(index) cut to \(length) bytes")
            #expect(error != nil, "r\(index) cut to \(length) bytes decoded")
            if let offset = error?.offset { #expect(offset <= length, "r\(index) cut to \(length): \(String(describing: error))") }
        }
    }

    @Test(.enabled(if: TestData.isAvailable))
    func everyBitFlipOfTheSmallInteropRecordsDecodesOrThrows() throws {
        let decoder = AvroDecoder(schema: try InteropCodableTests.schema())
        var errors: Set<AvroError.Code> = []
        for index in 0...1 {
            let bytes = try TestData.bytes("generated/interop-record\(index).bin")
            for position in bytes.indices {
                for bit in 0..<8 {
                    var flipped = bytes
                    flipped[position] ^= 1 << bit
                    if let error = decodeOrAvroError(Interop.self, flipped, decoder, "r\(index) byte \(position) bit \(bit)") {
                        errors.insert(error.code)
                    }
                }
            }
        }
        #expect(errors.isSuperset(of: [.endOfData, .invalidLength, .invalidUnionBranch, .invalidEnumSymbol, .trailingData]), "\(errors)")
    }

    @Test(.enabled(if: TestData.isAvailable))
    func randomBitFlipsAndGarbageDecodeOrThrow() throws {
        let decoder = AvroDecoder(schema: try InteropCodableTests.schema())
        let bytes = try TestData.bytes("generated/interop-record2.bin")
        var random = SeededRandom(seed: 0xC0DA_B1E)
        for _ in 0..<600 {
            var flipped = bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                flipped[Int.random(in: 0..<flipped.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
            decodeOrAvroError(Interop.self, flipped, decoder, "r2 with random flips, seed \(random.seed)")
        }
        for length in [1, 2, 5, 16, 64, 256] {
            for _ in 0..<30 {
                let garbage = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                decodeOrAvroError(Interop.self, garbage, decoder, "\(length) random bytes, seed \(random.seed)")
            }
        }
    }

    /// A record skipped by a type that does not ask for it is checked the same way.
    @Test(.enabled(if: TestData.isAvailable))
    func truncatedRecordsSkippedByASmallerTypeThrow() throws {
        let decoder = AvroDecoder(schema: try InteropCodableTests.schema())
        let bytes = try TestData.bytes("generated/interop-record2.bin")
        for length in stride(from: 0, to: bytes.count, by: 7) {
            let error = decodeOrAvroError(InteropCodableTests.InteropSummary.self, Array(bytes[..<length]), decoder, "r2 cut to \(length)")
            #expect(error != nil, "r2 cut to \(length) bytes decoded")
        }
    }

    @Test(.enabled(if: TestData.isAvailable))
    func trailingBytesAreAnError() throws {
        let decoder = AvroDecoder(schema: try InteropCodableTests.schema())
        let bytes = try TestData.bytes("generated/interop-record0.bin")
        let error = decodeOrAvroError(Interop.self, bytes + [0x00], decoder, "r0 and one more byte")
        #expect(error?.code == .trailingData)
        #expect(error?.offset == bytes.count)
    }

    // MARK: - Depth

    static let tree = """
        {"type": "record", "name": "Node", "fields": [{"name": "label", "type": "string"},
          {"name": "children", "type": {"type": "array", "items": "Node"}}]}
        """

    /// A chain of `depth` nodes with empty labels, each the only child of the one before:
    /// `00 02` (label, a block of one child) for each node but the last, `00 00` for the last
    /// (label, no children), then `00` to end each block.
    static func chain(depth: Int) -> [UInt8] {
        Array(repeating: [0x00, 0x02], count: depth - 1).flatMap { $0 } + [0x00, 0x00] + Array(repeating: 0x00, count: depth - 1)
    }

    struct Wrapper: Decodable { var label: String }

    @Test func nestingBeyondMaxDepthIsAnErrorNotAStackOverflow() throws {
        let schema = try AvroSchema(parsing: Self.tree)
        let shallow = AvroDecoder(schema: schema, options: .init(maxDepth: 40))
        // A node and its children array are one level each: 20 nodes are 40 levels.
        let node = try shallow.decode(InteropCodableTests.Node.self, from: Self.chain(depth: 20))
        #expect(node.label == "" && node.children.count == 1)
        let error = decodeOrAvroError(InteropCodableTests.Node.self, Self.chain(depth: 21), shallow, "21 nodes")
        #expect(error?.code == .limitExceeded)
        let deep = decodeOrAvroError(InteropCodableTests.Node.self, Self.chain(depth: 100_000), AvroDecoder(schema: schema), "100 000 nodes")
        #expect(deep?.code == .limitExceeded)
        // Skipped without a Swift type for them, the children are still depth-checked.
        let skipped = decodeOrAvroError(Wrapper.self, Self.chain(depth: 100_000), AvroDecoder(schema: schema), "100 000 nodes skipped")
        #expect(skipped?.code == .limitExceeded)
    }

    final class LongList: Decodable {
        let value: Int64
        let next: LongList?
    }

    @Test func deepOptionalRecursionIsAnError() throws {
        let schema = try AvroSchema(parsing: """
            {"type": "record", "name": "LongList", "fields": [{"name": "value", "type": "long"}, {"name": "next", "type": ["null", "LongList"]}]}
            """)
        let bytes = Array(repeating: [UInt8]([0x02, 0x02]), count: 100_000).joined() + [0x02, 0x00]
        let error = decodeOrAvroError(LongList.self, Array(bytes), AvroDecoder(schema: schema), "100 000 list items")
        #expect(error?.code == .limitExceeded)
    }
}
