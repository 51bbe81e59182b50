import CAvroCodecs

/// The `xz` codec: blocks are complete `.xz` streams (magic `fd 37 7a 58 5a 00`), not raw
/// LZMA2.
///
/// It calls the machine's liblzma, loaded when the codec is first used; on a machine without
/// it, ``compress(_:)`` and ``decompress(_:limit:)`` throw `AvroError` with code `.codec`.
/// Compression uses a CRC-64 check, as Python's `lzma` module does. Decompression stops at
/// the end of the first `.xz` stream.
public struct AvroXZCodec: AvroCodec {
    /// `"xz"`.
    public var name: String { "xz" }

    /// The compression preset, 0 (fastest) to 9 (smallest output). Checked by
    /// ``compress(_:)``.
    public var preset: Int

    /// Creates the `xz` codec.
    ///
    /// - Parameter preset: The compression preset, 0...9. The default, 6, is Java's and
    ///   xz's.
    public init(preset: Int = 6) {
        self.preset = preset
    }

    /// Compresses one block into an `.xz` stream.
    ///
    /// - Throws: `AvroError` with code `.codec` when liblzma is missing or ``preset`` is
    ///   outside 0...9.
    public func compress(_ data: [UInt8]) throws -> [UInt8] {
        let lzma = try XZLibrary.shared.get()
        guard (0...9).contains(preset) else {
            throw AvroError(.codec, "xz preset must be in 0...9, found \(preset)")
        }
        var output = [UInt8](repeating: 0, count: lzma.bufferBound(data.count))
        var outputSize = 0
        let status = output.withUnsafeMutableBytes { outputBytes in
            data.withUnsafeBytes { inputBytes in
                lzma.easyBufferEncode(
                    UInt32(preset), XZLibrary.checkCRC64, nil, inputBytes.baseAddress, inputBytes.count,
                    outputBytes.baseAddress, &outputSize, outputBytes.count)
            }
        }
        guard status == XZLibrary.ok else {
            throw XZLibrary.error("compression failed", "lzma_easy_buffer_encode", status)
        }
        output.removeLast(output.count - outputSize)
        return output
    }

    /// Decompresses the `.xz` stream of one block as a stream, ignoring any bytes after it.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when the output would exceed `limit`
    ///   bytes, `.codec` when liblzma is missing or the data is not a complete `.xz` stream.
    public func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        let lzma = try XZLibrary.shared.get()
        let stream = UnsafeMutablePointer<XZStream>.allocate(capacity: 1)
        stream.initialize(to: XZStream())
        defer { stream.deallocate() }
        let status = lzma.streamDecoder(stream, UInt64.max, 0)
        guard status == XZLibrary.ok else {
            throw XZLibrary.error("decompression failed", "lzma_stream_decoder", status)
        }
        defer { lzma.end(stream) }
        return try data.withUnsafeBytes { inputBytes in
            stream.pointee.nextIn = inputBytes.baseAddress
            stream.pointee.availableIn = inputBytes.count
            return try decompressStream(codec: "xz", limit: limit) { window in
                let availableBefore = stream.pointee.availableIn
                stream.pointee.nextOut = window.baseAddress
                stream.pointee.availableOut = window.count
                // All the input is there from the start, so every call may finish the stream.
                let status = lzma.code(stream, XZLibrary.finish)
                // LZMA_BUF_ERROR only means that no progress was possible; decompressStream
                // reports that as truncated input.
                guard status == XZLibrary.ok || status == XZLibrary.streamEnd || status == XZLibrary.bufferError else {
                    throw XZLibrary.error("data is corrupt", "lzma_code", status)
                }
                return DecompressionStep(
                    consumed: availableBefore - stream.pointee.availableIn,
                    produced: window.count - stream.pointee.availableOut,
                    finished: status == XZLibrary.streamEnd)
            }
        }
    }
}


/// The functions of liblzma 5 (lzma.h) the `xz` codec calls.
struct XZLibrary: Sendable {
    static let ok: UInt32 = 0
    static let streamEnd: UInt32 = 1
    static let bufferError: UInt32 = 10
    static let finish: UInt32 = 3
    static let checkCRC64: UInt32 = 4

    /// `lzma_easy_buffer_encode(preset, check, allocator, in, in_size, out, &out_pos, out_size)`.
    let easyBufferEncode: @convention(c) (
        UInt32, UInt32, UnsafeRawPointer?, UnsafeRawPointer?, Int,
        UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, Int
    ) -> UInt32
    let bufferBound: @convention(c) (Int) -> Int
    /// `lzma_stream_decoder(lzma_stream *, memlimit, flags)`.
    let streamDecoder: @convention(c) (UnsafeMutableRawPointer?, UInt64, UInt32) -> UInt32
    /// `lzma_code(lzma_stream *, action)`.
    let code: @convention(c) (UnsafeMutableRawPointer?, UInt32) -> UInt32
    let end: @convention(c) (UnsafeMutableRawPointer?) -> Void

    /// liblzma, loaded at first use.
    static let shared = Result {
        #if canImport(Darwin)
        let fileNames = [
            "liblzma.5.dylib", "liblzma.dylib",
            "/opt/homebrew/lib/liblzma.5.dylib", "/usr/local/lib/liblzma.5.dylib",
        ]
        #else
        let fileNames = ["liblzma.so.5", "liblzma.so"]
        #endif
        return try XZLibrary(SharedLibrary(for: "xz", library: "liblzma", fileNames: fileNames))
    }

    private init(_ library: SharedLibrary) throws {
        easyBufferEncode = try library.function("lzma_easy_buffer_encode")
        bufferBound = try library.function("lzma_stream_buffer_bound")
        streamDecoder = try library.function("lzma_stream_decoder")
        code = try library.function("lzma_code")
        end = try library.function("lzma_end")
    }

    static func error(_ problem: String, _ function: String, _ status: UInt32) -> AvroError {
        let names: [UInt32: String] = [
            2: "LZMA_NO_CHECK", 3: "LZMA_UNSUPPORTED_CHECK", 4: "LZMA_GET_CHECK", 5: "LZMA_MEM_ERROR",
            6: "LZMA_MEMLIMIT_ERROR", 7: "LZMA_FORMAT_ERROR (not .xz data)", 8: "LZMA_OPTIONS_ERROR",
            9: "LZMA_DATA_ERROR", 10: "LZMA_BUF_ERROR", 11: "LZMA_PROG_ERROR",
        ]
        return AvroError(.codec, "xz \(problem): \(function) returned \(names[status] ?? String(status))")
    }
}
