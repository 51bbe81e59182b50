#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Android)
import Android
#endif

/// A shared library of the machine, opened with `dlopen` when a codec first needs it.
///
/// The `zstandard`, `bzip2` and `xz` codecs call libzstd, libbz2 and liblzma this way, so the
/// package builds and runs on machines without them; only those codecs then throw. A library
/// stays open for the life of the process.
struct SharedLibrary: @unchecked Sendable {
    /// The file name that was opened.
    let fileName: String
    /// The `dlopen` handle. Immutable and valid for the life of the process, so sharing it
    /// between threads is safe.
    private let handle: UnsafeMutableRawPointer

    /// Opens the first of `fileNames` the dynamic linker can load, or throws the error that
    /// says the codec needs a library this machine lacks.
    ///
    /// - Parameters:
    ///   - codec: The codec's name, for the error message.
    ///   - library: The library's usual name (`libzstd`), for the error message.
    ///   - fileNames: The file names to try, most specific first. The first one is named in
    ///     the error message.
    init(for codec: String, library: String, fileNames: [String]) throws {
        for fileName in fileNames {
            if let handle = Self.open(fileName) {
                self.fileName = fileName
                self.handle = handle
                return
            }
        }
        let expected = fileNames.first.map { " (\($0))" } ?? ""
        throw AvroError(.codec, "the \(codec) codec needs \(library)\(expected), which this machine does not have")
    }

    /// The function `symbol` of the library, as the C function type `Function`.
    ///
    /// `Function` must be a `@convention(c)` function type matching the C declaration.
    func function<Function>(_ symbol: String, as type: Function.Type = Function.self) throws -> Function {
        guard let address = Self.lookUp(symbol, in: handle) else {
            throw AvroError(.codec, "\(fileName) has no function \(symbol); it may be too old")
        }
        return unsafeBitCast(address, to: Function.self)
    }

    #if canImport(Darwin) || canImport(Glibc) || canImport(Musl) || canImport(Android)
    private static func open(_ fileName: String) -> UnsafeMutableRawPointer? {
        dlopen(fileName, RTLD_NOW | RTLD_LOCAL)
    }

    private static func lookUp(_ symbol: String, in handle: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        dlsym(handle, symbol)
    }
    #else
    // No dlopen on this platform (Windows): every library is missing.
    private static func open(_ fileName: String) -> UnsafeMutableRawPointer? { nil }

    private static func lookUp(_ symbol: String, in handle: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? { nil }
    #endif
}
