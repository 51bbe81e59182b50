import Foundation
import Testing
@testable import Avro

/// Broken container files of the shared test data give the right error, with the block and
/// byte offset, and never hang or crash.
@Suite(.enabled(if: TestData.isAvailable)) struct BrokenFileTests {
    /// Reads `path` to its end (or its first error) and returns the values and the error.
    static func readToError(_ path: String, options: AvroFileReaderOptions = .init()) throws -> ([AvroValue], AvroError?) {
        let reader = try AvroFileReader<AvroValue>(url: TestData.url(path), options: options)
        let values = Array(reader)
        guard let error = reader.error else { return (values, nil) }
        let avroError = try #require(error as? AvroError, "\(error)")
        return (values, avroError)
    }

    // The C test: the first value is null, the second has union index 2 of 2 branches.
    @Test func badUnionDiscriminantGivesTheFirstValueThenAnError() throws {
        let reader = try AvroFileReader<AvroValue>(url: TestData.url("lang-c/avro-1237-bad-union-discriminant.avro"))
        #expect(try reader.next() == .union(branch: 0, value: .null))
        let error = expectDecodingError(.invalidUnionBranch) { _ = try reader.next() }
        #expect(error?.offset == 86)
        #expect(error?.message.hasPrefix("object 1 of block 0 (at byte 83): ") == true)
        // The error sticks: the reader does not go on after it.
        expectDecodingError(.invalidUnionBranch) { _ = try reader.next() }
        #expect(reader.error != nil)
    }

    /// The file is cut inside its last sync marker, after all of the block's data: the block's
    /// values come first (as the C test and fastavro expect), then the cut.
    @Test func aFileCutInTheLastSyncMarkerGivesTheBlockThenTheCut() throws {
        let (values, error) = try Self.readToError("lang-c/avro-1238-truncated.avro")
        #expect(values == [.union(branch: 0, value: .null), .union(branch: 1, value: .int(100))])
        #expect(error?.code == .invalidFile)
        #expect(error?.offset == 98)
        #expect(error?.message == "block 0 (at byte 83): the file ends inside the sync marker after the block's data: 7 of its 16 bytes are missing")
        expectAvroError(.invalidFile) { _ = try AvroFileReader<AvroValue>.count(url: TestData.url("lang-c/avro-1238-truncated.avro")) }
        // Skipping corrupt blocks, the cut is listed and the reader ends cleanly.
        let (skipping, none) = try Self.readToError("lang-c/avro-1238-truncated.avro", options: AvroFileReaderOptions(skipsCorruptBlocks: true))
        #expect(skipping.count == 2 && none == nil)
    }

    // person-10.no-codec.avro: 10 good values, then one stray byte that starts a block.
    @Test func strayByteAfterTheLastBlock() throws {
        let (values, error) = try Self.readToError("lang-js/person-10.no-codec.avro")
        #expect(values.count == 10)
        #expect(values.first?["name"] == "r")
        #expect(error?.code == .invalidFile)
        #expect(error?.offset == 495)
        #expect(error?.message == "block 1 (at byte 494): the file ends before the block's size")
    }

    @Test(arguments: [
        // Garbage header keys, schema `[]`, then a negative block count (must not loop).
        ("lang-rust/fuzz-corpus-roundtrip/infinite_iteration.avro", 95, "found a negative object count -8192"),
        ("lang-rust/fuzz-corpus-roundtrip/unchecked_resize.avro", 41, "found a negative block size -58"),
        ("third-party/goavro-fixtures/blockCountExceedsMaxBlockCount.avro", 55, "the file ends before the block's size"),
        ("third-party/goavro-fixtures/blockSizeExceedsMaxBlockSize.avro", 51, "the block claims 2147483648 bytes of data, but only 0 bytes remain in the file"),
        ("third-party/goavro-fixtures/blockSizeNotGreaterThanZero.avro", 50, "the block claims 1 objects of at least 1 bytes, but has only 0 bytes"),
        ("third-party/goavro-fixtures/cannotDiscardBlockBytes.avro", 51, "the block claims 2 bytes of data, but only 0 bytes remain in the file"),
        ("third-party/goavro-fixtures/cannotReadBlockSize.avro", 51, "the file ends before the block's size"),
        ("third-party/goavro-fixtures/firstBlockCountNotGreaterThanZero.avro", 51, "the file ends before the block's size"),
        ("third-party/goavro-fixtures/syncMarkerMismatch.avro", 54,
         "expected the sync marker 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66, found 69 6e 76 61 6c 69 64 2d 73 79 6e 63 6d 61 72 6b"),
    ])
    func malformedBlockGivesInvalidFile(path: String, offset: Int, message: String) throws {
        let (values, error) = try Self.readToError(path)
        #expect(values.isEmpty)
        #expect(error?.code == .invalidFile)
        #expect(error?.offset == offset)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("block 0 (at byte ") == true)
        expectAvroError(.invalidFile) { _ = try AvroFileReader<AvroValue>.count(url: TestData.url(path)) }
    }

    // goavro's file ends after a block's data `ab`, in its sync marker: the block's object
    // (-49, as fastavro reads it) comes first, then the byte no object explains.
    @Test func aBlockCutBeforeItsMarkerGivesItsObjectFirst() throws {
        let (values, error) = try Self.readToError("third-party/goavro-fixtures/cannotReadSyncMarker.avro")
        #expect(values == [.long(-49)])
        #expect(error?.code == .invalidFile)
        #expect(error?.offset == 53)
        #expect(error?.message == "block 0 (at byte 50): 1 byte remains after its 1 objects")
    }

    // goavro's file has a block of 1 object in 2 bytes `61 62`: the long -49, then a byte no
    // object explains.
    @Test func bytesLeftAfterTheObjectsOfABlock() throws {
        let (values, error) = try Self.readToError("third-party/goavro-fixtures/secondBlockCountZero.avro")
        #expect(values == [.long(-49)])
        #expect(error?.code == .invalidFile)
        #expect(error?.offset == 53)
        #expect(error?.message == "block 0 (at byte 50): 1 byte remains after its 1 objects")
    }

    @Test func malformedHeaders() throws {
        let badMagic = expectAvroError(.invalidFile) {
            _ = try AvroFileReader<AvroValue>(url: TestData.url("third-party/goavro-fixtures/bad-header.avro"))
        }
        #expect(badMagic?.message == "expected the magic 4f 62 6a 01 ('Obj' 1), found 4f 62 6a 0a")
        #expect(badMagic?.offset == 0)
        // An over-long varint as the metadata count.
        let overflow = expectAvroError(.invalidFile) {
            _ = try AvroFileReader<AvroValue>(url: TestData.url("lang-rust/fuzz-corpus-roundtrip/negate_with_overflow.avro"))
        }
        #expect(overflow?.offset == 4)
        // Item 82: the legacy format is recognised and refused.
        expectAvroError(.unsupported) { _ = try AvroFileReader<AvroValue>(url: TestData.url("share-test-data/test.avro12")) }
    }

    // Recovery on the C file: the bad value ends block 0 early; the stray byte at the end is
    // a truncated block.
    @Test func recoverySkipsTheRestOfABlockThatDoesNotDecode() throws {
        let options = AvroFileReaderOptions(skipsCorruptBlocks: true)
        let reader = try AvroFileReader<AvroValue>(url: TestData.url("lang-c/avro-1237-bad-union-discriminant.avro"), options: options)
        #expect(Array(reader) == [.union(branch: 0, value: .null)])
        #expect(reader.error == nil)
        #expect(reader.skippedRanges.map(\.bytes) == [83..<105, 105..<106])
        #expect(reader.skippedRanges.map(\.reason.code) == [.invalidUnionBranch, .invalidFile])
        #expect(reader.skippedRanges.map(\.blockIndex) == [0, 1])
    }

    // Item 80: with the first block's count broken, recovery searches for the sync marker from
    // that block on, never in the header, whose `avro.sync` entry holds a copy of it.
    @Test func recoveryNeverMatchesTheSyncMarkerInsideTheHeader() throws {
        var bytes = try TestData.bytes("share-test-data/syncInMeta.avro")
        #expect(bytes[325] == 0xb4) // block 0 holds 602 objects: the varint b4 09
        bytes[325] = 0x01 // a count of -1
        let reader = try AvroFileReader<AvroValue>(data: Data(bytes), options: .init(skipsCorruptBlocks: true))
        let values = Array(reader)
        #expect(reader.error == nil)
        #expect(values.count == 6001 - 602)
        #expect(values.first?["ID"] == .long(603))
        #expect(reader.skippedRanges.map(\.bytes) == [325..<2552])
        #expect(reader.skippedRanges.first?.reason.message.contains("negative object count -1") == true)
    }
}
