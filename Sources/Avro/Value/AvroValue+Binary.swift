import Foundation

extension AvroValue {
    /// Encodes the value in Avro binary as `schema` describes.
    ///
    /// Numbers are converted between `int`, `long`, `float` and `double` when the value fits
    /// exactly; a value for a union that is not ``union(branch:value:)`` takes the first
    /// branch it fits; a record field that is missing takes its default.
    /// - Throws: ``AvroError`` naming the path of the value that does not fit.
    public func encoded(as schema: AvroSchema) throws -> [UInt8] {
        var writer = AvroBinaryWriter()
        try encode(to: &writer, as: schema)
        return writer.bytes
    }

    /// Appends the value's Avro binary encoding to `writer`. On error nothing is appended.
    public func encode(to writer: inout AvroBinaryWriter, as schema: AvroSchema) throws {
        let compiled = try CompiledSchema.cached(schema)
        let start = writer.count
        do {
            try ValueCoder(schema: compiled).encode(self, node: compiled.root, to: &writer, depth: 0)
        } catch {
            writer.truncate(to: start)
            throw error
        }
    }

    /// Decodes one value of `schema` from `bytes`, which must hold exactly that value.
    public init(decoding bytes: some ContiguousBytes, as schema: AvroSchema) throws {
        let compiled = try CompiledSchema.cached(schema)
        self = try bytes.withUnsafeBytes { buffer throws(AvroError) in
            var reader = AvroBinaryReader(buffer)
            let value = try ValueCoder(schema: compiled).decode(node: compiled.root, from: &reader, depth: 0)
            guard reader.isAtEnd else {
                throw AvroError(.trailingData, "\(reader.remaining) bytes remain after the value", offset: reader.offset)
            }
            return value
        }
    }

    /// Decodes one value of `schema` from `reader`, leaving it after the value.
    public static func decode(from reader: inout AvroBinaryReader, as schema: AvroSchema) throws -> AvroValue {
        let compiled = try CompiledSchema.cached(schema)
        return try ValueCoder(schema: compiled).decode(node: compiled.root, from: &reader, depth: 0)
    }

    /// Checks that the value fits `schema`: types, ranges, enum symbols, fixed sizes, union
    /// branches, and every record field present or defaulted.
    public func validate(against schema: AvroSchema) throws {
        var scratch = AvroBinaryWriter()
        try encode(to: &scratch, as: schema)
    }
}

extension AvroSchema {
    /// Skips one value of this schema in `reader` without building it.
    public func skip(in reader: inout AvroBinaryReader) throws {
        let compiled = try CompiledSchema.cached(self)
        try ValueCoder(schema: compiled).skip(node: compiled.root, in: &reader, depth: 0)
    }
}

/// Reads, writes and skips ``AvroValue``s along a ``CompiledSchema``.
struct ValueCoder {
    let schema: CompiledSchema
    /// The deepest nesting read, written or skipped: the Codable decoder passes its own limit,
    /// so that skipping a field it does not ask for obeys it too.
    var maxDepth = AvroNesting.defaultMaxDepth

    // MARK: - Writing

    /// Writes `value` as node `index`. As in reading, each kind of container is written by a
    /// function of its own, never inlined here, so that each level's frame stays small.
    func encode(_ value: AvroValue, node index: Int, to writer: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the value")
        // From the flat node table: copying the schema node costs more than writing most values.
        switch (schema.info[index].kind, value) {
        case (.string, .string(let string)): writer.writeString(string)
        case (.long, .long(let long)): writer.writeLong(long)
        case (.int, .int(let int)): writer.writeInt(int)
        case (.double, .double(let double)): writer.writeDouble(double)
        case (.boolean, .boolean(let bool)): writer.writeBoolean(bool)
        case (.record, .record(let fields)): try encodeRecord(fields, node: index, to: &writer, depth: depth)
        case (.union, _): try encodeUnion(value, node: index, to: &writer, depth: depth)
        case (_, .union):
            // A branch given for a schema that is not a union: its value is what is written.
            try encode(value.unwrapped, node: index, to: &writer, depth: depth)
        case (.array, .array(let elements)): try encodeArray(elements, node: index, to: &writer, depth: depth)
        case (.map, .map(let entries)): try encodeMap(entries, node: index, to: &writer, depth: depth)
        default: try encodeScalar(value, node: index, to: &writer)
        }
    }

    /// The values that nest nothing, in the forms that need a conversion or the schema node.
    @inline(never)
    private func encodeScalar(_ value: AvroValue, node index: Int, to writer: inout AvroBinaryWriter) throws(AvroError) {
        let node = schema[index]
        switch (node.kind, value) {
        case (.null, .null): break
        case (.int, _):
            guard let int = value.exactInteger.flatMap(Int32.init(exactly:)) else { throw mismatch(value, node) }
            writer.writeInt(int)
        case (.long, _):
            guard let long = value.exactInteger else { throw mismatch(value, node) }
            writer.writeLong(long)
        case (.float, .float(let float)): writer.writeFloat(float)
        case (.float, .double(let double)):
            guard let float = Float(exactly: double) ?? (double.isNaN ? Float(nan: 0, signaling: false) : nil) else { throw mismatch(value, node) }
            writer.writeFloat(float)
        case (.float, .int), (.float, .long):
            guard let long = value.exactInteger, let float = Float(exactly: long) else { throw mismatch(value, node) }
            writer.writeFloat(float)
        case (.double, .float(let float)): writer.writeDouble(Double(float))
        case (.double, .int), (.double, .long):
            guard let long = value.exactInteger, let double = Double(exactly: long) else { throw mismatch(value, node) }
            writer.writeDouble(double)
        case (.bytes, .bytes(let bytes)): writer.writeBytes(bytes)
        case (.fixed(let size), .fixed(let bytes)), (.fixed(let size), .bytes(let bytes)):
            guard bytes.count == size else {
                throw AvroError(.typeMismatch, "expected \(size) bytes for the fixed '\(node.typeName)', found \(bytes.count)")
            }
            writer.writeFixed(bytes)
        case (.enumeration(let enumeration), .enumeration(let symbol)), (.enumeration(let enumeration), .string(let symbol)):
            guard let position = enumeration.indexOfSymbol[symbol] else {
                throw AvroError(.invalidEnumSymbol, "'\(symbol)' is not a symbol of the enum '\(node.typeName)' \(enumeration.symbols)")
            }
            writer.writeInt(Int32(position))
        default:
            throw mismatch(value, node)
        }
    }

    @inline(never)
    private func encodeArray(_ elements: [AvroValue], node index: Int, to writer: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        let items = schema.info[index].child
        if !elements.isEmpty {
            writer.writeLong(Int64(elements.count))
            for position in elements.indices {
                do { try encode(elements[position], node: items, to: &writer, depth: depth + 1) } catch { throw error.prefixingPath("[\(position)]") }
            }
        }
        writer.writeLong(0)
    }

    @inline(never)
    private func encodeMap(_ entries: [(key: String, value: AvroValue)], node index: Int, to writer: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        let values = schema.info[index].child
        if !entries.isEmpty {
            writer.writeLong(Int64(entries.count))
            for (key, entry) in entries {
                writer.writeString(key)
                do { try encode(entry, node: values, to: &writer, depth: depth + 1) } catch { throw error.prefixingPath("[\"\(key)\"]") }
            }
        }
        writer.writeLong(0)
    }

    @inline(never)
    private func encodeUnion(_ value: AvroValue, node index: Int, to writer: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        let info = schema.info[index]
        guard case .union(let branch, let inner) = value else {
            return try encodeInFirstFittingBranch(value, node: index, to: &writer, depth: depth)
        }
        guard branch >= 0 && branch < info.count else {
            throw AvroError(.invalidUnionBranch, "expected a union branch 0..<\(info.count), found \(branch)")
        }
        writer.writeLong(Int64(branch))
        try encode(inner, node: schema.branchNodes[info.first &+ branch], to: &writer, depth: depth + 1)
    }

    /// A value for a union that does not say its branch takes the first branch it fits.
    @inline(never)
    private func encodeInFirstFittingBranch(_ value: AvroValue, node index: Int, to writer: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        let info = schema.info[index]
        let branches = schema.branchNodes[info.first..<(info.first &+ info.count)]
        let start = writer.count
        // A branch that fails below its top (at a path) is the one the value meant: its
        // error says more than "fits none". A limit is never a reason to try another branch.
        var innerError: AvroError?
        for (position, branch) in branches.enumerated() {
            writer.writeLong(Int64(position))
            do {
                return try encode(value, node: branch, to: &writer, depth: depth + 1)
            } catch {
                writer.truncate(to: start)
                if error.code == .limitExceeded { throw error }
                if innerError == nil, error.path != nil { innerError = error }
            }
        }
        if let innerError { throw innerError }
        throw AvroError(.typeMismatch, "\(value.kindDescription) fits none of the branches of the union [\(branches.map { schema[$0].typeName }.joined(separator: ", "))]")
    }

    /// A record's fields in schema order, by the flat tables of its node; the schema node is
    /// looked at only for a default or an error.
    @inline(never)
    private func encodeRecord(_ fields: [(name: String, value: AvroValue)], node index: Int,
                              to writer: inout AvroBinaryWriter, depth: Int) throws(AvroError) {
        let info = schema.info[index]
        var used = 0
        for position in 0..<info.count {
            let name = schema.fieldNames[info.first &+ position]
            // Values usually list their fields in schema order: try the same position first.
            let given = position < fields.count && fields[position].name == name
                ? fields[position].value
                : fields.first { $0.name == name }?.value
            if given != nil { used += 1 }
            guard let value = given ?? defaultValue(ofField: position, record: index) else { throw missingField(name, record: index) }
            do { try encode(value, node: schema.fieldTypes[info.first &+ position], to: &writer, depth: depth + 1) } catch { throw error.prefixingPath(name) }
        }
        if used < fields.count { try checkNoExtraField(in: fields, record: index) }
    }

    @inline(never)
    private func missingField(_ name: String, record index: Int) -> AvroError {
        AvroError(.missingField, "the record '\(schema[index].typeName)' has no value for the field '\(name)', which has no default", path: name)
    }

    /// Throws when `fields` has one that record `index` does not.
    @inline(never)
    private func checkNoExtraField(in fields: [(name: String, value: AvroValue)], record index: Int) throws(AvroError) {
        let info = schema.info[index]
        let names = schema.fieldNames[info.first..<(info.first &+ info.count)]
        if let extra = fields.first(where: { !names.contains($0.name) }) {
            throw AvroError(.typeMismatch, "the record '\(schema[index].typeName)' has no field '\(extra.name)'")
        }
    }

    private func defaultValue(ofField position: Int, record index: Int) -> AvroValue? {
        guard case .record(let record) = schema[index].kind else { return nil }
        return record.fields[position].defaultValue
    }

    private func mismatch(_ value: AvroValue, _ node: SchemaNode) -> AvroError {
        AvroError(.typeMismatch, "expected a value of type \(node.typeName), found \(value.kindDescription)")
    }

    // MARK: - Reading

    /// Reads the value of node `index`. Each kind of container is read by a function of its
    /// own, never inlined here: only the frames of the containers a value is nested in are on
    /// the stack, each small, so deep values fit small thread stacks (a debug build otherwise
    /// keeps every case's temporaries in one large frame per level).
    func decode(node index: Int, from reader: inout AvroBinaryReader, depth: Int) throws(AvroError) -> AvroValue {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the data", offset: reader.offset)
        // From the flat node tables: copying the schema node costs more than reading most
        // values. Only an enum's symbols need the node.
        let info = schema.info[index]
        switch info.kind {
        case .array: return try decodeArray(info, from: &reader, depth: depth)
        case .map: return try decodeMap(info, from: &reader, depth: depth)
        case .union: return try decodeUnion(info, from: &reader, depth: depth)
        case .record: return try decodeRecord(info, from: &reader, depth: depth)
        default: return try decodeScalar(node: index, info, from: &reader)
        }
    }

    @inline(never)
    private func decodeScalar(node index: Int, _ info: NodeInfo, from reader: inout AvroBinaryReader) throws(AvroError) -> AvroValue {
        switch info.kind {
        case .null: return .null
        case .boolean: return .boolean(try reader.readBoolean())
        case .int: return .int(try reader.readInt())
        case .long: return .long(try reader.readLong())
        case .float: return .float(try reader.readFloat())
        case .double: return .double(try reader.readDouble())
        case .bytes: return .bytes(try reader.readBytes())
        case .string: return .string(try reader.readString())
        case .fixed: return .fixed(try reader.readFixed(size: info.child))
        case .enumeration:
            let node = schema[index]
            guard case .enumeration(let enumeration) = node.kind else {
                throw AvroError(.invalidSchema, "the node of \(node.typeName) is not an enum", offset: reader.offset)
            }
            let position = try readIndex(in: &reader, count: enumeration.symbols.count, what: "an index of the enum '\(node.typeName)'", code: .invalidEnumSymbol)
            return .enumeration(enumeration.symbols[position])
        case .array, .map, .union, .record:
            throw AvroError(.invalidSchema, "the node is not a scalar", offset: reader.offset)
        }
    }

    @inline(never)
    private func decodeArray(_ info: NodeInfo, from reader: inout AvroBinaryReader, depth: Int) throws(AvroError) -> AvroValue {
        let items = info.child
        var elements: [AvroValue] = []
        let minSize = schema.info[items].minSize
        while true {
            let count = try reader.readBlockCount(minItemSize: minSize)
            if count == 0 { break }
            elements.reserveCapacity(elements.count + min(count, reader.remaining + 1))
            for _ in 0..<count {
                do { elements.append(try decode(node: items, from: &reader, depth: depth + 1)) } catch { throw error.prefixingPath("[\(elements.count)]") }
            }
        }
        return .array(elements)
    }

    @inline(never)
    private func decodeMap(_ info: NodeInfo, from reader: inout AvroBinaryReader, depth: Int) throws(AvroError) -> AvroValue {
        let values = info.child
        var entries: [(key: String, value: AvroValue)] = []
        let minSize = 1 + schema.info[values].minSize
        while true {
            let count = try reader.readBlockCount(minItemSize: minSize)
            if count == 0 { break }
            for _ in 0..<count {
                let key = try reader.readString()
                do { entries.append((key, try decode(node: values, from: &reader, depth: depth + 1))) } catch { throw error.prefixingPath("[\"\(key)\"]") }
            }
        }
        return .map(entries)
    }

    @inline(never)
    private func decodeUnion(_ info: NodeInfo, from reader: inout AvroBinaryReader, depth: Int) throws(AvroError) -> AvroValue {
        let branch = try readIndex(in: &reader, count: info.count, what: "a union branch", code: .invalidUnionBranch)
        return .union(branch: branch, value: try decode(node: schema.branchNodes[info.first &+ branch], from: &reader, depth: depth + 1))
    }

    @inline(never)
    private func decodeRecord(_ info: NodeInfo, from reader: inout AvroBinaryReader, depth: Int) throws(AvroError) -> AvroValue {
        var fields: [(name: String, value: AvroValue)] = []
        fields.reserveCapacity(info.count)
        for field in info.first..<(info.first &+ info.count) {
            let name = schema.fieldNames[field]
            do { fields.append((name, try decode(node: schema.fieldTypes[field], from: &reader, depth: depth + 1))) } catch { throw error.prefixingPath(name) }
        }
        return .record(fields)
    }

    // MARK: - Skipping

    func skip(node index: Int, in reader: inout AvroBinaryReader, depth: Int) throws(AvroError) {
        try AvroNesting.enter(below: depth, maxDepth: maxDepth, "the data", offset: reader.offset)
        // The flat node table, so that skipping copies and retains nothing.
        let info = schema.info[index]
        switch info.kind {
        case .null: break
        case .boolean: _ = try reader.readBoolean()
        case .int: _ = try reader.readInt()
        case .long: _ = try reader.readLong()
        case .float: try reader.skip(count: 4)
        case .double: try reader.skip(count: 8)
        case .bytes, .string: try reader.skipLengthPrefixed()
        case .fixed: try reader.skip(count: info.child)
        case .enumeration: try skipEnumSymbol(node: index, in: &reader)
        case .union:
            let branch = try readIndex(in: &reader, count: info.count, what: "a union branch", code: .invalidUnionBranch)
            try skip(node: schema.branchNodes[info.first &+ branch], in: &reader, depth: depth + 1)
        case .array, .map: try skipCollection(node: index, in: &reader, depth: depth)
        case .record:
            for position in info.first..<(info.first &+ info.count) {
                try skip(node: schema.fieldTypes[position], in: &reader, depth: depth + 1)
            }
        }
    }

    // Kept out of `skip`, never inlined, so that its frame, one per level, stays small.
    @inline(never)
    private func skipEnumSymbol(node index: Int, in reader: inout AvroBinaryReader) throws(AvroError) {
        try readIndex(in: &reader, count: schema.info[index].count, what: "an index of the enum '\(schema[index].typeName)'", code: .invalidEnumSymbol)
    }

    @inline(never)
    private func skipCollection(node index: Int, in reader: inout AvroBinaryReader, depth: Int) throws(AvroError) {
        let info = schema.info[index]
        let child = info.child
        if info.kind == .map {
            try skipBlocks(in: &reader, minItemSize: 1 + schema.info[child].minSize) { reader throws(AvroError) in
                try reader.skipLengthPrefixed()
                try skip(node: child, in: &reader, depth: depth + 1)
            }
        } else {
            try skipBlocks(in: &reader, minItemSize: schema.info[child].minSize) { reader throws(AvroError) in
                try skip(node: child, in: &reader, depth: depth + 1)
            }
        }
    }

    private func skipBlocks(in reader: inout AvroBinaryReader, minItemSize: Int,
                            item: (inout AvroBinaryReader) throws(AvroError) -> Void) throws(AvroError) {
        while true {
            let start = reader.offset
            let header = try reader.readBlockHeader()
            if header.count == 0 { return }
            if let size = header.byteSize {
                try reader.skip(count: size)
            } else {
                try reader.claimItems(header.count, minItemSize: minItemSize, at: start)
                for _ in 0..<header.count { try item(&reader) }
            }
        }
    }

    /// Reads an enum index or union branch and checks it is below `count`.
    @discardableResult
    func readIndex(in reader: inout AvroBinaryReader, count: Int, what: @autoclosure () -> String, code: AvroError.Code) throws(AvroError) -> Int {
        let start = reader.offset
        let index = try reader.readLong()
        guard index >= 0, index < Int64(count) else {
            throw AvroError(code, "expected \(what()) 0..<\(count), found \(index)", offset: start)
        }
        return Int(index)
    }
}

extension AvroValue {
    /// The value as an `Int64` when it is an integer (`int` or `long`).
    var exactInteger: Int64? {
        switch self {
        case .int(let int): Int64(int)
        case .long(let long): long
        default: nil
        }
    }

    /// A short description of the value's kind and content for error messages.
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .boolean(let value): "boolean \(value)"
        case .int(let value): "int \(value)"
        case .long(let value): "long \(value)"
        case .float(let value): "float \(value)"
        case .double(let value): "double \(value)"
        case .bytes(let value): "bytes (\(value.count))"
        case .string(let value): "string \"\(value.prefix(40))\""
        case .fixed(let value): "fixed (\(value.count) bytes)"
        case .enumeration(let symbol): "enum symbol \(symbol)"
        case .array(let values): "array (\(values.count) items)"
        case .map(let entries): "map (\(entries.count) entries)"
        case .record: "record"
        case .union(let branch, let value): "union branch \(branch) (\(value.kindDescription))"
        }
    }
}

extension CompiledSchema {
    /// Moves `reader` past a value of `node`: the common scalars without a call, anything else
    /// with ``ValueCoder/skip(node:in:depth:)``.
    @inline(__always)
    func skipValue(_ node: Int, in reader: inout AvroBinaryReader, depth: Int, maxDepth: Int = AvroNesting.defaultMaxDepth) throws(AvroError) {
        switch info[node].kind {
        case .int: _ = try reader.readInt()
        case .long: _ = try reader.readLong()
        case .string, .bytes: try reader.skipLengthPrefixed()
        case .double: try reader.skip(count: 8)
        default: try ValueCoder(schema: self, maxDepth: maxDepth).skip(node: node, in: &reader, depth: depth)
        }
    }
}
