/// Finding one entry of a keyed container: a record field, a map key, or a union case.
extension DecodingState {
    /// The schema node of an entry the reader is positioned at.
    struct Entry {
        let node: Int
        var isUnionCase = false
        /// The entry is the whole value of its container (`_0` of an enum case).
        var isWholeValue = false
    }

    /// The node of field `name` when it is the next field of record frame `index` read in
    /// schema order, the frame is the innermost one open and is still frame `serial`: the
    /// common case, checked before ``seekEntry(_:frame:)``. Moves the frame past the field.
    @inline(__always)
    func nextFieldInOrder(_ name: String, frame index: Int, serial: Int) -> Int? {
        guard index == frames.count &- 1, fieldNaming == .codingKeys else { return nil }
        let frame = frames[index]
        guard frame.serial == serial, frame.kind == .record, frame.scan < 0 else { return nil }
        let info = plan.info[frame.node]
        let position = info.first &+ frame.cursor
        guard frame.cursor < info.count, plan.fieldNames[position] == name else { return nil }
        if frame.isInPlace && frame.cursor >= frame.sequentialFields { seekInPlace(inPlaceOffsets[frame.cursor]) }
        frames[index].cursor = frame.cursor &+ 1
        return plan.fieldTypes[position]
    }

    /// Positions the reader at entry `key` of frame `index` and returns its node, or `nil`
    /// when the container has no such entry.
    ///
    /// Record fields asked for in schema order are read in place; a field further on is
    /// reached by skipping; a field asked for after later ones makes the record be scanned
    /// once for the offsets of all its fields.
    func seekEntry(_ codingKey: String, frame index: Int) throws -> Entry? {
        let kind = index < frames.count ? frames[index].kind : nil
        let key = kind == .record || kind == .caseValue || kind == .unionCase ? fieldName(forKey: codingKey, frame: index) : codingKey
        guard index < frames.count else {
            throw AvroError(.unsupported, "a container was used after the value it belongs to was decoded", offset: reader.offset)
        }
        if frames.count > index + 1 { try closeFrames(downTo: index + 1) }
        if frames[index].isInPlace { return try inPlaceEntry(key, frame: index) }
        // The common case first: the next field of a record read in schema order.
        if frames[index].kind == .record && frames[index].scan < 0 {
            let info = plan.info[frames[index].node]
            let cursor = frames[index].cursor
            if cursor < info.count && plan.fieldNames[info.first + cursor] == key {
                frames[index].cursor = cursor + 1
                return Entry(node: plan.fieldTypes[info.first + cursor])
            }
        }
        let frame = frames[index]
        setKey(key, frame: index)
        switch (frame.kind, plan[frame.node].kind) {
        case (let kind, .record(let record)) where kind == .record || (kind == .caseValue && record.indexOfField[key] != nil):
            if frame.scan < 0 {
                let cursor = frame.cursor
                if cursor < record.fields.count && record.fields[cursor].name == key {
                    frames[index].cursor = cursor + 1
                    return Entry(node: record.fields[cursor].type)
                }
                guard let position = record.indexOfField[key] else { return nil }
                if position > cursor {
                    let coder = valueCoder
                    for field in record.fields[cursor..<position] { try coder.skip(node: field.type, in: &reader, depth: depth) }
                    frames[index].cursor = position + 1
                    return Entry(node: record.fields[position].type)
                }
                try scanRecord(frame: index)
            }
            guard let position = record.indexOfField[key], frames[index].scan >= 0 else { return nil }
            reader.seek(to: scans[frames[index].scan].offsets[position])
            return Entry(node: record.fields[position].type)
        case (.caseValue, _):
            guard key == "_0", frame.cursor == 0 else { return nil }
            return Entry(node: frame.node, isWholeValue: true)
        case (.map, .map(let values)):
            guard frame.scan >= 0 else { return nil }
            // Small maps are searched from the end (the last of equal keys wins); larger ones
            // get a table on first use.
            if scans[frame.scan].mapKeys.count <= 8 {
                guard let position = scans[frame.scan].mapKeys.lastIndex(of: key) else { return nil }
                reader.seek(to: scans[frame.scan].offsets[position])
                return Entry(node: values)
            }
            if scans[frame.scan].indexOfKey == nil {
                var table: [String: Int] = [:]
                for (position, mapKey) in scans[frame.scan].mapKeys.enumerated() { table[mapKey] = position }
                scans[frame.scan].indexOfKey = table
            }
            guard let position = scans[frame.scan].indexOfKey?[key] else { return nil }
            reader.seek(to: scans[frame.scan].offsets[position])
            return Entry(node: values)
        case (.unionCase, _):
            guard let branch = frame.branch, frame.cursor == 0 else { return nil }
            let branchNode = plan.branches(of: frame.node)[branch]
            guard Self.caseNames(of: plan[branchNode]).contains(key) else { return nil }
            frames[index].cursor = 1
            return Entry(node: branchNode, isUnionCase: true)
        default:
            return nil
        }
    }

    /// Ends entry `entry` of frame `index`: a whole value read marks where the value ends.
    func closeEntry(_ entry: Entry, frame index: Int) {
        guard entry.isWholeValue, index < frames.count else { return }
        frames[index].cursor = 1
        frames[index].end = reader.offset
    }

    /// Whether entry `key` is null (or absent); a null entry is consumed, any other is left
    /// unread.
    func peekNull(_ key: String, frame index: Int) throws -> Bool {
        let saved = (reader, savedInput, frames[index])
        guard let entry = try seekEntry(key, frame: index) else { return true }
        if try readNullIfPresent(at: entry.node) {
            closeEntry(entry, frame: index)
            return true
        }
        (reader, savedInput, frames[index]) = saved
        return false
    }

    /// Reads a null at `node` if the value there is null (a `null`, or a union's null
    /// branch) and returns `true`; otherwise reads nothing and returns `false`.
    func readNullIfPresent(at node: Int) throws -> Bool {
        let info = plan.info[node]
        switch info.kind {
        case .null: return true
        case .union:
            let null = info.nullBranch
            guard null >= 0 else { return false }
            let start = reader.offset
            if try readBranch(of: node) == null { return true }
            reader.seek(to: start)
            return false
        default: return false
        }
    }

    /// The error for entry `key`, which frame `index` does not have.
    func missingEntry(_ key: String, frame index: Int) -> AvroError {
        let frame = frames[index]
        switch frame.kind {
        case .unionCase:
            let branch = frame.branch.map { plan[plan.branches(of: frame.node)[$0]].typeName } ?? "?"
            return AvroError(.typeMismatch, "the union's value is of the branch \(branch), which the key '\(key)' does not name (the case of a Swift enum names its union branch)", offset: frame.start)
        case .map:
            return AvroError(.missingField, "the map has no key '\(key)'")
        default:
            return AvroError(.missingField, "the schema of \(plan[frame.node].typeName) has no field '\(key)'")
        }
    }

    /// The names of the fields of record `node`.
    func fieldNames(of node: Int) -> [String] {
        guard case .record(let record) = plan[node].kind else { return [] }
        return record.fields.map(\.name)
    }

    /// The Swift enum case names that stand for a union branch: its name, the name with a
    /// lowercase first letter, its full name; or the type name of an unnamed branch.
    static func caseNames(of node: SchemaNode) -> [String] {
        guard let name = node.name else { return [node.typeName] }
        return [name.name.prefix(1).lowercased() + name.name.dropFirst(), name.name, name.fullname]
    }
}
