import Foundation

/// The Avro JSON encoding: values as JSON, with unions wrapped as
/// `{"type": value}` (bare `null`), bytes and fixed as strings of the characters
/// U+0000–U+00FF, enums as their symbols, and non-finite floats as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` (as Java writes them).
extension AvroValue {
    /// The value in the Avro JSON encoding of `schema`.
    ///
    /// A union branch is named by its full name for records, enums and fixed (as Java and
    /// fastavro write it), else by its type name (`"string"`, `"array"`).
    public func avroJSON(as schema: AvroSchema) throws -> AvroJSON {
        let compiled = try CompiledSchema.cached(schema)
        return try JSONValueCoder(schema: compiled).json(self, node: compiled.root, depth: 0)
    }

    /// The value as Avro JSON text.
    public func avroJSONString(as schema: AvroSchema, pretty: Bool = false) throws -> String {
        try avroJSON(as: schema).serialized(pretty: pretty)
    }

    /// Reads a value of `schema` from the Avro JSON encoding. Union branches may be named by
    /// full or short name; record fields may come in any order, and missing ones take their
    /// defaults.
    public init(avroJSON json: AvroJSON, as schema: AvroSchema) throws {
        let compiled = try CompiledSchema.cached(schema)
        self = try JSONValueCoder(schema: compiled).value(json, node: compiled.root, depth: 0)
    }

    /// Reads a value of `schema` from Avro JSON text.
    public init(avroJSONString text: String, as schema: AvroSchema) throws {
        try self.init(avroJSON: AvroJSON(parsing: text), as: schema)
    }
}

/// Converts between ``AvroValue`` and the Avro JSON encoding along a ``CompiledSchema``.
struct JSONValueCoder {
    let schema: CompiledSchema

    // MARK: - Writing

    // Each kind of container is converted by a function of its own, never inlined into the
    // dispatch, so that each level's frame stays small and deep values fit small stacks.

    func json(_ value: AvroValue, node index: Int, depth: Int) throws(AvroError) -> AvroJSON {
        try AvroNesting.enter(below: depth, maxDepth: AvroNesting.defaultMaxDepth, "the value")
        switch schema.info[index].kind {
        case .union: return try unionJSON(value, node: index, depth: depth)
        case .array: return try arrayJSON(value, node: index, depth: depth)
        case .map: return try mapJSON(value, node: index, depth: depth)
        case .record: return try recordJSON(value, node: index, depth: depth)
        default: return try scalarJSON(value, node: index)
        }
    }

    @inline(never)
    private func unionJSON(_ value: AvroValue, node index: Int, depth: Int) throws(AvroError) -> AvroJSON {
        guard case .union(let branches) = schema[index].kind else { throw mismatch(value, schema[index]) }
        let (branch, inner) = try unionBranch(of: value, branches: branches)
        let branchNode = schema[branches[branch]]
        if case .null = branchNode.kind { return .null }
        return .object(AvroJSON.Object([(branchNode.name?.fullname ?? branchNode.typeName, try json(inner, node: branches[branch], depth: depth + 1))]))
    }

    @inline(never)
    private func arrayJSON(_ value: AvroValue, node index: Int, depth: Int) throws(AvroError) -> AvroJSON {
        guard case .array(let values) = value.unwrapped else { throw mismatch(value, schema[index]) }
        let items = schema.info[index].child
        var elements: [AvroJSON] = []
        for position in values.indices {
            do { elements.append(try json(values[position], node: items, depth: depth + 1)) } catch { throw error.prefixingPath("[\(position)]") }
        }
        return .array(elements)
    }

    @inline(never)
    private func mapJSON(_ value: AvroValue, node index: Int, depth: Int) throws(AvroError) -> AvroJSON {
        guard case .map(let entries) = value.unwrapped else { throw mismatch(value, schema[index]) }
        let values = schema.info[index].child
        var object = AvroJSON.Object()
        for (key, entry) in entries {
            do { object[key] = try json(entry, node: values, depth: depth + 1) } catch { throw error.prefixingPath("[\"\(key)\"]") }
        }
        return .object(object)
    }

    @inline(never)
    private func recordJSON(_ value: AvroValue, node index: Int, depth: Int) throws(AvroError) -> AvroJSON {
        guard case .record(let record) = schema[index].kind, case .record(let fields) = value.unwrapped else { throw mismatch(value, schema[index]) }
        var object = AvroJSON.Object()
        for field in record.fields {
            guard let fieldValue = fields.first(where: { $0.name == field.name })?.value ?? field.defaultValue else {
                throw missingField(field.name, record: index)
            }
            do { object[field.name] = try json(fieldValue, node: field.type, depth: depth + 1) } catch { throw error.prefixingPath(field.name) }
        }
        return .object(object)
    }

    @inline(never)
    private func missingField(_ name: String, record index: Int) -> AvroError {
        AvroError(.missingField, "the record \(schema[index].typeName) has no value for the field '\(name)'", path: name)
    }

    /// The values that nest nothing.
    @inline(never)
    private func scalarJSON(_ value: AvroValue, node index: Int) throws(AvroError) -> AvroJSON {
        let node = schema[index]
        switch (node.kind, value.unwrapped) {
        case (.null, .null): return .null
        case (.boolean, .boolean(let bool)): return .bool(bool)
        case (.int, let number), (.long, let number):
            guard let integer = number.exactInteger else { throw mismatch(value, node) }
            return .integer(integer)
        case (.float, .float(let float)): return Self.number(Double(float.description) ?? Double(float), isFinite: float.isFinite)
        case (.double, .double(let double)): return Self.number(double, isFinite: double.isFinite)
        case (.float, let other), (.double, let other):
            guard let integer = other.exactInteger else { throw mismatch(value, node) }
            return .double(Double(integer))
        case (.bytes, .bytes(let bytes)), (.fixed, .fixed(let bytes)), (.fixed, .bytes(let bytes)):
            return .string(AvroValue.latin1String(bytes))
        case (.string, .string(let text)), (.enumeration, .enumeration(let text)), (.enumeration, .string(let text)):
            return .string(text)
        default:
            throw mismatch(value, node)
        }
    }

    /// The union branch a value takes: its explicit branch, or the first it fits.
    private func unionBranch(of value: AvroValue, branches: [Int]) throws(AvroError) -> (Int, AvroValue) {
        if case .union(let branch, let inner) = value {
            guard branches.indices.contains(branch) else {
                throw AvroError(.invalidUnionBranch, "expected a union branch 0..<\(branches.count), found \(branch)")
            }
            return (branch, inner)
        }
        var scratch = AvroBinaryWriter()
        for (position, branch) in branches.enumerated() {
            if (try? ValueCoder(schema: schema).encode(value, node: branch, to: &scratch, depth: 0)) != nil { return (position, value) }
        }
        throw AvroError(.typeMismatch, "\(value.kindDescription) fits none of the union's branches")
    }

    private static func number(_ double: Double, isFinite: Bool) -> AvroJSON {
        if isFinite { return .double(double) }
        return .string(double.isNaN ? "NaN" : double > 0 ? "Infinity" : "-Infinity")
    }

    private func mismatch(_ value: AvroValue, _ node: SchemaNode) -> AvroError {
        AvroError(.typeMismatch, "expected a value of type \(node.typeName), found \(value.kindDescription)")
    }

    // MARK: - Reading

    func value(_ json: AvroJSON, node index: Int, depth: Int) throws(AvroError) -> AvroValue {
        try AvroNesting.enter(below: depth, maxDepth: AvroNesting.defaultMaxDepth, "the JSON")
        switch (schema.info[index].kind, json) {
        case (.union, _): return try unionValue(json, node: index, depth: depth)
        case (.array, .array(let elements)): return try arrayValue(elements, node: index, depth: depth)
        case (.map, .object(let object)): return try mapValue(object, node: index, depth: depth)
        case (.record, .object(let object)): return try recordValue(object, node: index, depth: depth)
        default: return try scalarValue(json, node: index)
        }
    }

    @inline(never)
    private func unionValue(_ json: AvroJSON, node index: Int, depth: Int) throws(AvroError) -> AvroValue {
        let (branch, inner) = try unionMember(json, node: index)
        if branch < 0 { return .union(branch: -branch - 1, value: .null) }
        do { return .union(branch: branch, value: try value(inner.value, node: schema.branchNodes[schema.info[index].first &+ branch], depth: depth + 1)) } catch { throw error.prefixingPath(inner.key) }
    }

    /// The branch a union's JSON names and the JSON of its value; for `null`, the null branch
    /// as `-branch - 1`.
    @inline(never)
    private func unionMember(_ json: AvroJSON, node index: Int) throws(AvroError) -> (Int, (key: String, value: AvroJSON)) {
        let node = schema[index]
        guard case .union(let branches) = node.kind else { throw mismatch(json, node) }
        switch json {
        case .null:
            let null = schema.info[index].nullBranch
            guard null >= 0 else { throw AvroError(.typeMismatch, "null is not a branch of the union \(node.typeName)") }
            return (-null - 1, ("", .null))
        case .object(let object):
            guard object.count == 1, let member = object.first else {
                throw AvroError(.typeMismatch, "expected a union value as an object with one key naming the branch, found \(json)")
            }
            let key = member.key
            guard let position = branches.firstIndex(where: { schema[$0].name?.fullname == key || schema[$0].name?.name == key || (schema[$0].name == nil && schema[$0].typeName == key) }) else {
                throw AvroError(.invalidUnionBranch, "'\(key)' names none of the union's branches [\(branches.map { schema[$0].typeName }.joined(separator: ", "))]", path: key)
            }
            return (position, (key, member.value))
        default:
            throw mismatch(json, node)
        }
    }

    @inline(never)
    private func arrayValue(_ elements: [AvroJSON], node index: Int, depth: Int) throws(AvroError) -> AvroValue {
        let items = schema.info[index].child
        var values: [AvroValue] = []
        for position in elements.indices {
            do { values.append(try value(elements[position], node: items, depth: depth + 1)) } catch { throw error.prefixingPath("[\(position)]") }
        }
        return .array(values)
    }

    @inline(never)
    private func mapValue(_ object: AvroJSON.Object, node index: Int, depth: Int) throws(AvroError) -> AvroValue {
        let valueNode = schema.info[index].child
        var entries: [(key: String, value: AvroValue)] = []
        for (key, element) in object {
            do { entries.append((key, try value(element, node: valueNode, depth: depth + 1))) } catch { throw error.prefixingPath("[\"\(key)\"]") }
        }
        return .map(entries)
    }

    @inline(never)
    private func recordValue(_ object: AvroJSON.Object, node index: Int, depth: Int) throws(AvroError) -> AvroValue {
        guard case .record(let record) = schema[index].kind else { throw mismatch(.object(object), schema[index]) }
        var fields: [(name: String, value: AvroValue)] = []
        var taken = 0
        for field in record.fields {
            if let element = object[field.name] {
                taken += 1
                do { fields.append((field.name, try value(element, node: field.type, depth: depth + 1))) } catch { throw error.prefixingPath(field.name) }
            } else if let defaultValue = field.defaultValue {
                fields.append((field.name, defaultValue))
            } else {
                throw missingFieldJSON(field.name, record: index)
            }
        }
        if object.count > taken { try checkNoExtraField(in: object, record: index) }
        return .record(fields)
    }

    @inline(never)
    private func missingFieldJSON(_ name: String, record index: Int) -> AvroError {
        AvroError(.missingField, "the JSON of \(schema[index].typeName) has no field '\(name)', which has no default", path: name)
    }

    /// Throws when `object` has a key that is not a field of record `index`.
    @inline(never)
    private func checkNoExtraField(in object: AvroJSON.Object, record index: Int) throws(AvroError) {
        guard case .record(let record) = schema[index].kind else { return }
        if let extra = object.keys.first(where: { record.indexOfField[$0] == nil }) {
            throw AvroError(.typeMismatch, "the record \(schema[index].typeName) has no field '\(extra)'", path: extra)
        }
    }

    /// The values that nest nothing.
    @inline(never)
    private func scalarValue(_ json: AvroJSON, node index: Int) throws(AvroError) -> AvroValue {
        let node = schema[index]
        switch (node.kind, json) {
        case (.null, .null): return .null
        case (.boolean, .bool(let bool)): return .boolean(bool)
        case (.int, .integer(let integer)):
            guard let int = Int32(exactly: integer) else { throw AvroError(.valueOutOfRange, "\(integer) does not fit in an int") }
            return .int(int)
        case (.long, .integer(let integer)): return .long(integer)
        case (.float, _), (.double, _):
            let double: Double
            switch json {
            case .integer(let integer): double = Double(integer)
            case .double(let number): double = number
            case .string("NaN"): double = .nan
            case .string("Infinity"): double = .infinity
            case .string("-Infinity"): double = -.infinity
            default: throw mismatch(json, node)
            }
            if case .float = node.kind { return .float(Float(double)) }
            return .double(double)
        case (.bytes, .string(let text)): return .bytes(try AvroValue.latin1Bytes(text))
        case (.fixed(let size), .string(let text)):
            let bytes = try AvroValue.latin1Bytes(text)
            guard bytes.count == size else { throw AvroError(.typeMismatch, "expected \(size) bytes for the fixed \(node.typeName), found \(bytes.count)") }
            return .fixed(bytes)
        case (.string, .string(let text)): return .string(text)
        case (.enumeration(let enumeration), .string(let symbol)):
            guard enumeration.indexOfSymbol[symbol] != nil else {
                throw AvroError(.invalidEnumSymbol, "'\(symbol)' is not a symbol of the enum \(node.typeName) \(enumeration.symbols)")
            }
            return .enumeration(symbol)
        default:
            throw mismatch(json, node)
        }
    }

    private func mismatch(_ json: AvroJSON, _ node: SchemaNode) -> AvroError {
        AvroError(.typeMismatch, "expected the JSON of a \(node.typeName), found \(json)")
    }
}
