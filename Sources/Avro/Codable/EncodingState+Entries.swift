/// Opening one entry of a keyed container: a record field, a map key, or a union case.
extension EncodingState {
    /// The schema node of an open entry, and the record field it is, if any.
    struct Entry {
        let node: Int
        let fieldPosition: Int?
        let isUnionCase: Bool
    }

    /// The node of field `name` when it is the next field of record frame `index` in schema
    /// order, the frame is the innermost one open and is still frame `serial`, and no error
    /// waits: the common case, checked before ``openEntry(_:frame:)``. Claims the field.
    @inline(__always)
    func nextFieldInOrder(_ name: String, frame index: Int, serial: Int) -> Int? {
        guard index == frames.count &- 1, !hasDeferredError, fieldNaming == .codingKeys else { return nil }
        let frame = frames[index]
        guard frame.serial == serial, frame.kind == .record, frame.reordering < 0 else { return nil }
        let info = schema.info[frame.node]
        let position = info.first &+ frame.cursor
        guard frame.cursor < info.count, schema.fieldNames[position] == name else { return nil }
        frames[index].cursor = frame.cursor &+ 1
        return schema.fieldTypes[position]
    }

    /// Prepares entry `key` of frame `index` for writing: closes inner frames, claims the
    /// record field, writes the map key, or picks and writes the union branch.
    func openEntry(_ key: String, frame index: Int) throws -> Entry {
        try throwDeferredError()
        if frames.count > index + 1 { try closeFrames(downTo: index + 1) }
        if frames[index].kind == .record {
            let name = fieldNaming == .codingKeys ? key : fieldNaming.fieldName(forKey: key)
            let position = try claimField(named: name, codingKey: key, frame: index)
            // A key the type excludes from its schema (AvroCustomizing.avroExcludedFields): nothing is written.
            if position < 0 { return Entry(node: -1, fieldPosition: nil, isUnionCase: false) }
            return Entry(node: schema.fieldTypes[schema.info[frames[index].node].first + position],
                         fieldPosition: frames[index].reordering < 0 ? nil : position, isUnionCase: false)
        }
        let frame = frames[index]
        switch frame.kind {
        case .record: break
        case .map:
            guard schema.info[frame.node].kind == .map else { break }
            let values = schema.info[frame.node].child
            writer.writeString(key)
            frames[index].count += 1
            setKey(key, frame: index)
            return Entry(node: values, fieldPosition: nil, isUnionCase: false)
        case .unionCase:
            guard frame.count == 0 else {
                throw AvroError(.typeMismatch, "a value of the union \(schema.typeName(of: frame.node)) is one enum case, but a second key '\(key)' was encoded")
            }
            frames[index].count = 1
            setKey(key, frame: index)
            let name = fieldRenames.fieldName(forKey: key, of: frame.swiftType) ?? key
            return Entry(node: try caseBranch(named: name, union: frame.node), fieldPosition: nil, isUnionCase: true)
        case .caseValue:
            // `_0` is the whole branch value unless the branch is a record with such a field
            // (the case records of derived schemas).
            let recordHasKey = schema.record(frame.node)?.indexOfField[key] != nil
            if frame.count == 0 && !recordHasKey && key == "_0" {
                frames[index].count = 1
                return Entry(node: frame.node, fieldPosition: nil, isUnionCase: false)
            }
            frames[index].kind = .record
            return try openEntry(key, frame: index)
        case .array, .discard: break
        }
        throw deferredError ?? AvroError(.typeMismatch, "cannot encode the key '\(key)' in \(schema.typeName(of: max(frame.node, 0)))")
    }

    /// Ends entry `entry` of frame `index`: notes where an out-of-order field ended.
    func closeEntry(_ entry: Entry, frame index: Int) {
        if let position = entry.fieldPosition { finishField(position, frame: index) }
    }

    /// The branch of `union` named by a Swift enum case: the branch type's name or full name
    /// (the case's first letter may be lowercase), or an unnamed type's name (`string`).
    func caseBranch(named key: String, union: Int) throws -> Int {
        let branches = schema.branches(of: union)
        guard let position = branches.firstIndex(where: { schema.caseName(key, names: $0) }) else {
            throw AvroError(.typeMismatch, "the enum case '\(key)' names none of the branches of the union [\(branches.map(schema.typeName(of:)).joined(separator: ", "))]: name each case after its branch (the record, enum or fixed name, or the type name such as 'string' or 'long')")
        }
        writer.writeLong(Int64(position))
        return branches[position]
    }

    /// An encoder for the nested value at entry `key` of frame `index`.
    func nestedEncoder(for key: String, frame index: Int, serial: Int) -> NestedEncoder {
        do {
            try checkOpen(index, serial: serial)
            let entry = try openEntry(key, frame: index)
            return NestedEncoder(state: self, target: entry.node, caseValue: entry.isUnionCase,
                                 parentField: entry.fieldPosition.map { (index, $0) })
        } catch let error as AvroError {
            fail(error.prefixingPath(key))
        } catch {
            fail(AvroError(.typeMismatch, "\(error)", path: key))
        }
        return NestedEncoder(state: self, target: -1, caseValue: false, parentField: nil)
    }

    /// Writes `value` with `write`, or the null branch when it is nil.
    func writeOptional<Value>(_ value: Value?, at node: Int, _ write: (Value, Int) throws -> Void) throws {
        if let value { try write(value, node) } else { try writeNull(at: node) }
    }
}
