import CZlib

/// The `deflate` codec: blocks are raw RFC 1951 deflate streams, without a zlib header or an
/// Adler-32 trailer.
///
/// Every Avro implementation supports it. Java writes it with `Deflater(level, nowrap: true)`.
/// Files written by the Python implementations leave 3 bytes after the end of each deflate
/// stream; decompression stops at the final deflate block and ignores anything after it.
///
/// ```swift
/// let codec = AvroDeflateCodec(level: 9)
/// let block = try codec.compress(bytes)
/// ```
public struct AvroDeflateCodec: AvroCodec {
    /// `"deflate"`.
    public var name: String { "deflate" }

    /// The compression level: 0 (store only) to 9 (smallest output), or -1 for zlib's
    /// default (6). Checked by ``compress(_:)``.
    public var level: Int

    /// Creates the `deflate` codec.
    ///
    /// - Parameter level: The compression level, -1...9. The default, 6, is Java's and zlib's.
    public init(level: Int = 6) {
        self.level = level
    }

    /// Compresses one block into a raw deflate stream.
    ///
    /// - Throws: `AvroError` with code `.codec` when ``level`` is outside -1...9,
    ///   `.limitExceeded` when `data` has 4 GiB or more.
    public func compress(_ data: [UInt8]) throws -> [UInt8] {
        guard (-1...9).contains(level) else {
            throw AvroError(.codec, "deflate level must be in -1...9, found \(level)")
        }
        try Self.checkSize(data)
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = deflateInit2_(
            stream, Int32(level), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Self.error("compression failed", "deflateInit2", status, stream) }
        defer { deflateEnd(stream) }

        let bound = Int(deflateBound(stream, UInt(data.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let result = data.withUnsafeBufferPointer { inputBytes in
            output.withUnsafeMutableBufferPointer { outputBytes in
                // zlib does not write to its input; its header just lacks the `const`.
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBytes.baseAddress)
                stream.pointee.avail_in = UInt32(inputBytes.count)
                stream.pointee.next_out = outputBytes.baseAddress
                stream.pointee.avail_out = UInt32(clamping: outputBytes.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw Self.error("compression failed", "deflate", result, stream) }
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }

    /// Decompresses one raw deflate stream, ignoring any bytes after its final block.
    ///
    /// - Throws: `AvroError` with code `.limitExceeded` when the output would exceed `limit`
    ///   bytes, `.codec` when the data is not a complete deflate stream.
    public func decompress(_ data: [UInt8], limit: Int) throws -> [UInt8] {
        try Self.checkSize(data)
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = inflateInit2_(stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Self.error("decompression failed", "inflateInit2", status, stream) }
        defer { inflateEnd(stream) }

        return try data.withUnsafeBufferPointer { inputBytes in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBytes.baseAddress)
            stream.pointee.avail_in = UInt32(inputBytes.count)
            return try decompressStream(codec: "deflate", limit: limit) { window in
                let availableBefore = stream.pointee.avail_in
                stream.pointee.next_out = window.baseAddress?.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(window.count)
                let result = inflate(stream, Z_NO_FLUSH)
                // Z_BUF_ERROR only means that no progress was possible; decompressStream
                // reports that as truncated input.
                guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                    throw Self.error("data is corrupt", "inflate", result, stream)
                }
                return DecompressionStep(
                    consumed: Int(availableBefore - stream.pointee.avail_in),
                    produced: window.count - Int(stream.pointee.avail_out),
                    finished: result == Z_STREAM_END)
            }
        }
    }

    /// zlib counts bytes in 32 bits.
    private static func checkSize(_ data: [UInt8]) throws {
        guard data.count < Int(UInt32.max) else {
            throw AvroError(.limitExceeded, "deflate blocks must be smaller than 4 GiB, found \(data.count) bytes")
        }
    }

    private static func error(
        _ problem: String, _ function: String, _ status: Int32, _ stream: UnsafeMutablePointer<z_stream>
    ) -> AvroError {
        var message = "deflate \(problem): zlib's \(function) returned \(status)"
        if let detail = stream.pointee.msg { message += " (\(String(cString: detail)))" }
        return AvroError(.codec, message)
    }
}
