/// What one call of a streaming decompressor did.
struct DecompressionStep {
    /// The number of input bytes it read.
    var consumed: Int
    /// The number of bytes it wrote into the output window it was given.
    var produced: Int
    /// Whether it reached the end of the compressed stream.
    var finished: Bool
}

/// Collects the output of a streaming decompressor, enforcing `limit` as it goes.
///
/// `step` runs the decompressor once, writing into the window it is given (never empty, at most
/// 64 KiB), and says what it did. The output never grows beyond `limit + 1` bytes: when it
/// passes `limit`, this throws `AvroError(.limitExceeded)`. A step that neither reads nor writes
/// without finishing means the input ended inside the stream: this throws `AvroError(.codec)`.
///
/// - Parameters:
///   - codec: The codec's name, for error messages.
///   - limit: The largest number of output bytes allowed.
///   - step: One call of the decompressor.
func decompressStream(
    codec: String,
    limit: Int,
    _ step: (UnsafeMutableRawBufferPointer) throws -> DecompressionStep
) throws -> [UInt8] {
    let limit = max(limit, 0)
    let capacity = limit == Int.max ? limit : limit + 1
    var window = [UInt8](repeating: 0, count: min(capacity, 1 << 16))
    var output: [UInt8] = []
    while true {
        let room = min(window.count, capacity - output.count)
        let result = try window.withUnsafeMutableBytes { bytes in
            try step(UnsafeMutableRawBufferPointer(rebasing: bytes[..<room]))
        }
        output.append(contentsOf: window[..<result.produced])
        if output.count > limit {
            throw AvroError(.limitExceeded, "\(codec) block decompresses to more than the limit of \(limit) bytes")
        }
        if result.finished { return output }
        if result.consumed == 0 && result.produced == 0 {
            throw AvroError(.codec, "\(codec) data ends before the end of its compressed stream")
        }
    }
}
