import CAvroCodecs

/// The `zstandard` codec: blocks are Zstandard frames (magic `28 b5 2f fd`).
///
/// It calls the machine's libzstd, loaded when the codec is first used; on a machine without
/// it, ``compress(_:)`` and ``decompress(_:limit:)`` throw `AvroError` with code `.codec`.
/// Decompression runs as a stream, so it reads the frames Java writes, which leave out the
/// content size.
///
/// ```swift
/// let codec = AvroZstandardCodec(level: 19)
/// let block = try codec.compress(bytes)
/// ```
public struct AvroZstandardCodec: AvroCodec {
    /// `"zstandard"`.
    public var name: String { "zstandard" }

    /// The compression level: negative levels are faster, 22 gives the smallest output, 0
    /// means libzstd's default (3). Checked by ``compress(_:)`` against the range libzstd
    /// supports.
    public var level: Int

    /// Creates the `zstandard` codec.
    ///
    /// - Parameter level: The compression level. The default, 3, is Java's and libzstd's.
    public init(level: Int = 3) {
        self.level = level
    }

    /// Compresses one block into a Zstandard frame.
    ///
    /// - Throws: `AvroError` with code `.codec` when libzstd is missing or rejects
    ///   ``level``.
    public func compress(_ data: [UInt8]) throws -> [UInt8] {
        let zstd = try ZstandardLibrary.shared.get()
        let levels = Int(zstd.minimumLevel())...Int(zstd.maximumLevel())
        guard levels.contains(level), let cLevel = Int32(exactly: level) else {
            throw AvroError(
                .codec, "zstandard level must be in \(levels.lowerBound)...\(levels.upperBound), found \(level)")
        }
        var output = [UInt8](repeating: 0, count: zstd.compressBound(data.count))
        let size = output.withUnsafeMutableBytes { outputBytes in
            data.withUnsafeBytes { inputBytes in
                zstd.compress(
                    outputBytes.baseAddress, outputBytes.count, inputBytes.baseAddress, inputBytes.count, cLevel)
            }
        }
        try zstd.check(size, "compression failed")
        output.removeLast(output.count - size)
        return output
    }

    /// Decompresses the Zstandard frames of one block as a stream.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when the output would exceed `limit`
    ///   bytes, `.codec` when libzstd is missing or the data is not complete Zstandard frames.
    public func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        let zstd = try ZstandardLibrary.shared.get()
        guard let stream = zstd.createDStream() else {
            throw AvroError(.codec, "zstandard decompression failed: ZSTD_createDStream returned NULL")
        }
        defer { _ = zstd.freeDStream(stream) }
        try zstd.check(zstd.initDStream(stream), "decompression failed")
        return try data.withUnsafeBytes { inputBytes in
            var input = ZstandardInBuffer(source: inputBytes.baseAddress, size: inputBytes.count, position: 0)
            return try decompressStream(codec: "zstandard", limit: limit) { window in
                var output = ZstandardOutBuffer(destination: window.baseAddress, size: window.count, position: 0)
                let positionBefore = input.position
                let hint = zstd.decompressStream(stream, &output, &input)
                try zstd.check(hint, "data is corrupt")
                // 0 means a frame was completely decoded and flushed; more input is more frames.
                return DecompressionStep(
                    consumed: input.position - positionBefore,
                    produced: output.position,
                    finished: hint == 0 && input.position == input.size)
            }
        }
    }
}



/// The functions of libzstd (zstd.h, version 1.4 or later) the `zstandard` codec calls.
struct ZstandardLibrary: Sendable {
    let compressBound: @convention(c) (Int) -> Int
    let compress: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    let isError: @convention(c) (Int) -> UInt32
    let errorName: @convention(c) (Int) -> UnsafePointer<CChar>?
    let minimumLevel: @convention(c) () -> Int32
    let maximumLevel: @convention(c) () -> Int32
    let createDStream: @convention(c) () -> OpaquePointer?
    let freeDStream: @convention(c) (OpaquePointer?) -> Int
    let initDStream: @convention(c) (OpaquePointer?) -> Int
    /// `ZSTD_decompressStream(stream, ZSTD_outBuffer *, ZSTD_inBuffer *)`.
    let decompressStream: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int

    /// libzstd, loaded at first use.
    static let shared = Result {
        #if canImport(Darwin)
        let fileNames = [
            "libzstd.1.dylib", "libzstd.dylib",
            "/opt/homebrew/lib/libzstd.1.dylib", "/usr/local/lib/libzstd.1.dylib",
        ]
        #else
        let fileNames = ["libzstd.so.1", "libzstd.so"]
        #endif
        return try ZstandardLibrary(SharedLibrary(for: "zstandard", library: "libzstd", fileNames: fileNames))
    }

    private init(_ library: SharedLibrary) throws {
        compressBound = try library.function("ZSTD_compressBound")
        compress = try library.function("ZSTD_compress")
        isError = try library.function("ZSTD_isError")
        errorName = try library.function("ZSTD_getErrorName")
        minimumLevel = try library.function("ZSTD_minCLevel")
        maximumLevel = try library.function("ZSTD_maxCLevel")
        createDStream = try library.function("ZSTD_createDStream")
        freeDStream = try library.function("ZSTD_freeDStream")
        initDStream = try library.function("ZSTD_initDStream")
        decompressStream = try library.function("ZSTD_decompressStream")
    }

    /// Throws when `result` is one of libzstd's error codes.
    func check(_ result: Int, _ problem: String) throws {
        guard isError(result) != 0 else { return }
        let detail = errorName(result).map { String(cString: $0) } ?? "error \(result)"
        throw AvroError(.codec, "zstandard \(problem): \(detail)")
    }
}
