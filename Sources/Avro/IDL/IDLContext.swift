import Foundation

/// What the files of one IDL compilation share: the named types declared or imported so far
/// (in order), the files already read, and what can only be checked once every type is
/// known (references, defaults, the errors messages throw).
struct IDLContext {
    /// Where a named type was declared: a place in an IDL file, or a JSON file.
    struct Origin {
        var location: IDLLocation?
        var source: String
    }

    /// Directories searched for an imported file that is not next to the importing one.
    let searchPaths: [URL]
    /// The files read so far (standardized paths): each file is read once.
    var readFiles: Set<String> = []
    /// The named types, flat, in the order they were declared.
    private(set) var table = NamedTypeTable()
    private var origins: [AvroName: Origin] = [:]
    /// Every use of a named type, checked once all are declared.
    var references: [(name: AvroName, location: IDLLocation)] = []
    /// Every default, checked against its type once all types are declared.
    var defaults: [(value: AvroJSON, type: AvroSchema, location: IDLLocation, what: String)] = []
    /// The types messages say they throw, which must be errors.
    var thrown: [(name: AvroName, location: IDLLocation)] = []
    /// Documentation comments no declaration took, and other remarks.
    var warnings: [String] = []

    init(searchPaths: [URL]) {
        self.searchPaths = searchPaths
    }

    /// The named types in the order they were declared, nested ones as references.
    var declarations: [AvroSchema] { table.declarations }

    /// Declares the named type `schema` (whose nested named types are references). The same
    /// type declared again, as two imports of one file do, is kept once; another type of the
    /// same name is an error.
    mutating func declare(_ schema: AvroSchema, at location: IDLLocation?, source: String) throws {
        guard let name = schema.name else { return }
        if let earlier = table.types[name] {
            guard earlier != schema else { return }
            let origin = origins[name]
            let first = origin?.location.map { "at \($0)" } ?? "in \(origin?.source ?? "an imported file")"
            throw AvroError(.invalidIDL, "the type '\(name)' is declared twice, differently (first \(first))",
                            path: location?.description ?? source)
        }
        table.add(schema)
        origins[name] = Origin(location: location, source: source)
    }

    /// Declares every named type of `schema`, read from the JSON file `source`, each with the
    /// types nested in it as references, in the order Java's parser registers them (a record
    /// after the types defined in its fields), which is the order Java lists them in.
    mutating func declareAll(in schema: AvroSchema, source: String) throws {
        for definition in NamedTypeTable.definitionsAsJavaParses(schema) { try declare(definition, at: nil, source: source) }
    }

    /// Checks what had to wait for every type: that each reference names a declared type,
    /// that each thrown type is an error, and that each default fits its type.
    func check() throws {
        for reference in references where table.types[reference.name] == nil {
            throw AvroError(.invalidIDL, "unknown type '\(reference.name)': no record, error, enum or fixed of that full name is declared or imported",
                            path: reference.location.description)
        }
        for thrown in thrown {
            guard case .record(let record)? = table.types[thrown.name]?.kind, record.isError else {
                throw AvroError(.invalidIDL, "'\(thrown.name)' is not an error: a message can only throw types declared with 'error'",
                                path: thrown.location.description)
            }
        }
        let definitions = table.types
        for pending in defaults {
            do {
                _ = try AvroValue(defaultJSON: pending.value, schema: pending.type, definitions: definitions)
            } catch {
                throw AvroError(.invalidIDL, "the default of \(pending.what) does not fit its type: \(error.message)",
                                path: pending.location.description)
            }
        }
    }

    // MARK: - Writing types out

    /// Each named type on its own, with the types it uses defined inside it.
    func standaloneTypes(maxDepth: Int) throws -> [AvroSchema] {
        try table.declarations.map { declaration in
            var written: Set<AvroName> = []
            return try table.materialized(declaration, written: &written, maxDepth: maxDepth)
        }
    }
}
