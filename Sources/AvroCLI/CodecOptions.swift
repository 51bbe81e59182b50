import Avro

/// The `--codec` and `--level` options of the commands that write container files.
enum CodecOptions {
    /// The codec names `--codec` accepts.
    static let names = ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"]

    /// `--codec C`.
    static let codec = OptionSpec.value("--codec", valueName: "CODEC",
                                        help: "Compress the blocks with CODEC: \(names.joined(separator: ", ")).")
    /// `--level N`.
    static let level = OptionSpec.value("--level", valueName: "N",
                                        help: "Compression level: deflate -1...9, zstandard its levels, xz 0...9, bzip2 1...9 (block size).")

    /// The codec the options ask for (`defaultName` when `--codec` is absent), checked by
    /// compressing an empty block so that a bad level or a missing library is reported before
    /// any output is written.
    ///
    /// - Throws: A usage error for an unknown codec or a level it does not accept; a failure
    ///   when the codec's library is missing on this machine.
    static func codec(from arguments: ParsedArguments, defaultName: String = "null") throws(CLIError) -> any AvroCodec {
        let name = arguments.value(codec.key) ?? defaultName
        let level = try arguments.integer(level.key, in: Int(Int32.min)...Int(Int32.max))
        let codec: any AvroCodec
        switch (name, level) {
        case ("null", nil): codec = AvroNullCodec()
        case ("snappy", nil): codec = AvroSnappyCodec()
        case ("deflate", let level): codec = AvroDeflateCodec(level: level ?? 6)
        case ("zstandard", let level): codec = AvroZstandardCodec(level: level ?? 3)
        case ("xz", let level): codec = AvroXZCodec(preset: level ?? 6)
        case ("bzip2", let level): codec = AvroBzip2Codec(blockSize100k: level ?? 9)
        case ("null", _?), ("snappy", _?): throw .usage("the \(name) codec has no compression level")
        default: throw .usage("unknown codec '\(name)'; expected one of \(names.joined(separator: ", "))")
        }
        do {
            _ = try codec.compress([])
        } catch {
            let reason = CLIError.avroError(in: error)?.message ?? "\(error)"
            throw level == nil ? .failure("the \(name) codec cannot be used: \(reason)") : .usage(reason)
        }
        return codec
    }
}
