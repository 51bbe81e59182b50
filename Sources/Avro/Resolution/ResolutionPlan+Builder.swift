/// Compiling a ``ResolutionPlan``: the rules of schema resolution, one writer and reader
/// node pair at a time.
extension ResolutionPlan {
    struct Builder {
        let writer: CompiledSchema
        let reader: CompiledSchema
        var actions: [ResolutionAction] = []
        var recordSteps: [RecordStep] = []
        var reorderedRecords: [ReorderedRecord] = []
        var enumerations: [EnumerationMap] = []
        var branchActions: [Int] = []
        var defaultBytes: [UInt8] = []
        var failureMessages: [String] = []
        var failures: [AvroSchemaCompatibility.Incompatibility] = []
        var indexOfPair: [Pair: Int] = [:]
        /// The records that can be read in place, by writer and reader node.
        var inPlaceRecords: [Pair: InPlaceRecord] = [:]
        /// Whether some timestamp is converted to another unit.
        var convertsTimestamps = false
        /// How many writer unions the pair being resolved is inside: failures there happen
        /// only for data that has the branch.
        private var writerUnionDepth = 0

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
            // A placeholder until the action is made; a recursive type meets it as its own
            // field, which then runs the finished action.
            actions.append(.fail(-1))
            indexOfPair[pair] = index
            actions[index] = action(writer: w, reader: r, path: path)
            return index
        }

        private mutating func fail(_ message: String, _ path: String) -> ResolutionAction {
            failures.append(.init(path: path, message: message, failsOnlyWhenUsed: writerUnionDepth > 0))
            failureMessages.append(path.isEmpty ? message : "\(path): \(message)")
            return .fail(failureMessages.count - 1)
        }

        // Each kind of pair is resolved by a function of its own, never inlined here, so that
        // each level of nesting keeps a small frame and deep schemas fit small stacks.
        private mutating func action(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            switch (writer.info[w].kind, reader.info[r].kind) {
            case (.union, _): writerUnionAction(writer: w, reader: r, path: path)
            case (_, .union): readerUnionAction(writer: w, reader: r, path: path)
            case (.array, .array), (.map, .map): collectionAction(writer: w, reader: r, path: path)
            case (.record, .record): recordAction(writer: w, reader: r, path: path)
            default: leafAction(writer: w, reader: r, path: path)
            }
        }

        @inline(never)
        private mutating func writerUnionAction(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            guard case .union(let writerBranches) = writer[w].kind else { return leafAction(writer: w, reader: r, path: path) }
            // Each branch the writer may have written is resolved against the reader;
            // a branch that cannot be read fails only if it occurs.
            writerUnionDepth += 1
            let branches = writerBranches.map { branch in
                resolve(writer: branch, reader: r, path: path + "<\(writer[branch].typeName)>")
            }
            writerUnionDepth -= 1
            // Each branch read as the reader's branch of the same index, as written: the
            // writer's bytes are the reader's.
            let readAsWritten = !branches.isEmpty && branches.enumerated().allSatisfy { position, action in
                if case .readerUnion(position, let inner) = actions[action], case .copy = actions[inner] { true } else { false }
            }
            if readAsWritten { return .copy(w) }
            branchActions += branches
            return .writerUnion(branches: (branchActions.count - branches.count)..<branchActions.count)
        }

        @inline(never)
        private mutating func readerUnionAction(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            let writerNode = writer[w]
            guard case .union(let readerBranches) = reader[r].kind else { return leafAction(writer: w, reader: r, path: path) }
            guard let position = Self.readerBranch(for: writerNode, among: readerBranches.map { reader[$0] }) else {
                return fail("the writer's \(writerNode.typeName) matches none of the reader's union branches [\(readerBranches.map { reader[$0].typeName }.joined(separator: ", "))]", path)
            }
            return .readerUnion(branch: position, resolve(writer: w, reader: readerBranches[position], path: path))
        }

        /// An array or map whose items are read as written is itself read as written.
        @inline(never)
        private mutating func collectionAction(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            switch (writer[w].kind, reader[r].kind) {
            case (.array(let writerItems), .array(let readerItems)):
                let items = resolve(writer: writerItems, reader: readerItems, path: path + "[]")
                if case .copy = actions[items] { return .copy(w) }
                return .array(items, writerItems: writerItems)
            case (.map(let writerValues), .map(let readerValues)):
                let values = resolve(writer: writerValues, reader: readerValues, path: path + "[]")
                if case .copy = actions[values] { return .copy(w) }
                return .map(values, writerValues: writerValues)
            default:
                return leafAction(writer: w, reader: r, path: path)
            }
        }

        @inline(never)
        private mutating func recordAction(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            let writerNode = writer[w]
            let readerNode = reader[r]
            guard case .record(let writerRecord) = writerNode.kind, case .record(let readerRecord) = readerNode.kind else {
                return leafAction(writer: w, reader: r, path: path)
            }
            // The roots are the writer's value and the reader's type, whatever their names
            // (a reader type `PersonV2` reads data written as `Person`), as Java's resolver
            // reads them; nested records still match by name or alias.
            let isRoot = w == writer.root && r == reader.root
            guard isRoot || Self.namesMatch(writerNode, readerNode) else { return fail(nameMismatch(writerNode, readerNode), path) }
            return record(writer: w, reader: r, writerRecord, readerRecord, readerName: readerNode.typeName, path: path)
        }

        /// The pairs whose writer nests nothing to resolve.
        @inline(never)
        private mutating func leafAction(writer w: Int, reader r: Int, path: String) -> ResolutionAction {
            let writerNode = writer[w]
            let readerNode = reader[r]
            switch (writerNode.kind, readerNode.kind) {
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
                    failures.append(.init(path: path, message: "the writer's enum symbol '\(symbol)' is not a symbol of the reader's \(readerNode.typeName), which has no default",
                                          failsOnlyWhenUsed: true))
                }
                // Every writer symbol at the reader's index of it: the writer's bytes are the reader's.
                if map.enumerated().allSatisfy({ $0.offset == $0.element }) { return .copy(w) }
                enumerations.append(EnumerationMap(map: map, symbols: writerEnum.symbols, typeName: readerNode.typeName))
                return .enumeration(enumerations.count - 1)
            default:
                return fail("the writer's \(writerNode.typeName) cannot be read as the reader's \(readerNode.typeName)", path)
            }
        }

        /// Records: fields paired by name or reader alias, in any order; writer-only fields
        /// skipped; reader-only fields from their defaults.
        private mutating func record(writer w: Int, reader r: Int, _ writerRecord: RecordNode, _ readerRecord: RecordNode, readerName: String, path: String) -> ResolutionAction {
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
            var fields: [ReorderedRecord.WriterField] = []
            for field in writerRecord.fields {
                if let position = readerPositionOfName[field.name], !matched[position],
                   field.name == readerRecord.fields[position].name || !writerNames.contains(readerRecord.fields[position].name) {
                    matched[position] = true
                    let fieldPath = path.isEmpty ? readerRecord.fields[position].name : path + "." + readerRecord.fields[position].name
                    fields.append(.init(readerPosition: position, action: resolve(writer: field.type, reader: readerRecord.fields[position].type, path: fieldPath)))
                } else {
                    actions.append(.skip(field.type))
                    fields.append(.init(readerPosition: nil, action: actions.count - 1))
                }
            }
            var defaults: [Range<Int>?] = Array(repeating: nil, count: readerRecord.fields.count)
            var missing: ResolutionAction?
            for (position, field) in readerRecord.fields.enumerated() where !matched[position] {
                guard let bytes = field.encodedDefault else {
                    missing = fail("the reader's field '\(field.name)' of \(readerName) is not in the writer's schema and has no default", path.isEmpty ? field.name : path + "." + field.name)
                    continue
                }
                defaultBytes += bytes
                defaults[position] = (defaultBytes.count - bytes.count)..<defaultBytes.count
            }
            if let missing { return missing }
            inPlaceRecords[Pair(writer: w, reader: r)] = inPlace(fields, writerRecord, defaults: defaults)
            let positions = fields.compactMap(\.readerPosition)
            guard zip(positions, positions.dropFirst()).allSatisfy({ $0 < $1 }) else {
                reorderedRecords.append(ReorderedRecord(fields: fields, defaults: defaults))
                return .reorderedRecord(reorderedRecords.count - 1)
            }
            return inOrderRecord(writer: w, fields, defaults: defaults)
        }

        /// A record whose writer fields come in the reader's order: its steps, reader-only
        /// fields' defaults in the gaps. A record that reads as it was written is one copy.
        private mutating func inOrderRecord(writer w: Int, _ fields: [ReorderedRecord.WriterField], defaults: [Range<Int>?]) -> ResolutionAction {
            var steps: [RecordStep] = []
            var next = 0
            func insertDefaults(upTo end: Int) {
                while next < end {
                    if let range = defaults[next] { steps.append(.insertDefault(range)) }
                    next += 1
                }
            }
            for field in fields {
                if let position = field.readerPosition {
                    insertDefaults(upTo: position)
                    next = position + 1
                }
                switch actions[field.action] {
                case .copy(let node): steps.append(.copy(writerNode: node))
                case .skip(let node): steps.append(.skip(writerNode: node))
                case .readerUnion(let branch, let action):
                    if case .copy(let node) = actions[action] {
                        steps += [.unionBranch(branch), .copy(writerNode: node)]
                    } else {
                        steps.append(.run(action: field.action))
                    }
                default: steps.append(.run(action: field.action))
                }
            }
            insertDefaults(upTo: defaults.count)
            if steps.allSatisfy({ if case .copy = $0 { true } else { false } }) { return .copy(w) }
            recordSteps += steps
            return .record(steps: (recordSteps.count - steps.count)..<recordSteps.count)
        }

        /// How the record is read in place, when every writer field is read as written or
        /// skipped (in any order); `nil` when some field needs transcoding.
        private func inPlace(_ fields: [ReorderedRecord.WriterField], _ writerRecord: RecordNode, defaults: [Range<Int>?]) -> InPlaceRecord? {
            for field in fields {
                switch actions[field.action] {
                case .copy, .skip: continue
                default: return nil
                }
            }
            return InPlaceRecord(writerNodes: writerRecord.fields.map(\.type), readerPositions: fields.map { $0.readerPosition ?? -1 },
                                 defaults: defaults.map { $0.map { Array(defaultBytes[$0]) } })
        }

        /// Decimals match only with the same precision and scale. Timestamps of
        /// one family in different units (`timestamp-micros` written, `timestamp-millis`
        /// read; the `local-timestamp-*` family among themselves), and a `date` read as a
        /// timestamp, are converted to the reader's unit, so that the same instant is read:
        /// the specification resolves them as plain numbers, which reads a count of
        /// microseconds as one of milliseconds, 1000 times too large. Other logical types are
        /// read as their underlying types.
        private mutating func logicalTypesAgree(_ writerNode: SchemaNode, _ readerNode: SchemaNode, _ path: String) -> ResolutionAction? {
            if let writerUnit = TimestampUnit(writerNode.logicalType), let readerUnit = TimestampUnit(readerNode.logicalType), writerUnit.converts(to: readerUnit) {
                convertsTimestamps = true
                return .convertTimestamp(from: writerUnit.unitsPerDay, to: readerUnit.unitsPerDay)
            }
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
        /// name among its aliases.
        static func namesMatch(_ writerNode: SchemaNode, _ readerNode: SchemaNode) -> Bool {
            guard let writerName = writerNode.name, let readerName = readerNode.name else { return true }
            return writerName.name == readerName.name || readerNode.aliases.contains(writerName)
        }

        /// The reader branch a non-union writer type is read as, in Java's three passes: the
        /// same type (named types: same name), then any record, enum or fixed
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
