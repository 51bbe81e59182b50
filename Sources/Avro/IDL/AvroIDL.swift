import Foundation

/// An Avro IDL file (`.avdl`), read: the protocol it declares, or the schema it stands for,
/// with the named types of both.
///
/// Avro IDL writes schemas and protocols the way code is written:
///
/// ```swift
/// let idl = try AvroIDL(parsing: """
///     namespace com.example;
///     schema Person;
///
///     record Person {
///         string name;
///         int age;
///         string? email = null;
///     }
///     """)
/// let schema = idl.mainSchema    // the Person record, as an .avsc file would give it
/// ```
///
/// The language is that of Apache Avro 1.12: a protocol (`protocol P { … }`) with its types
/// and messages, or a schema file (`namespace`, `schema T;` and named types); records, errors,
/// enums with defaults, fixed, arrays, maps, unions, `T?` (a union with null, null first unless
/// the default is not null), the logical type keywords (`decimal(p,s)`, `date`, `time_ms`,
/// `timestamp_ms`, `local_timestamp_ms`, `uuid`), annotations (`@namespace`, `@aliases`,
/// `@order`, any other as a property, `@logicalType` and its attributes making a logical
/// type), defaults as JSON, backquoted names, documentation comments (`/** … */`), and
/// imports of `.avdl`, `.avpr` and `.avsc` files. Named types may be used before they are
/// declared. The result is what Java's `IdlReader` gives for the same file.
///
/// Errors are ``AvroError``s whose ``AvroError/path`` is the file, line and column
/// (`simple.avdl:12:5`), with code ``AvroError/Code/invalidIDL``; an imported JSON file that is
/// not valid gives that file's error, naming the file and the import.
public struct AvroIDL: Sendable {
    /// The protocol the file declares, or `nil` for a schema file.
    public var avroProtocol: AvroProtocol?
    /// The main schema of a schema file (`schema T;`), with the named types it uses defined
    /// in it, or `nil`.
    public var mainSchema: AvroSchema?
    /// Every named type declared or imported, in order, each standing alone: the types it
    /// uses are defined inside it. `avro idl2schemata` writes one `.avsc` file for each.
    public var namedSchemas: [AvroSchema]
    /// Documentation comments that no declaration took (`file:line:column: …`); Java's reader
    /// warns about the same.
    public var warnings: [String]

    /// Reads the IDL file at `url` and the files it imports.
    ///
    /// - Parameters:
    ///   - url: The `.avdl` file.
    ///   - importPaths: Directories where imported files are looked for when they are not
    ///     next to the importing file (Java looks in its class path).
    ///   - options: The depth limit of schema parsing applies to the IDL's nesting too.
    /// - Throws: ``AvroError`` naming the file, line and column.
    public init(contentsOf url: URL, importPaths: [URL] = [], options: AvroSchema.ParsingOptions = .init()) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw AvroError(.io, "cannot read '\(url.path)': \(error.localizedDescription)")
        }
        try self.init(parsing: data, fileName: url.path, directory: url.deletingLastPathComponent(), importPaths: importPaths, options: options)
    }

    /// Reads IDL text in bytes: UTF-8, or UTF-16 or UTF-32 with a byte order mark (a UTF-8
    /// byte order mark is skipped), as Java's reader takes them.
    ///
    /// - Parameters:
    ///   - data: The IDL's bytes.
    ///   - fileName: The name errors give the text (`input.avdl` unless set).
    ///   - directory: Where the text's imports are looked for first: the current directory
    ///     unless set.
    ///   - importPaths: Directories where imported files are looked for next.
    ///   - options: The depth limit of schema parsing applies to the IDL's nesting too.
    public init(parsing data: Data, fileName: String = "input.avdl", directory: URL? = nil, importPaths: [URL] = [],
                options: AvroSchema.ParsingOptions = .init()) throws {
        guard let text = Self.text(of: data) else {
            throw AvroError(.invalidIDL, "the file is not text in UTF-8 (nor UTF-16 or UTF-32 with a byte order mark)", path: fileName)
        }
        try self.init(parsing: text, fileName: fileName, directory: directory, importPaths: importPaths, options: options)
    }

    /// The text of `data`, decoded as its byte order mark says (UTF-8 without one).
    static func text(of data: Data) -> String? {
        let bytes = [UInt8](data.prefix(4))
        let marks: [([UInt8], String.Encoding)] = [
            ([0x00, 0x00, 0xFE, 0xFF], .utf32BigEndian), ([0xFF, 0xFE, 0x00, 0x00], .utf32LittleEndian),
            ([0xEF, 0xBB, 0xBF], .utf8), ([0xFE, 0xFF], .utf16BigEndian), ([0xFF, 0xFE], .utf16LittleEndian),
        ]
        for (mark, encoding) in marks where bytes.starts(with: mark) {
            return String(data: data.dropFirst(mark.count), encoding: encoding)
        }
        return String(data: data, encoding: .utf8)
    }

    /// Reads IDL text.
    ///
    /// - Parameters:
    ///   - text: The IDL.
    ///   - fileName: The name errors give the text (`input.avdl` unless set).
    ///   - directory: Where the text's imports are looked for first: the current directory
    ///     unless set.
    ///   - importPaths: Directories where imported files are looked for next.
    ///   - options: The depth limit of schema parsing applies to the IDL's nesting too.
    public init(parsing text: String, fileName: String = "input.avdl", directory: URL? = nil, importPaths: [URL] = [],
                options: AvroSchema.ParsingOptions = .init()) throws {
        let directory = directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var context = IDLContext(searchPaths: importPaths)
        context.readFiles.insert(directory.appendingPathComponent((fileName as NSString).lastPathComponent).standardizedFileURL.path)
        var parser = try IDLParser(text: text, file: fileName, directory: directory, maxDepth: options.maxDepth)
        let result = try parser.parse(&context)
        try context.check()
        // The result is read back through the JSON parsers, which check every rule of schemas
        // and protocols once more.
        var checking = options
        checking.allowsUnicodeNames = true
        if let header = result.protocolHeader {
            var written: Set<AvroName> = []
            let types = try context.table.definedInOrder(written: &written, maxDepth: options.maxDepth)
            let declared = AvroProtocol(name: header.name, doc: header.doc, properties: header.properties, types: types, messages: result.messages)
            avroProtocol = try Self.checked(fileName) { try AvroProtocol(json: declared.json, options: checking) }
        }
        if let main = result.mainSchema {
            var written: Set<AvroName> = []
            let schema = try context.table.materialized(main, written: &written, maxDepth: options.maxDepth)
            mainSchema = try Self.checked(fileName) { try AvroSchema(json: schema.json, options: checking) }
        }
        namedSchemas = try context.standaloneTypes(maxDepth: options.maxDepth)
        warnings = context.warnings
    }

    private static func checked<T>(_ fileName: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AvroError {
            var located = error
            located.message = "in what \(fileName) declares: \(error.message)"
            throw located
        }
    }

    /// The JSON the file stands for: the protocol, else the main schema (what `avro idl`
    /// prints), else the named types as a JSON array, each standing alone (as Java's reader
    /// lists the types of a schema file without a main schema).
    public var json: AvroJSON {
        if let avroProtocol { return avroProtocol.json }
        if let mainSchema { return mainSchema.json }
        return .array(namedSchemas.map(\.json))
    }
}
