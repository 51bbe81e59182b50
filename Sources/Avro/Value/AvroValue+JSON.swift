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

    func json(_ value: AvroValue, node index: Int, depth: Int) throws(AvroError) -> AvroJSON {
        guard depth < AvroValue.maxDepth else { throw AvroError(.limitExceeded, "the value is nested more than \(AvroValue.maxDepth) levels deep") }
        let node = schema[index]
        if case .union(let branches) = node.kind {
            let (branch, inner) = try unionBranch(of: value, branches: branches)
            let branchNode = schema[branches[branch]]
            if case .null = branchNode.kind { return .null }
            return .object(AvroJSON.Object([(branchNode.name?.fullname ?? branchNode.typeName, try json(inner, node: branches[branch], depth: depth + 1))]))
        }
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
        case (.array(let items), .array(let values)):
            var elements: [AvroJSON] = []
            for (position, element) in values.enumerated() {
                do { elements.append(try json(element, node: items, depth: depth + 1)) } catch { throw error.prefixingPath("[\(position)]") }
            }
            return .array(elements)
        case (.map(let valueNode), .map(let entries)):
            var object = AvroJSON.Object()
            for (key, entry) in entries {
                do { object[key] = try json(entry, node: valueNode, depth: depth + 1) } catch { throw error.prefixingPath("[\"\(key)\"]") }
            }
            return .object(object)
        case (.record(let record), .record(let fields)):
            var object = AvroJSON.Object()
            for field in record.fields {
                guard let fieldValue = fields.first(where: { $0.name == field.name })?.value ?? field.defaultValue else {
                    throw AvroError(.missingField, "the record \(node.typeName) has no value for the field '\(field.name)'", path: field.name)
                }
                do { object[field.name] = try json(fieldValue, node: field.type, depth: depth + 1) } catch { throw error.prefixingPath(field.name) }
            }
            return .object(object)
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
        guard depth < AvroValue.maxDepth else { throw AvroError(.limitExceeded, "the JSON is nested more than \(AvroValue.maxDepth) levels deep") }
        let node = schema[index]
        func mismatch() -> AvroError {
            AvroError(.typeMismatch, "expected the JSON of a \(node.typeName), found \(json)")
        }
        switch (node.kind, json) {
        case (.union, .null):
            guard let null = node.nullBranch else { throw AvroError(.typeMismatch, "null is not a branch of the union \(node.typeName)") }
            return .union(branch: null, value: .null)
        case (.union(let branches), .object(let object)):
            guard object.count == 1, let member = object.first else {
                throw AvroError(.typeMismatch, "expected a union value as an object with one key naming the branch, found \(json)")
            }
            let (key, inner) = (member.key, member.value)
            guard let position = branches.firstIndex(where: { schema[$0].name?.fullname == key || schema[$0].name?.name == key || (schema[$0].name == nil && schema[$0].typeName == key) }) else {
                throw AvroError(.invalidUnionBranch, "'\(key)' names none of the union's branches [\(branches.map { schema[$0].typeName }.joined(separator: ", "))]", path: key)
            }
            do { return .union(branch: position, value: try value(inner, node: branches[position], depth: depth + 1)) } catch { throw error.prefixingPath(key) }
        case (.union, _): throw mismatch()
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
            default: throw mismatch()
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
        case (.array(let items), .array(let elements)):
            var values: [AvroValue] = []
            for (position, element) in elements.enumerated() {
                do { values.append(try value(element, node: items, depth: depth + 1)) } catch { throw error.prefixingPath("[\(position)]") }
            }
            return .array(values)
        case (.map(let valueNode), .object(let object)):
            var entries: [(key: String, value: AvroValue)] = []
            for (key, element) in object {
                do { entries.append((key, try value(element, node: valueNode, depth: depth + 1))) } catch { throw error.prefixingPath("[\"\(key)\"]") }
            }
            return .map(entries)
        case (.record(let record), .object(let object)):
            var fields: [(name: String, value: AvroValue)] = []
            for field in record.fields {
                if let element = object[field.name] {
                    do { fields.append((field.name, try value(element, node: field.type, depth: depth + 1))) } catch { throw error.prefixingPath(field.name) }
                } else if let defaultValue = field.defaultValue {
                    fields.append((field.name, defaultValue))
                } else {
                    throw AvroError(.missingField, "the JSON of \(node.typeName) has no field '\(field.name)', which has no default", path: field.name)
                }
            }
            if let extra = object.keys.first(where: { record.indexOfField[$0] == nil }) {
                throw AvroError(.typeMismatch, "the record \(node.typeName) has no field '\(extra)'", path: extra)
            }
            return .record(fields)
        default:
            throw mismatch()
        }
    }
}
