import CAvroCodecs

/// The `bzip2` codec: blocks are bzip2 streams (`BZh9…`).
///
/// It calls the machine's libbz2, loaded when the codec is first used; on a machine without
/// it, ``compress(_:)`` and ``decompress(_:limit:)`` throw `AvroError` with code `.codec`.
/// Decompression stops at the end of the first bzip2 stream, as Java's does.
public struct AvroBzip2Codec: AvroCodec {
    /// `"bzip2"`.
    public var name: String { "bzip2" }

    /// The block size in units of 100 000 bytes, 1...9. Larger blocks compress better and use
    /// more memory. Checked by ``compress(_:)``.
    public var blockSize100k: Int

    /// Creates the `bzip2` codec.
    ///
    /// - Parameter blockSize100k: The block size in units of 100 000 bytes, 1...9. The default,
    ///   9, is what Java and Python use.
    public init(blockSize100k: Int = 9) {
        self.blockSize100k = blockSize100k
    }

    /// Compresses one block into a bzip2 stream.
    ///
    /// - Throws: `AvroError` with code `.codec` when libbz2 is missing or ``blockSize100k`` is
    ///   outside 1...9, `.limitExceeded` when `data` has 4 GiB or more.
    public func compress(_ data: [UInt8]) throws -> [UInt8] {
        let bzip2 = try Bzip2Library.shared.get()
        guard (1...9).contains(blockSize100k) else {
            throw AvroError(.codec, "bzip2 block size must be in 1...9 (× 100 000 bytes), found \(blockSize100k)")
        }
        try Self.checkSize(data)
        // The bzip2 manual's bound for the compressed size: 1% more than the input, plus 600.
        var outputSize = UInt32(clamping: data.count + data.count / 100 + 600)
        var output = [UInt8](repeating: 0, count: Int(outputSize))
        // libbz2 rejects a NULL source even when it is empty, and never writes to it.
        let source = data.isEmpty ? [0] : data
        let status = output.withUnsafeMutableBytes { outputBytes in
            source.withUnsafeBytes { sourceBytes in
                bzip2.compress(
                    outputBytes.baseAddress, &outputSize, UnsafeMutableRawPointer(mutating: sourceBytes.baseAddress),
                    UInt32(data.count), Int32(blockSize100k), 0, 0)
            }
        }
        guard status == Bzip2Library.ok else {
            throw Bzip2Library.error("compression failed", "BZ2_bzBuffToBuffCompress", status)
        }
        output.removeLast(output.count - Int(outputSize))
        return output
    }

    /// Decompresses the bzip2 stream of one block as a stream, ignoring any bytes after it.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when the output would exceed `limit`
    ///   bytes, `.codec` when libbz2 is missing or the data is not a complete bzip2 stream.
    public func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        let bzip2 = try Bzip2Library.shared.get()
        try Self.checkSize(data)
        // libbz2 checks that the stream stays at the address it was initialized at.
        let stream = UnsafeMutablePointer<Bzip2Stream>.allocate(capacity: 1)
        stream.initialize(to: Bzip2Stream())
        defer { stream.deallocate() }
        let status = bzip2.decompressInit(stream, 0, 0)
        guard status == Bzip2Library.ok else {
            throw Bzip2Library.error("decompression failed", "BZ2_bzDecompressInit", status)
        }
        defer { _ = bzip2.decompressEnd(stream) }
        return try data.withUnsafeBytes { inputBytes in
            stream.pointee.nextIn = UnsafeMutableRawPointer(mutating: inputBytes.baseAddress)
            stream.pointee.availableIn = UInt32(inputBytes.count)
            return try decompressStream(codec: "bzip2", limit: limit) { window in
                let availableBefore = stream.pointee.availableIn
                stream.pointee.nextOut = window.baseAddress
                stream.pointee.availableOut = UInt32(window.count)
                let status = bzip2.decompress(stream)
                guard status == Bzip2Library.ok || status == Bzip2Library.streamEnd else {
                    throw Bzip2Library.error("data is corrupt", "BZ2_bzDecompress", status)
                }
                return DecompressionStep(
                    consumed: Int(availableBefore - stream.pointee.availableIn),
                    produced: window.count - Int(stream.pointee.availableOut),
                    finished: status == Bzip2Library.streamEnd)
            }
        }
    }

    /// libbz2 counts bytes in 32 bits.
    private static func checkSize(_ data: [UInt8]) throws {
        guard data.count < Int(UInt32.max) else {
            throw AvroError(.limitExceeded, "bzip2 blocks must be smaller than 4 GiB, found \(data.count) bytes")
        }
    }
}


/// The functions of libbz2 (bzlib.h) the `bzip2` codec calls.
struct Bzip2Library: Sendable {
    static let ok: Int32 = 0
    static let streamEnd: Int32 = 4

    /// `BZ2_bzBuffToBuffCompress(dest, &destLen, source, sourceLen, blockSize100k, verbosity, workFactor)`.
    let compress: @convention(c) (
        UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt32>?, UnsafeMutableRawPointer?, UInt32, Int32, Int32, Int32
    ) -> Int32
    /// `BZ2_bzDecompressInit(bz_stream *, verbosity, small)`.
    let decompressInit: @convention(c) (UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    let decompress: @convention(c) (UnsafeMutableRawPointer?) -> Int32
    let decompressEnd: @convention(c) (UnsafeMutableRawPointer?) -> Int32

    /// libbz2, loaded at first use.
    static let shared = Result {
        #if canImport(Darwin)
        let fileNames = ["libbz2.1.0.dylib", "libbz2.dylib"]
        #else
        let fileNames = ["libbz2.so.1.0", "libbz2.so.1", "libbz2.so"]
        #endif
        return try Bzip2Library(SharedLibrary(for: "bzip2", library: "libbz2", fileNames: fileNames))
    }

    private init(_ library: SharedLibrary) throws {
        compress = try library.function("BZ2_bzBuffToBuffCompress")
        decompressInit = try library.function("BZ2_bzDecompressInit")
        decompress = try library.function("BZ2_bzDecompress")
        decompressEnd = try library.function("BZ2_bzDecompressEnd")
    }

    static func error(_ problem: String, _ function: String, _ status: Int32) -> AvroError {
        let names: [Int32: String] = [
            -1: "BZ_SEQUENCE_ERROR", -2: "BZ_PARAM_ERROR", -3: "BZ_MEM_ERROR", -4: "BZ_DATA_ERROR",
            -5: "BZ_DATA_ERROR_MAGIC", -6: "BZ_IO_ERROR", -7: "BZ_UNEXPECTED_EOF", -8: "BZ_OUTBUFF_FULL",
            -9: "BZ_CONFIG_ERROR",
        ]
        return AvroError(.codec, "bzip2 \(problem): \(function) returned \(names[status] ?? String(status))")
    }
}
