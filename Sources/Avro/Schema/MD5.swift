/// The MD5 message digest (RFC 1321), used for Avro's MD5 schema fingerprints and the
/// handshake of Avro RPC. Not for security.
enum MD5 {
    /// The per-round left-rotation amounts, four for each of the four rounds.
    private static let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    /// The additive constants: the integer part of `abs(sin(i + 1)) * 2^32`.
    private static let constants: [UInt32] = [
        0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
        0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
        0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
        0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
        0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
        0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
        0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
        0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
    ]

    /// Returns the 16-byte MD5 digest of `bytes`.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
        var words = [UInt32](repeating: 0, count: 16)
        forEachPaddedBlock(of: bytes, bigEndian: false) { block in
            for i in 0..<16 {
                words[i] = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            var (a, b, c, d) = state
            for i in 0..<64 {
                let mixed: UInt32
                let wordIndex: Int
                switch i >> 4 {
                case 0: mixed = (b & c) | (~b & d); wordIndex = i
                case 1: mixed = (d & b) | (~d & c); wordIndex = (5 &* i &+ 1) & 15
                case 2: mixed = b ^ c ^ d; wordIndex = (3 &* i &+ 5) & 15
                default: mixed = c ^ (b | ~d); wordIndex = (7 &* i) & 15
                }
                let sum = a &+ mixed &+ constants[i] &+ words[wordIndex]
                (a, d, c) = (d, c, b)
                b = b &+ sum.rotatedLeft(by: shifts[(i >> 4) << 2 | (i & 3)])
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            withUnsafeBytes(of: word.littleEndian) { digest.append(contentsOf: $0) }
        }
        return digest
    }
}

extension UInt32 {
    /// This value rotated left by `count` bits (`count` in `0..<32`).
    fileprivate func rotatedLeft(by count: UInt32) -> UInt32 {
        (self << count) | (self >> (32 &- count))
    }
}
