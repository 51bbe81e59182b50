/// How data written with one schema (the writer's) is read as another (the reader's):
/// every rule of the specification's "Schema Resolution" (checklist section H), compiled
/// once into actions, one per pair of writer and reader types.
///
/// The plan turns writer bytes into reader bytes (``transcode(from:to:)``), which the
/// ordinary decoders then read, so the Codable decoder and ``AvroValue`` share one
/// implementation of the rules; the compatibility checker lists the plan's failures.
final class ResolutionPlan: Sendable {
    let writer: CompiledSchema
    let reader: CompiledSchema
    let actions: [ResolutionAction]
    let root: Int
    /// Every way reading can fail, with where: what the compatibility checker reports.
    let failures: [AvroSchemaCompatibility.Incompatibility]
    /// Whether writer and reader bytes are the same (equal canonical forms, and no decimal
    /// whose precision or scale differs): then no resolution is needed at all.
    let isIdentity: Bool

    init(writer: CompiledSchema, reader: CompiledSchema) {
        var builder = Builder(writer: writer, reader: reader)
        root = builder.resolve(writer: writer.root, reader: reader.root, path: "")
        self.writer = writer
        self.reader = reader
        actions = builder.actions
        failures = builder.failures
        isIdentity = failures.isEmpty && writer.canonicalForm == reader.canonicalForm
    }

    private struct Builder {
        let writer: CompiledSchema
        let reader: CompiledSchema
        var actions: [ResolutionAction] = []
        var failures: [AvroSchemaCompatibility.Incompatibility] = []
        var indexOfPair: [Pair: Int] = [:]

        struct Pair: Hashable {
            let writer: Int
            let reader: Int
        }

        init(writer: CompiledSchema, reader: CompiledSchema) {
            self.writer = writer
            self.reader = reader
        }

        /// The action that reads writer node `w` as reader node `r`.
        mutating func resolve(writer w: Int, reader r: Int, path: String) -> Int {
            let pair = Pair(writer: w, reader: r)
            if let index = indexOfPair[pair] { return index }
            let index = actions.count
            actions.append(.fail(""))
            indexOfPair[pair] = index
            actions[index] = action(writer: w, reader: r, path: path)
            return index
        }

        private mutating func fail(_ message: String, _ path: String) -> ResolutionAction {
            failures.append(.init(path: path, message: message))
            return .fail(path.isEmpty ? message : "\(path): \(message)")
        }

        private mutating func action(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            let writerNode = writer[w]
            let readerNode = reader[r]
            switch (writerNode.kind, readerNode.kind) {
            case (.union(let writerBranches), _):
                // Each branch the writer may have written is resolved against the reader;
                // a branch that cannot be read fails only if it occurs (item 91).
                return .writerUnion(writerBranches.enumerated().map { position, branch in
                    resolve(writer: branch, reader: r, path: path + "<\(writer[branch].typeName)>")
                })
            case (_, .union(let readerBranches)):
                guard let position = Self.readerBranch(for: writerNode, among: readerBranches.map { reader[$0] }) else {
                    return fail("the writer's \(writerNode.typeName) matches none of the reader's union branches [\(readerBranches.map { reader[$0].typeName }.joined(separator: ", "))]", path)
                }
                return .readerUnion(branch: position, resolve(writer: w, reader: readerBranches[position], path: path))
            case (.null, .null), (.boolean, .boolean), (.int, .int), (.long, .long), (.float, .float), (.double, .double),
                 (.bytes, .bytes), (.string, .string), (.int, .long), (.string, .bytes):
                return logicalTypesAgree(writerNode, readerNode, path) ?? .copy(w)
            case (.int, .float), (.int, .double), (.long, .float), (.long, .double), (.float, .double), (.bytes, .string):
                return .promote(w, r)
            case (.fixed(let writerSize), .fixed(let readerSize)):
                guard Self.namesMatch(writerNode, readerNode) else { return fail(nameMismatch(writerNode, readerNode), path) }
                guard writerSize == readerSize else {
                    return fail("the writer's fixed \(writerNode.typeName) has \(writerSize) bytes, the reader's \(readerSize)", path)
                }
                return logicalTypesAgree(writerNode, readerNode, path) ?? .copy(w)
            case (.enumeration(let writerEnum), .enumeration(let readerEnum)):
                guard Self.namesMatch(writerNode, readerNode) else { return fail(nameMismatch(writerNode, readerNode), path) }
                let fallback = readerEnum.defaultSymbol.flatMap { readerEnum.indexOfSymbol[$0] }
                let map = writerEnum.symbols.map { readerEnum.indexOfSymbol[$0] ?? fallback }
                for (symbol, target) in zip(writerEnum.symbols, map) where target == nil {
                    failures.append(.init(path: path, message: "the writer's enum symbol '\(symbol)' is not a symbol of the reader's \(readerNode.typeName), which has no default"))
                }
                return .enumeration(map: map, symbols: writerEnum.symbols, typeName: readerNode.typeName)
            case (.array(let writerItems), .array(let readerItems)):
                return .array(resolve(writer: writerItems, reader: readerItems, path: path + "[]"), writerItems: writerItems)
            case (.map(let writerValues), .map(let readerValues)):
                return .map(resolve(writer: writerValues, reader: readerValues, path: path + "[]"), writerValues: writerValues)
            case (.record(let writerRecord), .record(let readerRecord)):
                guard Self.namesMatch(writerNode, readerNode) else { return fail(nameMismatch(writerNode, readerNode), path) }
                return record(writerRecord, readerRecord, readerName: readerNode.typeName, path: path)
            default:
                return fail("the writer's \(writerNode.typeName) cannot be read as the reader's \(readerNode.typeName)", path)
            }
        }

        /// Records: fields paired by name or reader alias, in any order; writer-only fields
        /// skipped; reader-only fields from their defaults (item 86).
        private mutating func record(_ writerRecord: RecordNode, _ readerRecord: RecordNode, readerName: String, path: String) -> ResolutionAction {
            var readerPositionOfName: [String: Int] = [:]
            for (position, field) in readerRecord.fields.enumerated() {
                readerPositionOfName[field.name] = position
                for alias in field.aliases where readerPositionOfName[alias] == nil {
                    readerPositionOfName[alias] = position
                }
            }
            // A writer field of the reader field's own name wins over one of its aliases.
            let writerNames = Set(writerRecord.fields.map(\.name))
            var matched = Array(repeating: false, count: readerRecord.fields.count)
            var writerFields: [ResolutionAction.WriterField] = []
            for field in writerRecord.fields {
                if let position = readerPositionOfName[field.name], !matched[position],
                   field.name == readerRecord.fields[position].name || !writerNames.contains(readerRecord.fields[position].name) {
                    matched[position] = true
                    let fieldPath = path.isEmpty ? readerRecord.fields[position].name : path + "." + readerRecord.fields[position].name
                    writerFields.append(.init(readerPosition: position, action: resolve(writer: field.type, reader: readerRecord.fields[position].type, path: fieldPath)))
                } else {
                    writerFields.append(.init(readerPosition: nil, action: skipAction(field.type)))
                }
            }
            var defaults: [[UInt8]?] = Array(repeating: nil, count: readerRecord.fields.count)
            var missing: ResolutionAction?
            for (position, field) in readerRecord.fields.enumerated() where !matched[position] {
                guard let bytes = field.encodedDefault else {
                    missing = fail("the reader's field '\(field.name)' of \(readerName) is not in the writer's schema and has no default", path.isEmpty ? field.name : path + "." + field.name)
                    continue
                }
                defaults[position] = bytes
            }
            if let missing { return missing }
            return .record(fields: writerFields, defaults: defaults, inOrder: Self.isInOrder(writerFields, readerCount: readerRecord.fields.count))
        }

            /// Whether the writer's fields come in the reader's order (then the output needs no
        /// reordering: reader-only fields are filled in from their defaults in the gaps).
        private static func isInOrder(_ fields: [ResolutionAction.WriterField], readerCount: Int) -> Bool {
            let positions = fields.compactMap(\.readerPosition)
            return zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }
        }

        private mutating func skipAction(_ writerNode: Int) -> Int {
            actions.append(.skip(writerNode))
            return actions.count - 1
        }

        /// Decimals match only with the same precision and scale (item 39); other logical
        /// types are read as their underlying types.
        private mutating func logicalTypesAgree(_ writerNode: SchemaNode, _ readerNode: SchemaNode, _ path: String) -> ResolutionAction? {
            if case .decimal(let writerPrecision, let writerScale)? = writerNode.logicalType,
               case .decimal(let readerPrecision, let readerScale)? = readerNode.logicalType,
               writerPrecision != readerPrecision || writerScale != readerScale {
                return fail("the writer's decimal(\(writerPrecision),\(writerScale)) and the reader's decimal(\(readerPrecision),\(readerScale)) differ in precision or scale", path)
            }
            return nil
        }

        private func nameMismatch(_ writerNode: SchemaNode, _ readerNode: SchemaNode) -> String {
            "the writer's \(writerNode.typeName) and the reader's \(readerNode.typeName) have different names (add the writer's name to the reader's aliases)"
        }

        /// Named types match by unqualified name, or when the reader lists the writer's full
        /// name among its aliases (items 33, 84).
        static func namesMatch(_ writerNode: SchemaNode, _ readerNode: SchemaNode) -> Bool {
            guard let writerName = writerNode.name, let readerName = readerNode.name else { return true }
            return writerName.name == readerName.name || readerNode.aliases.contains(writerName)
        }

        /// The reader branch a non-union writer type is read as, in Java's three passes
        /// (item 90): the same type (named types: same name), then any record, enum or fixed
        /// of the same kind, then the first promotion.
        static func readerBranch(for writerNode: SchemaNode, among branches: [SchemaNode]) -> Int? {
            if let exact = branches.firstIndex(where: { sameKind(writerNode, $0) && namesMatch(writerNode, $0) && (writerNode.name == nil || $0.name != nil) }) {
                return exact
            }
            if let structural = branches.firstIndex(where: { sameKind(writerNode, $0) && writerNode.name != nil }) { return structural }
            return branches.firstIndex { promotes(writerNode, to: $0) }
        }

        static func sameKind(_ a: SchemaNode, _ b: SchemaNode) -> Bool {
            switch (a.kind, b.kind) {
            case (.null, .null), (.boolean, .boolean), (.int, .int), (.long, .long), (.float, .float), (.double, .double),
                 (.bytes, .bytes), (.string, .string), (.fixed, .fixed), (.enumeration, .enumeration), (.array, .array),
                 (.map, .map), (.record, .record): true
            default: false
            }
        }

        static func promotes(_ writerNode: SchemaNode, to readerNode: SchemaNode) -> Bool {
            switch (writerNode.kind, readerNode.kind) {
            case (.int, .long), (.int, .float), (.int, .double), (.long, .float), (.long, .double), (.float, .double),
                 (.string, .bytes), (.bytes, .string): true
            default: false
            }
        }
    }
}

/// One step of a ``ResolutionPlan``.
enum ResolutionAction: Sendable {
    /// The same type on both sides: the writer's bytes are the reader's.
    case copy(Int)
    /// A writer value that the reader does not have: skipped.
    case skip(Int)
    /// A promotion (item 85): writer node to reader node.
    case promote(Int, Int)
    /// A record: each writer field read into its reader field (or skipped); reader fields the
    /// writer lacks from their encoded defaults. `inOrder`: the writer's fields come in the
    /// reader's order, so the output is written straight, defaults in the gaps.
    case record(fields: [WriterField], defaults: [[UInt8]?], inOrder: Bool)
    /// An enum: the reader's index of each writer symbol (the reader's default for unknown
    /// ones), `nil` when it has none.
    case enumeration(map: [Int?], symbols: [String], typeName: String)
    /// An array: how to read each item, and the writer's item node.
    case array(Int, writerItems: Int)
    /// A map: how to read each value, and the writer's value node.
    case map(Int, writerValues: Int)
    /// The writer wrote a union: the action for each of its branches.
    case writerUnion([Int])
    /// The reader has a union, the writer not: the reader's branch and how to read it.
    case readerUnion(branch: Int, Int)
    /// Data that cannot be read; fails only when it occurs.
    case fail(String)

    struct WriterField: Sendable {
        let readerPosition: Int?
        let action: Int
    }
}
