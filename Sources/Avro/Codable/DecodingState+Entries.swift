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
        guard index == frames.count &- 1, fieldNaming == .codingKeys, frames[index].serial == serial else { return nil }
        return advanceInOrder(to: name, frame: index)
    }

    /// The node of field `name` when it is the next field in schema order of record frame
    /// `index`, not scanned; the frame is moved past the field and the reader is at it.
    @inline(__always)
    private func advanceInOrder(to name: String, frame index: Int) -> Int? {
        let frame = frames[index]
        guard frame.kind == .record, frame.scan < 0 else { return nil }
        let info = schema.info[frame.node]
        let position = info.first &+ frame.cursor
        guard frame.cursor < info.count, schema.fieldNames[position] == name else { return nil }
        if frame.isInPlace && frame.cursor >= frame.sequentialFields { seekInPlace(inPlaceOffsets[frame.cursor]) }
        frames[index].cursor = frame.cursor &+ 1
        return schema.fieldTypes[position]
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
        // The common case first: the next field of a record read in schema order.
        if let node = advanceInOrder(to: key, frame: index) { return Entry(node: node) }
        if frames[index].isInPlace { return try inPlaceEntry(key, frame: index) }
        let frame = frames[index]
        setKey(key, frame: index)
        let info = schema.info[frame.node]
        if info.kind == .record, let record = schema.record(frame.node), frame.kind == .record || (frame.kind == .caseValue && record.indexOfField[key] != nil) {
            if frame.scan < 0 {
                let cursor = frame.cursor
                guard let position = record.indexOfField[key] else { return nil }
                if position >= cursor {
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
        }
        switch (frame.kind, info.kind) {
        case (.caseValue, _):
            guard key == "_0", frame.cursor == 0 else { return nil }
            return Entry(node: frame.node, isWholeValue: true)
        case (.map, .map):
            let values = info.child
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
            let branchNode = schema.branches(of: frame.node)[branch]
            guard schema.caseName(key, names: branchNode) else { return nil }
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
        let info = schema.info[node]
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
            let branch = frame.branch.map { schema.typeName(of: schema.branches(of: frame.node)[$0]) } ?? "?"
            return AvroError(.typeMismatch, "the union's value is of the branch \(branch), which the key '\(key)' does not name (the case of a Swift enum names its union branch)", offset: frame.start)
        case .map:
            return AvroError(.missingField, "the map has no key '\(key)'")
        default:
            return AvroError(.missingField, "the schema of \(schema.typeName(of: frame.node)) has no field '\(key)'")
        }
    }

    /// The names of the fields of record `node`.
    func fieldNames(of node: Int) -> [String] {
        schema.record(node)?.fields.map(\.name) ?? []
    }
}
