import Foundation

/// Reads the tokens of one IDL file: a protocol, or a schema file (a namespace, a main schema
/// and named types), declaring its named types in the shared ``IDLContext`` and reading the
/// files it imports as it meets them.
struct IDLParser {
    /// What one file gives besides its named types.
    struct Result {
        /// The protocol's name, doc and properties, for a protocol file.
        var protocolHeader: (name: AvroName, doc: String?, properties: AvroJSON.Object)?
        /// The main schema of a schema file (`schema T;`), named types as references.
        var mainSchema: AvroSchema?
        /// The messages declared or imported, in order.
        var messages: [AvroProtocol.Message] = []
    }

    /// An annotation: `@name(json)`.
    struct Annotation {
        var name: String
        var value: AvroJSON
        var location: IDLLocation
    }

    let tokens: [IDLToken]
    var comments: [IDLDocComment]
    var index = 0
    /// The file's directory, where its imports are looked for first.
    let directory: URL
    /// The directory as errors name it (that of the file's name as given).
    let shownDirectory: String
    let maxDepth: Int
    var depth = 0
    /// The enclosing namespaces: the file's or protocol's, then each record's.
    var namespaces: [String] = [""]
    var result = Result()
    /// What the file says that is ignored or replaced, in the order it was found.
    var warnings: [(location: IDLLocation, text: String)] = []

    /// The attributes that annotations cannot set, by what they annotate: the specification
    /// gives them their own syntax.
    static let schemaAttributes: Set<String> = ["doc", "fields", "items", "name", "namespace", "size", "symbols", "values", "type", "aliases"]
    static let fieldAttributes: Set<String> = ["default", "doc", "name", "order", "type", "aliases"]
    static let messageAttributes: Set<String> = ["doc", "response", "request", "errors", "one-way"]
    static let protocolAttributes: Set<String> = ["namespace", "protocol", "doc", "messages", "types"]
    /// Names that a named type cannot have: the primitive types and the logical type keywords.
    static let reservedTypeNames: Set<String> = ["boolean", "int", "long", "float", "double", "bytes", "string", "null",
                                                         "date", "time_ms", "timestamp_ms", "local_timestamp_ms", "uuid"]

    /// Reads the tokens of `text`, the file named `file` in errors, which lies in `directory`.
    init(text: String, file: String, directory: URL, maxDepth: Int) throws {
        var lexer = IDLLexer(text: text, file: file)
        tokens = try lexer.tokens()
        comments = lexer.comments
        self.directory = directory
        shownDirectory = (file as NSString).deletingLastPathComponent
        self.maxDepth = maxDepth
    }

    /// Parses the whole file.
    mutating func parse(_ context: inout IDLContext) throws -> Result {
        let start = current
        let leading = try annotations()
        if current.isKeyword("protocol") {
            try protocolDeclaration(leading, start: start, &context)
        } else {
            try schemaFile(leading, start: start, &context)
        }
        guard current.kind == .end else { throw unexpected("the end of the file") }
        for comment in comments where !comment.isUsed {
            warn("ignoring a documentation comment that is not before a declaration; did you mean a comment (/* … */)?", at: comment.location)
        }
        let ordered = warnings.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        context.warnings += ordered.map { "\($0.location): \($0.text)" }
        return result
    }

    /// Notes something the file says that is ignored, or that replaces something it said.
    mutating func warn(_ text: String, at location: IDLLocation) {
        warnings.append((location, text))
    }

    // MARK: - Tokens

    var current: IDLToken { tokens[index] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func error(_ message: String, at location: IDLLocation) -> AvroError {
        AvroError(.invalidIDL, message, path: location.description)
    }

    func unexpected(_ expected: String) -> AvroError {
        error("expected \(expected), found \(current.shown)", at: current.location)
    }

    mutating func expect(_ symbol: Character, _ context: String) throws {
        guard current.isSymbol(symbol) else { throw unexpected("'\(symbol)' \(context)") }
        advance()
    }

    mutating func expectKeyword(_ word: String) throws {
        guard current.isKeyword(word) else { throw unexpected("'\(word)'") }
        advance()
    }

    /// An identifier (a keyword is one too, where a name is expected) and where it is.
    mutating func identifier(_ what: String) throws -> (String, IDLLocation) {
        guard case .identifier(let name, _) = current.kind else { throw unexpected(what) }
        let location = current.location
        advance()
        return (name, location)
    }

    mutating func integer(_ what: String) throws -> (Int64, IDLLocation) {
        guard case .integer(let value) = current.kind else { throw unexpected(what) }
        let location = current.location
        advance()
        return (value, location)
    }

    /// The documentation comment written just before `token`, which the declaration that
    /// starts there takes.
    mutating func takeDoc(before token: IDLToken) -> String? {
        guard let index = token.docComment else { return nil }
        comments[index].isUsed = true
        return comments[index].text
    }

    mutating func enter() throws {
        do {
            try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the IDL")
        } catch {
            throw self.error(error.message, at: current.location)
        }
        depth += 1
    }

    var namespace: String { namespaces.last ?? "" }

    // MARK: - Files

    mutating func protocolDeclaration(_ leading: [Annotation], start: IDLToken, _ context: inout IDLContext) throws {
        let doc = takeDoc(before: start)
        try expectKeyword("protocol")
        let (written, location) = try identifier("the protocol's name")
        var properties = AvroJSON.Object()
        var annotatedNamespace: String?
        for annotation in leading {
            if annotation.name == "namespace" {
                annotatedNamespace = try namespaceValue(annotation)
            } else {
                try checkNotReserved(annotation, Self.protocolAttributes, "a protocol")
                properties[annotation.name] = annotation.value
            }
        }
        let name = try definitionName(written, annotatedNamespace: annotatedNamespace, at: location, isType: false)
        namespaces = [name.namespace]
        result.protocolHeader = (name, doc, properties)
        try expect("{", "to open the protocol's body")
        while !current.isSymbol("}") {
            guard current.kind != .end else { throw unexpected("'}' to close the protocol") }
            if current.isKeyword("import") {
                try importStatement(&context)
                continue
            }
            let startToken = current
            let annotations = try annotations()
            if isNamedTypeKeyword {
                try namedTypeDeclaration(annotations, start: startToken, &context)
            } else {
                try messageDeclaration(annotations, start: startToken, &context)
            }
        }
        advance()
    }

    mutating func schemaFile(_ leading: [Annotation], start: IDLToken, _ context: inout IDLContext) throws {
        if !leading.isEmpty {
            // Annotations first: the file starts with a named type, without namespace or schema.
            try namedTypeDeclarationOrError(leading, start: start, &context)
        } else {
            if current.isKeyword("namespace") {
                advance()
                let (written, location) = try identifier("a namespace")
                try checkNamespace(written, at: location)
                namespaces = [written]
                try expect(";", "after the namespace")
            }
            if current.isKeyword("schema") {
                advance()
                result.mainSchema = try fullType(&context).schema(default: nil)
                try expect(";", "after the main schema")
            }
        }
        while current.kind != .end {
            if current.isKeyword("import") {
                try importStatement(&context)
                continue
            }
            let start = current
            try namedTypeDeclarationOrError(try annotations(), start: start, &context)
        }
    }

    /// A named type's declaration, which must come next in a schema file.
    mutating func namedTypeDeclarationOrError(_ annotations: [Annotation], start: IDLToken, _ context: inout IDLContext) throws {
        guard isNamedTypeKeyword else {
            throw unexpected("a declaration (record, error, enum, fixed or import)\(result.mainSchema == nil ? ", or 'namespace' and 'schema' first" : "")")
        }
        try namedTypeDeclaration(annotations, start: start, &context)
    }

    mutating func importStatement(_ context: inout IDLContext) throws {
        advance()
        guard case .identifier(let kind, quoted: false) = current.kind, ["idl", "protocol", "schema"].contains(kind) else {
            throw unexpected("'idl', 'protocol' or 'schema' after 'import'")
        }
        advance()
        guard case .string(let path) = current.kind else { throw unexpected("the imported file's name, as a string") }
        let location = current.location
        advance()
        try expect(";", "after the import")
        let messages = try IDLImport.read(kind: kind, path: path, from: directory, shownAs: shownDirectory, at: location,
                                          maxDepth: maxDepth, context: &context)
        if result.protocolHeader != nil { merge(messages) }
    }

    /// Adds imported messages: a message of a name already present replaces it in place.
    mutating func merge(_ messages: [AvroProtocol.Message]) {
        for message in messages {
            if let existing = result.messages.firstIndex(where: { $0.name == message.name }) {
                result.messages[existing] = message
            } else {
                result.messages.append(message)
            }
        }
    }

    // MARK: - Annotations

    mutating func annotations() throws -> [Annotation] {
        var list: [Annotation] = []
        while current.isSymbol("@") {
            let location = current.location
            advance()
            let (name, _) = try identifier("the annotation's name after '@'")
            try expect("(", "after the annotation's name")
            let value = try jsonValue()
            try expect(")", "to close the annotation")
            if list.contains(where: { $0.name == name }) {
                warn("the annotation '@\(name)' is given again; this value replaces the one before", at: location)
            }
            list.append(Annotation(name: name, value: value, location: location))
        }
        return list
    }

    func checkNotReserved(_ annotation: Annotation, _ reserved: Set<String>, _ what: String) throws {
        if reserved.contains(annotation.name) {
            throw error("'@\(annotation.name)' cannot annotate \(what): '\(annotation.name)' is written with the IDL's own syntax", at: annotation.location)
        }
    }

    func namespaceValue(_ annotation: Annotation) throws -> String {
        guard case .string(let namespace) = annotation.value else {
            throw error("@namespace(…) must hold a string, found \(annotation.value)", at: annotation.location)
        }
        try checkNamespace(namespace, at: annotation.location)
        return namespace
    }

    func aliasesValue(_ annotation: Annotation) throws -> [String] {
        guard case .array(let items) = annotation.value else {
            throw error("@aliases(…) must hold an array of strings, found \(annotation.value)", at: annotation.location)
        }
        return try items.map { item in
            guard case .string(let alias) = item else {
                throw error("@aliases(…) must hold an array of strings, found \(item)", at: annotation.location)
            }
            return alias
        }
    }

    // MARK: - Names

    /// Whether `name` is a valid name: a letter or `_`, then letters, digits and `_` (Unicode
    /// letters and digits allowed, as Java's IDL reader allows them).
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal }
    }

    func checkName(_ name: String, _ what: String, at location: IDLLocation) throws {
        guard Self.isValidName(name) else {
            throw error("invalid \(what) '\(name)': it must start with a letter or '_' and hold only letters, digits and '_'", at: location)
        }
    }

    func checkNamespace(_ namespace: String, at location: IDLLocation) throws {
        guard !namespace.isEmpty else { return }
        for part in namespace.split(separator: ".", omittingEmptySubsequences: false) {
            try checkName(String(part), "namespace '\(namespace)'", at: location)
        }
    }

    /// The full name of a declaration written `written` (which may hold its namespace).
    func definitionName(_ written: String, annotatedNamespace: String?, at location: IDLLocation, isType: Bool) throws -> AvroName {
        let name = written.contains(".") ? AvroName(fullname: written) : AvroName(name: written, namespace: annotatedNamespace ?? namespace)
        try checkName(name.name, isType ? "type name" : "protocol name", at: location)
        try checkNamespace(name.namespace, at: location)
        if isType, Self.reservedTypeNames.contains(name.name) {
            throw error("'\(name.name)' is a built-in type and cannot name a declared type", at: location)
        }
        return name
    }

    // MARK: - Named types

    var isNamedTypeKeyword: Bool {
        ["record", "error", "enum", "fixed"].contains { current.isKeyword($0) }
    }

    mutating func namedTypeDeclaration(_ annotations: [Annotation], start: IDLToken, _ context: inout IDLContext) throws {
        let doc = takeDoc(before: start)
        guard case .identifier(let keyword, _) = current.kind else { throw unexpected("record, error, enum or fixed") }
        advance()
        let (written, location) = try identifier("the \(keyword)'s name")
        var annotatedNamespace: String?
        var aliases: [String] = []
        var attributes = AvroJSON.Object()
        for annotation in annotations {
            switch annotation.name {
            case "namespace": annotatedNamespace = try namespaceValue(annotation)
            case "aliases": aliases = try aliasesValue(annotation)
            default:
                try checkNotReserved(annotation, keyword == "enum" ? Self.schemaAttributes.union(["default"]) : Self.schemaAttributes, "a named type")
                attributes[annotation.name] = annotation.value
            }
        }
        let name = try definitionName(written, annotatedNamespace: annotatedNamespace, at: location, isType: true)
        let aliasNames = aliases.map { AvroName(resolving: $0, in: name.namespace) }
        var schema: AvroSchema
        switch keyword {
        case "enum": schema = try enumBody(name, doc: doc, aliases: aliasNames)
        case "fixed": schema = try fixedBody(name, doc: doc, aliases: aliasNames)
        default: schema = try recordBody(name, isError: keyword == "error", doc: doc, aliases: aliasNames, &context)
        }
        schema.setAttributes(attributes, except: [])
        try context.declare(schema, at: location, source: location.file)
    }

    mutating func enumBody(_ name: AvroName, doc: String?, aliases: [AvroName]) throws -> AvroSchema {
        try expect("{", "to open the enum's symbols")
        var symbols: [String] = []
        while !current.isSymbol("}") {
            if !symbols.isEmpty { try expect(",", "between symbols") }
            // Symbols take no doc and no properties: the schema has nowhere to keep them.
            for annotation in try annotations() {
                warn("ignoring the annotation '@\(annotation.name)' of an enum symbol: symbols have no properties", at: annotation.location)
            }
            let (symbol, location) = try identifier("a symbol")
            try checkName(symbol, "enum symbol", at: location)
            guard !symbols.contains(symbol) else { throw error("the enum '\(name)' has the symbol '\(symbol)' twice", at: location) }
            symbols.append(symbol)
        }
        advance()
        var defaultSymbol: String?
        if current.isSymbol("=") {
            advance()
            let (symbol, location) = try identifier("the default symbol")
            guard symbols.contains(symbol) else { throw error("the default '\(symbol)' is not a symbol of the enum '\(name)'", at: location) }
            defaultSymbol = symbol
            try expect(";", "after the enum's default")
        }
        return AvroSchema(.enumeration(AvroSchema.Enumeration(name: name, symbols: symbols, defaultSymbol: defaultSymbol, doc: doc, aliases: aliases)))
    }

    mutating func fixedBody(_ name: AvroName, doc: String?, aliases: [AvroName]) throws -> AvroSchema {
        try expect("(", "before the fixed's size")
        let (size, location) = try integer("the fixed's size in bytes")
        guard size >= 0, size <= Int64(Int32.max) else { throw error("the size of a fixed must be from 0 to \(Int32.max), found \(size)", at: location) }
        try expect(")", "after the fixed's size")
        try expect(";", "after the fixed")
        return AvroSchema(.fixed(AvroSchema.Fixed(name: name, size: Int(size), doc: doc, aliases: aliases)))
    }

    mutating func recordBody(_ name: AvroName, isError: Bool, doc: String?, aliases: [AvroName], _ context: inout IDLContext) throws -> AvroSchema {
        try expect("{", "to open the record's fields")
        namespaces.append(name.namespace)
        defer { namespaces.removeLast() }
        var fields: [AvroSchema.Field] = []
        while !current.isSymbol("}") {
            guard current.kind != .end else { throw unexpected("'}' to close the record '\(name)'") }
            let fieldDoc = takeDoc(before: current)
            let type = try fullType(&context)
            var isFirst = true
            repeat {
                if !isFirst { advance() }
                isFirst = false
                let (field, location) = try variable(type: type, defaultDoc: fieldDoc, owner: "the record '\(name)'", &context)
                guard !fields.contains(where: { $0.name == field.name }) else {
                    throw error("the record '\(name)' has two fields named '\(field.name)'", at: location)
                }
                fields.append(field)
            } while current.isSymbol(",")
            try expect(";", "after the field")
        }
        advance()
        return AvroSchema(.record(AvroSchema.Record(name: name, fields: fields, doc: doc, aliases: aliases, isError: isError)))
    }

    /// A field or parameter of type `type`: its annotations, name and default.
    mutating func variable(type: IDLType, defaultDoc: String?, owner: String, _ context: inout IDLContext) throws -> (AvroSchema.Field, IDLLocation) {
        let doc = takeDoc(before: current) ?? defaultDoc
        let annotations = try annotations()
        let (name, location) = try identifier("a field name")
        try checkName(name, "field name", at: location)
        var order = AvroSchema.Field.Order.ascending
        var aliases: [String] = []
        var properties = AvroJSON.Object()
        for annotation in annotations {
            switch annotation.name {
            case "order":
                guard case .string(let text) = annotation.value,
                      let parsed = AvroSchema.Field.Order(rawValue: text.lowercased()) else {
                    throw error("@order(…) must hold \"ascending\", \"descending\" or \"ignore\", found \(annotation.value)", at: annotation.location)
                }
                order = parsed
            case "aliases": aliases = try aliasesValue(annotation)
            default:
                try checkNotReserved(annotation, Self.fieldAttributes, "a field")
                properties[annotation.name] = annotation.value
            }
        }
        var defaultValue: AvroJSON?
        if current.isSymbol("=") {
            advance()
            let defaultLocation = current.location
            let value = try jsonValue()
            defaultValue = value
            context.defaults.append((value, type.schema(default: value), defaultLocation, "'\(name)' of \(owner)"))
        }
        let field = AvroSchema.Field(name: name, type: type.schema(default: defaultValue), doc: doc, defaultValue: defaultValue,
                                     order: order, aliases: aliases, properties: properties)
        return (field, location)
    }

    // MARK: - Messages

    mutating func messageDeclaration(_ annotations: [Annotation], start: IDLToken, _ context: inout IDLContext) throws {
        let doc = takeDoc(before: start)
        var properties = AvroJSON.Object()
        for annotation in annotations {
            try checkNotReserved(annotation, Self.messageAttributes, "a message")
            properties[annotation.name] = annotation.value
        }
        let response: AvroSchema
        let responseLocation = current.location
        if current.isKeyword("void") {
            advance()
            response = .null
        } else {
            response = try plainType(&context).schema(default: nil)
        }
        let (name, location) = try identifier("the message's name")
        try checkName(name, "message name", at: location)
        try expect("(", "to open the message's parameters")
        var request: [AvroSchema.Field] = []
        while !current.isSymbol(")") {
            if !request.isEmpty { try expect(",", "between parameters") }
            let parameterDoc = takeDoc(before: current)
            let type = try fullType(&context)
            let (parameter, parameterLocation) = try variable(type: type, defaultDoc: parameterDoc, owner: "the message '\(name)'", &context)
            guard !request.contains(where: { $0.name == parameter.name }) else {
                throw error("the message '\(name)' has two parameters named '\(parameter.name)'", at: parameterLocation)
            }
            request.append(parameter)
        }
        advance()
        var errors: [AvroSchema] = []
        var isOneWay = false
        if current.isKeyword("oneway") {
            advance()
            guard case .null = response.kind else { throw error("the one-way message '\(name)' must return void", at: responseLocation) }
            isOneWay = true
        } else if current.isKeyword("throws") {
            repeat {
                advance()
                let (written, errorLocation) = try identifier("the name of an error type")
                let errorName = AvroName(resolving: written, in: namespace)
                context.references.append((errorName, errorLocation))
                context.thrown.append((errorName, errorLocation))
                errors.append(AvroSchema(.reference(errorName)))
            } while current.isSymbol(",")
        }
        try expect(";", "after the message")
        guard !result.messages.contains(where: { $0.name == name }) else { throw error("the message '\(name)' is declared twice", at: location) }
        result.messages.append(AvroProtocol.Message(name: name, doc: doc, properties: properties, request: request,
                                                    response: response, errors: errors, isOneWay: isOneWay))
    }
}
