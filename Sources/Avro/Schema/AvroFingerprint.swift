/// A fingerprint algorithm for schemas. Every fingerprint is computed
/// over the UTF-8 bytes of the schema's Parsing Canonical Form.
public enum AvroFingerprintAlgorithm: String, Hashable, Sendable, CaseIterable {
    /// The 64-bit Rabin fingerprint CRC-64-AVRO, used by single-object encoding.
    case crc64Avro = "crc64"
    /// MD5 (128 bits).
    case md5
    /// SHA-256 (256 bits).
    case sha256
}

extension AvroSchema {
    /// The schema's fingerprint with `algorithm`, as bytes.
    ///
    /// CRC-64-AVRO is given little-endian, the byte order single-object encoding uses (and
    /// Python's `Schema.fingerprint()` returns); ``fingerprint64`` gives it as a number.
    public func fingerprint(_ algorithm: AvroFingerprintAlgorithm = .crc64Avro) -> [UInt8] {
        let bytes = Array(canonicalForm.utf8)
        switch algorithm {
        case .crc64Avro: return withUnsafeBytes(of: CRC64Avro.fingerprint(bytes).littleEndian) { Array($0) }
        case .md5: return MD5.hash(bytes)
        case .sha256: return SHA256.hash(bytes)
        }
    }

    /// The CRC-64-AVRO fingerprint of the schema's canonical form. Java prints it as a signed
    /// number: `Int64(bitPattern: schema.fingerprint64)`.
    public var fingerprint64: UInt64 { CRC64Avro.fingerprint(canonicalForm.utf8) }
}
