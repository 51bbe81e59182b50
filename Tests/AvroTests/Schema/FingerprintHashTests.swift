import Foundation
import Testing
@testable import Avro

/// Lower-case hex of `bytes`, two digits per byte.
private func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
}

/// The bytes 0, 1, 2, … `count - 1`.
private func ramp(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0) }
}

// MARK: - CRC-64-AVRO

@Test(arguments: [
    (#""int""#, Int64(8_247_732_601_305_521_295)),
    (#""null""#, Int64(7_195_948_357_588_979_594)),
    (#""string""#, Int64(-8_142_146_995_180_207_161)),
    ("[]", Int64(-1_241_056_759_729_112_623)),
])
func crc64AvroKnownAnswers(text: String, expected: Int64) {
    #expect(Int64(bitPattern: CRC64Avro.fingerprint(Array(text.utf8))) == expected)
}

@Test func crc64AvroOfIntIsTheSpecValue() {
    #expect(CRC64Avro.fingerprint(#""int""#.utf8) == 0x7275_d51a_3f39_5c8f)
}

@Test func crc64AvroOfEmptyInputIsTheSeed() {
    #expect(CRC64Avro.fingerprint([UInt8]()) == 0xc15d_213a_a4d7_a795)
    #expect(CRC64Avro.empty == 0xc15d_213a_a4d7_a795)
}

// MARK: - MD5 (RFC 1321, appendix A.5)

@Test(arguments: [
    ("", "d41d8cd98f00b204e9800998ecf8427e"),
    ("a", "0cc175b9c0f1b6a831c399e269772661"),
    ("abc", "900150983cd24fb0d6963f7d28e17f72"),
    ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
    ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
    (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
])
func md5RFC1321Suite(text: String, expected: String) {
    let digest = MD5.hash(Array(text.utf8))
    #expect(digest.count == 16)
    #expect(hex(digest) == expected)
}

// MARK: - SHA-256 (FIPS 180-4 examples)

@Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
])
func sha256KnownAnswers(text: String, expected: String) {
    let digest = SHA256.hash(Array(text.utf8))
    #expect(digest.count == 32)
    #expect(hex(digest) == expected)
}

@Test func sha256OfOneMillionA() {
    let digest = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
    #expect(hex(digest) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

// MARK: - Padding boundaries

// Inputs are the bytes 0, 1, …, n-1. Expected digests were produced with Python's hashlib:
//   hashlib.md5(bytes(range(n))).hexdigest(), hashlib.sha256(bytes(range(n))).hexdigest()
@Test(arguments: [
    (55, "6912ee65fff2d9f9ce2508cddf8bcda0", "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
    (56, "51fdd1acda72405dfdfa03fcb85896d7", "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
    (63, "48a6295221902e8e0938f773a7185e72", "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
    (64, "b2d3f56bc197fd985d5965079b5e7148", "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
    (65, "8bd7053801c768420faf816fadba971c", "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
])
func hashesAtBlockBoundaries(length: Int, md5: String, sha256: String) {
    #expect(hex(MD5.hash(ramp(length))) == md5)
    #expect(hex(SHA256.hash(ramp(length))) == sha256)
}

// MARK: - Shared test data

/// `../shared/avro-testdata/generated/fingerprints.json` next to the repository that holds
/// this file (symlinks resolved, so a scratch package that links this file finds it too).
private let fingerprintsFile: URL = URL(fileURLWithPath: #filePath)
    .resolvingSymlinksInPath()
    .deletingLastPathComponent() // Schema
    .deletingLastPathComponent() // AvroTests
    .deletingLastPathComponent() // Tests
    .deletingLastPathComponent() // repository root
    .appendingPathComponent("../shared/avro-testdata/generated/fingerprints.json")
    .standardizedFileURL

@Test(.enabled(if: FileManager.default.fileExists(atPath: fingerprintsFile.path)))
func hashesMatchSharedFingerprints() throws {
    let data = try Data(contentsOf: fingerprintsFile)
    let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
    #expect(!entries.isEmpty)
    for (name, entry) in entries.sorted(by: { $0.key < $1.key }) {
        let canonical = try #require(entry["canonical_form"] as? String, "\(name)")
        let bytes = Array(canonical.utf8)
        let crc = CRC64Avro.fingerprint(bytes)
        #expect(String(crc, radix: 16).leftPadded(to: 16) == entry["crc64_avro_unsigned_hex"] as? String, "\(name)")
        #expect(
            Int64(bitPattern: crc) == (entry["crc64_avro_signed_decimal"] as? NSNumber)?.int64Value, "\(name)")
        #expect(
            hex(withUnsafeBytes(of: crc.littleEndian) { Array($0) })
                == entry["crc64_avro_little_endian_bytes_hex"] as? String, "\(name)")
        #expect(hex(MD5.hash(bytes)) == entry["md5_hex"] as? String, "\(name)")
        #expect(hex(SHA256.hash(bytes)) == entry["sha256_hex"] as? String, "\(name)")
    }
}

extension String {
    /// This string with `0` added in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
