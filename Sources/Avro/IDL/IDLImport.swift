import Foundation

/// The `import` statements of IDL: `import idl`, `import protocol` and `import schema` read
/// another file into the same compilation.
enum IDLImport {
    /// The largest file an import reads: 64 MiB.
    static let maxFileSize = 64 << 20

    /// Reads the file `path`, imported by a file of `directory` at `location`, declaring its
    /// named types in `context`, and returns its messages (those of an imported protocol).
    ///
    /// An absolute path names the file itself; a relative one is looked for next to the
    /// importing file, then in each search path in turn. A file already read is not read
    /// again, so each is read once and imports may form cycles.
    static func read(kind: String, path: String, from directory: URL, shownAs shownDirectory: String, at location: IDLLocation,
                     maxDepth: Int, context: inout IDLContext) throws -> [AvroProtocol.Message] {
        let candidates = path.hasPrefix("/") ? [(URL(fileURLWithPath: path), path)]
            : [(directory.appendingPathComponent(path), shownDirectory.isEmpty ? path : (shownDirectory as NSString).appendingPathComponent(path))]
                + context.searchPaths.map { ($0.appendingPathComponent(path), $0.appendingPathComponent(path).path) }
        guard let (url, shown) = candidates.first(where: { FileManager.default.fileExists(atPath: $0.0.path) }) else {
            let places = ([directory] + context.searchPaths).map(\.path).joined(separator: ", ")
            throw AvroError(.invalidIDL, "cannot find the imported file '\(path)' (looked in \(places))", path: location.description)
        }
        // Only a regular file of a reasonable size is read: a device or a pipe could never end,
        // and no schema file comes near the limit.
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            throw AvroError(.invalidIDL, "the imported '\(shown)' is not a regular file", path: location.description)
        }
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maxFileSize {
            throw AvroError(.limitExceeded, "the imported file '\(shown)' has \(size) bytes, more than the \(maxFileSize) an imported file may have",
                            path: location.description)
        }
        guard context.readFiles.insert(url.standardizedFileURL.path).inserted else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AvroError(.invalidIDL, "cannot read the imported file '\(shown)': \(error.localizedDescription)", path: location.description)
        }
        let options = AvroSchema.ParsingOptions(allowsUnicodeNames: true, maxDepth: maxDepth)
        do {
            switch kind {
            case "idl":
                guard let text = AvroIDL.text(of: data) else {
                    throw AvroError(.invalidIDL, "the imported file '\(shown)' is not UTF-8 text", path: location.description)
                }
                var parser = try IDLParser(text: text, file: shown, directory: url.deletingLastPathComponent(), maxDepth: maxDepth)
                let result = try parser.parse(&context)
                return result.protocolHeader == nil ? [] : result.messages
            case "protocol":
                let imported = try AvroProtocol(parsing: data, knownTypes: context.declarations, options: options)
                for type in imported.types { try context.declareAll(in: type, source: shown) }
                return imported.messages
            default:
                let schema = try AvroSchema(parsing: data, knownTypes: context.declarations, options: options)
                try context.declareAll(in: schema, source: shown)
                return []
            }
        } catch let error as AvroError where error.code != .invalidIDL {
            var located = error
            located.message = "in '\(shown)', imported at \(location): \(error.message)"
            throw located
        }
    }
}
