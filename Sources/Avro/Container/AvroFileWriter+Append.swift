import Foundation

extension AvroFileWriter {
    /// Opens the container file at `url` to add values at its end.
    ///
    /// The writer keeps the file's header: its schema text, codec (with the codec's default
    /// settings) and sync marker, so the new blocks belong to the same file.
    ///
    /// ```swift
    /// let writer = try AvroFileWriter<Person>(appendingTo: url)
    /// try writer.append(newPerson)
    /// try writer.close()
    /// ```
    ///
    /// - Parameters:
    ///   - url: An existing container file.
    ///   - schema: The schema of the values to append, which must be the file's schema (the
    ///     two must have the same Parsing Canonical Form); `nil` (the default) writes them with
    ///     the file's schema, matching properties to its fields by name.
    ///   - blockSize: The number of bytes of encoded values per block, before compression.
    ///   - options: How values are encoded (see ``init(url:schema:codec:metadata:blockSize:syncMarker:options:)``).
    /// - Throws: ``AvroError`` with code ``AvroError/Code/incompatibleSchemas`` when `schema`
    ///   is not the file's schema, ``AvroError/Code/invalidFile`` when the header is malformed
    ///   or the file does not end with a complete block, ``AvroError/Code/codec`` when the
    ///   file's codec is unknown, ``AvroError/Code/io`` when the file cannot be opened.
    public convenience init(appendingTo url: URL, schema: AvroSchema? = nil, blockSize: Int = 64_000, options: AvroEncoder.Options = .init()) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forUpdating: url)
        } catch {
            throw AvroError(.io, "could not open \(url.path) for appending: \(error.localizedDescription)")
        }
        let input = AvroFileInput(fileHandle: handle)
        let (header, codec) = try AvroFileHeader.read(from: input, limit: AvroFileReaderOptions().maxBlockSize)
        let schema = schema ?? header.schema
        let fileForm = header.schema.canonicalForm
        let givenForm = schema.canonicalForm
        guard fileForm == givenForm else {
            throw AvroError(.incompatibleSchemas, "cannot append values of the schema \(givenForm) to \(url.path), whose schema is \(fileForm)")
        }
        let headerEnd = input.offset
        guard let size = input.size else {
            throw AvroError(.io, "cannot find the end of \(url.path)")
        }
        // A file that does not end with the sync marker ends with a partial block: blocks
        // appended after it could not be told apart from its garbage.
        if size > headerEnd {
            guard try input.rewind(to: size - AvroFileHeader.syncMarkerSize),
                  try input.readBytes(count: AvroFileHeader.syncMarkerSize) == header.syncMarker else {
                throw AvroError(.invalidFile, "\(url.path) does not end with a complete block (its last bytes are not its sync marker); repair it before appending", offset: size)
            }
        }
        do {
            try handle.seekToEnd()
        } catch {
            throw AvroError(.io, "could not seek to the end of \(url.path): \(error.localizedDescription)")
        }
        try self.init(output: AvroFileOutput(fileHandle: handle, owned: true), header: header, codec: codec,
                      schema: schema, blockSize: blockSize, options: options, writesHeader: false)
    }
}
