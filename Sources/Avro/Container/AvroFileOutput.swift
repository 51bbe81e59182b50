import Foundation

/// Where an ``AvroFileWriter`` puts its bytes: a file, or `Data` in memory.
final class AvroFileOutput {
    private enum Destination {
        /// A file handle, and whether the writer opened it (and so closes it).
        case file(FileHandle, owned: Bool)
        case memory
    }

    private let destination: Destination
    /// The bytes written, for an output in memory.
    private(set) var data = Data()

    /// An output in memory.
    init() {
        destination = .memory
    }

    /// An output to `fileHandle`, at its current offset. `owned` handles are closed by ``close()``.
    init(fileHandle: FileHandle, owned: Bool) {
        destination = .file(fileHandle, owned: owned)
    }

    /// Creates (or empties) the file at `url` and writes to it.
    convenience init(creating url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw AvroError(.io, "could not create the file \(url.path)")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw AvroError(.io, "could not open \(url.path) for writing: \(error.localizedDescription)")
        }
        self.init(fileHandle: handle, owned: true)
    }

    /// Writes `bytes` in one call, so that a block is written whole or not at all as far as
    /// this process can tell.
    func write(_ bytes: [UInt8]) throws {
        switch destination {
        case .memory:
            data.append(contentsOf: bytes)
        case .file(let handle, _):
            do {
                try handle.write(contentsOf: bytes)
            } catch {
                throw AvroError(.io, "could not write to the file: \(error.localizedDescription)")
            }
        }
    }

    /// Closes the file if the writer opened it.
    func close() throws {
        guard case .file(let handle, owned: true) = destination else { return }
        do {
            try handle.close()
        } catch {
            throw AvroError(.io, "could not close the file: \(error.localizedDescription)")
        }
    }
}
