import Foundation

/// Writes the declaration of one named type (see ``AvroSwiftGenerator``).
struct TypeWriter {
    let model: GeneratorModel
    let type: GeneratorModel.Named
    /// The union enums nested in the record being written.
    private var unions: [(name: String, cases: [TypeShape.UnionCase])] = []

    init(model: GeneratorModel, type: GeneratorModel.Named) {
        self.model = model
        self.type = type
    }

    private var access: String { model.options.accessLevel == .public ? "public " : "" }

    mutating func declaration() throws -> [String] {
        switch type.definition.kind {
        case .record(let record): return try recordDeclaration(record)
        case .enumeration(let enumeration): return enumDeclaration(enumeration)
        // A fixed is `Data` (or the type of its logical type) where it is used.
        default: return ["// The fixed \(type.name.fullname) is held as \(try shape(type.definition, context: "", path: type.name.fullname).swiftType)."]
        }
    }

    /// The type's schema as a constant. `try!` cannot fail there: the text is the printed form
    /// of a schema that was parsed, which parses again (the generator's tests check it for every
    /// schema of the shared test data).
    private var schemaDeclaration: String {
        "\(access)static let avroSchema: AvroSchema = try! AvroSchema(parsing: \(SwiftNames.rawStringLiteral(type.standalone.jsonString())))"
    }

    // MARK: - Records

    private mutating func recordDeclaration(_ record: AvroSchema.Record) throws -> [String] {
        let isClass = model.isClass(record.name)
        var fields: [(name: String, property: String, shape: TypeShape, field: AvroSchema.Field)] = []
        for field in record.fields {
            let path = type.name.fullname + "." + field.name
            fields.append((field.name, SwiftNames.escaped(field.name), try shape(field.type, context: SwiftNames.upperCamel(field.name), path: path), field))
        }
        let name = type.swiftName
        var lines = SwiftNames.docComment(record.doc, indent: "")
        let conformances = "Codable, Hashable, Sendable, AvroBinaryCodable"
        lines.append(isClass ? "\(access)final class \(name): \(conformances) {" : "\(access)struct \(name): \(conformances) {")
        for field in fields {
            lines += SwiftNames.docComment(field.field.doc, indent: "    ")
            lines.append("    \(access)\(isClass ? "let" : "var") \(field.property): \(field.shape.swiftType)")
        }
        lines.append("")
        // A parameter named `self` would hide `self` in the initializer: it keeps its label and
        // is given an inner name no other field has.
        var selfParameter = "self_"
        while fields.contains(where: { $0.property == selfParameter }) { selfParameter += "_" }
        let parameters = fields.map { $0.property == "`self`" ? selfParameter : $0.property }
        let arguments = zip(fields, parameters).map { field, parameter in
            (parameter == field.property ? parameter : "\(field.property) \(parameter)") + ": \(field.shape.swiftType)"
                + (field.field.defaultValue.flatMap { defaultLiteral(field.field.type, field.shape, $0) }.map { " = " + $0 } ?? "")
        }
        lines.append("    \(access)init(\(arguments.joined(separator: ", "))) {")
        lines += zip(fields, parameters).map { "        self.\($0.property) = \($1)" }
        lines += ["    }", "", "    " + schemaDeclaration, ""]
        lines.append("    \(access)func avroEncode(to writer: inout AvroBinaryWriter) throws {")
        for field in fields {
            let statements = field.shape.encode("self.\(field.property)", indent: "            ")
            if field.shape.encodeThrows {
                lines += ["        do {"] + statements + ["        } catch {", "            throw AvroError.prefixingPath(\(SwiftNames.stringLiteral(field.name)), to: error)", "        }"]
            } else {
                lines += statements.map { String($0.dropFirst(4)) }
            }
        }
        lines += ["    }", ""]
        lines.append("    \(access)\(isClass ? "required " : "")init(avroFrom reader: inout AvroBinaryReader) throws {")
        for field in fields {
            lines += ["        do {"] + field.shape.decode(into: "self.\(field.property)", indent: "            ")
            lines += ["        } catch {", "            throw AvroError.prefixingPath(\(SwiftNames.stringLiteral(field.name)), to: error)", "        }"]
        }
        lines += ["    }", "", "    private static func badBranch(_ branch: Int64, at offset: Int) -> AvroError {",
                  "        AvroError(.invalidUnionBranch, \"the union has no branch \\(branch)\", offset: offset)", "    }"]
        if isClass { lines += classEquality(name, properties: fields.map(\.property)) }
        for union in unions {
            lines += ["", "    \(access)enum \(union.name): Codable, Hashable, Sendable {"]
            lines += union.cases.map { "        case \($0.name)(\($0.shape.swiftType))" }
            if union.cases.contains(where: { $0.codingKey != nil }) {
                lines += ["", "        enum CodingKeys: String, CodingKey {"]
                lines += union.cases.map { "            case \($0.name)" + ($0.codingKey.map { " = \"\($0)\"" } ?? "") }
                lines.append("        }")
            }
            lines.append("    }")
        }
        lines.append("}")
        return lines
    }

    /// `==` and `hash(into:)` of a record that is a class, by its fields.
    private func classEquality(_ name: String, properties: [String]) -> [String] {
        let comparison = properties.isEmpty ? "true" : properties.map { "lhs.\($0) == rhs.\($0)" }.joined(separator: " && ")
        return ["", "    \(access)static func == (lhs: \(name), rhs: \(name)) -> Bool {", "        \(comparison)", "    }", "",
                "    \(access)func hash(into hasher: inout Hasher) {"] + properties.map { "        hasher.combine(\($0))" } + ["    }"]
    }

    // MARK: - Enums

    private func enumDeclaration(_ enumeration: AvroSchema.Enumeration) -> [String] {
        let names = Self.caseNames(enumeration)
        var lines = SwiftNames.docComment(enumeration.doc, indent: "")
        lines.append("\(access)enum \(type.swiftName): String, Codable, Hashable, Sendable, CaseIterable, AvroBinaryCodable {")
        for (name, symbol) in zip(names, enumeration.symbols) { lines.append("    case \(name) = \(SwiftNames.stringLiteral(symbol))") }
        lines += ["", "    " + schemaDeclaration, "", "    \(access)func avroEncode(to writer: inout AvroBinaryWriter) throws {", "        switch self {"]
        lines += names.enumerated().map { "        case .\($1): writer.writeInt(\($0))" }
        lines += ["        }", "    }", "", "    \(access)init(avroFrom reader: inout AvroBinaryReader) throws {", "        let start = reader.offset", "        switch try reader.readInt() {"]
        lines += names.enumerated().map { "        case \($0): self = .\($1)" }
        lines += ["        case let index: throw AvroError(.invalidEnumSymbol, \"the enum \(type.name.fullname) has no symbol \\(index)\", offset: start)",
                  "        }", "    }", "}"]
        return lines
    }

    // MARK: - Shapes

    /// How `schema` is held; `context` names the enum of a union, `path` the schema path
    /// errors name.
    private mutating func shape(_ schema: AvroSchema, context: String, path: String) throws -> TypeShape {
        switch schema.kind {
        case .null: return .value(swift: "AvroNull", write: "_ = {}", read: "reader.readNull()", throwsOnWrite: false)
        case .boolean: return .value(swift: "Bool", write: "writer.writeBoolean({})", read: "reader.readBoolean()", throwsOnWrite: false)
        case .int:
            if schema.logicalType == .date { return .value(swift: "Date", write: "writer.writeDate({}, as: .date)", read: "reader.readDate(as: .date)", throwsOnWrite: true) }
            return .value(swift: "Int32", write: "writer.writeInt({})", read: "reader.readInt()", throwsOnWrite: false)
        case .long:
            if let logical = schema.logicalType, let swiftCase = Self.timestampCase(logical) {
                return .value(swift: "Date", write: "writer.writeDate({}, as: \(swiftCase))", read: "reader.readDate(as: \(swiftCase))", throwsOnWrite: true)
            }
            return .value(swift: "Int64", write: "writer.writeLong({})", read: "reader.readLong()", throwsOnWrite: false)
        case .float: return .value(swift: "Float", write: "writer.writeFloat({})", read: "reader.readFloat()", throwsOnWrite: false)
        case .double: return .value(swift: "Double", write: "writer.writeDouble({})", read: "reader.readDouble()", throwsOnWrite: false)
        case .string:
            if schema.logicalType == .uuid { return .value(swift: "UUID", write: "writer.writeUUID({})", read: "reader.readUUID()", throwsOnWrite: false) }
            return .value(swift: "String", write: "writer.writeString({})", read: "reader.readString()", throwsOnWrite: false)
        case .bytes:
            if case .decimal(let precision, let scale)? = schema.logicalType {
                return .value(swift: "Decimal", write: "writer.writeDecimal({}, scale: \(scale), precision: \(precision))",
                              read: "reader.readDecimal(scale: \(scale), precision: \(precision))", throwsOnWrite: true)
            }
            return .value(swift: "Data", write: "writer.writeBytes({})", read: "Data(reader.readLengthPrefixedBytes())", throwsOnWrite: false)
        case .fixed(let fixed):
            if case .decimal(let precision, let scale)? = schema.logicalType {
                return .value(swift: "Decimal", write: "writer.writeDecimal({}, scale: \(scale), precision: \(precision), size: \(fixed.size))",
                              read: "reader.readDecimal(scale: \(scale), precision: \(precision), size: \(fixed.size))", throwsOnWrite: true)
            }
            if schema.logicalType == .uuid, fixed.size == 16 {
                return .value(swift: "UUID", write: "writer.writeFixedUUID({})", read: "reader.readFixedUUID()", throwsOnWrite: false)
            }
            if schema.logicalType == .duration, fixed.size == 12 {
                return .value(swift: "AvroDuration", write: "writer.writeDuration({})", read: "reader.readDuration()", throwsOnWrite: false)
            }
            return .fixed(size: fixed.size)
        case .enumeration(let enumeration): return .named(swift: model.swiftName(of: enumeration.name), recursive: false)
        case .record(let record): return .named(swift: model.swiftName(of: record.name), recursive: model.isRecursive(record.name))
        case .reference(let name):
            guard let definition = model.definition(of: name) else {
                throw AvroError(.invalidSchema, "the schema refers to '\(name.fullname)', which it does not define", path: path)
            }
            if case .record = definition.kind { return .named(swift: model.swiftName(of: name), recursive: model.isRecursive(name)) }
            return try shape(definition, context: context, path: path)
        case .array(let items):
            return .array(try shape(items, context: context + "Item", path: path + "[]"), minItemSize: model.minimumSize(items))
        case .map(let values):
            return .map(try shape(values, context: context + "Value", path: path + "{}"), minItemSize: 1 + model.minimumSize(values))
        case .union(let branches):
            let nullIndex = branches.firstIndex { if case .null = $0.kind { true } else { false } }
            let others = branches.indices.filter { $0 != nullIndex }
            if let nullIndex, others.count == 1 {
                return .optional(try shape(branches[others[0]], context: context, path: path + "[\(others[0])]"), nullIndex: nullIndex, valueIndex: others[0])
            }
            var cases: [TypeShape.UnionCase] = []
            // Named branches whose simple names differ only in case or namespace (`a.Item` and
            // `b.Item`) would each match the other's case name: they are named by full name.
            let simpleNames = others.compactMap { branches[$0].name?.name.lowercased() }
            for index in others {
                let branch = branches[index]
                if let name = branch.name, simpleNames.filter({ $0 == name.name.lowercased() }).count > 1 {
                    let caseName = SwiftNames.escaped(SwiftNames.caseName(name.fullname.replacingOccurrences(of: ".", with: "_")))
                    guard !cases.contains(where: { $0.name == caseName }) else {
                        throw AvroError(.unsupported, "two branches of the union would both be the Swift case \(caseName)", path: path + "[\(index)]")
                    }
                    let shape = try shape(branch, context: context + SwiftNames.upperCamel(caseName), path: path + "[\(index)]")
                    cases.append(.init(name: caseName, index: index, shape: shape, codingKey: name.fullname))
                    continue
                }
                // The case name the coders look for first; the name as written when another
                // branch has that one (`int` and a record `Int`).
                let candidates = [unionCaseName(branch), branch.name?.name].compactMap { $0 }
                guard let caseName = candidates.map(SwiftNames.escaped).first(where: { name in !cases.contains { $0.name == name } }) else {
                    throw AvroError(.unsupported, "two branches of the union would both be the Swift case \(candidates[0])", path: path + "[\(index)]")
                }
                cases.append(.init(name: caseName, index: index, shape: try shape(branch, context: context + SwiftNames.upperCamel(unionCaseName(branch)), path: path + "[\(index)]")))
            }
            let name = context.isEmpty ? "Union" : context
            unions.append((name, cases))
            return .union(swift: "\(type.swiftName).\(name)", cases: cases, nullIndex: nullIndex)
        }
    }

    /// The case name the Codable coders look for first for union branch `schema`.
    private func unionCaseName(_ schema: AvroSchema) -> String {
        CompiledSchema.preferredCaseName(name: schema.name, typeName: schema.typeName)
    }

    /// The Swift case names of an enum's symbols: lower camel case, or the symbols as written
    /// when two would clash.
    private static func caseNames(_ enumeration: AvroSchema.Enumeration) -> [String] {
        let names = enumeration.symbols.map(SwiftNames.caseName)
        return Set(names).count == names.count ? names : enumeration.symbols.map(SwiftNames.escaped)
    }

    /// The Swift spelling of a timestamp logical type held as a `Date`, or `nil` for other
    /// logical types.
    private static func timestampCase(_ logical: AvroLogicalType) -> String? {
        switch logical {
        case .timestampMillis: ".timestampMillis"
        case .timestampMicros: ".timestampMicros"
        case .localTimestampMillis: ".localTimestampMillis"
        case .localTimestampMicros: ".localTimestampMicros"
        // Nanoseconds stay an Int64: a Date's Double holds today's instants only to about a
        // tenth of a microsecond, so a value read and written again would change.
        default: nil
        }
    }

    // MARK: - Defaults

    /// The Swift expression of a default, `json`, of a value of `schema` held as `shape`; `nil`
    /// when it has none (a value that does not fit the Swift type), and the argument then has
    /// no default.
    private func defaultLiteral(_ schema: AvroSchema, _ shape: TypeShape, _ json: AvroJSON) -> String? {
        var schema = schema
        if case .reference(let name) = schema.kind, let definition = model.definition(of: name) { schema = definition }
        switch (shape, json) {
        case (.optional, .null), (.union(_, _, _?), .null): return "nil"
        case (.optional(let wrapped, _, let valueIndex), _):
            guard case .union(let branches) = schema.kind else { return nil }
            return defaultLiteral(branches[valueIndex], wrapped, json)
        case (.union(_, let cases, _), _):
            // A union's default is a value of its first branch.
            guard case .union(let branches) = schema.kind, let first = cases.first(where: { $0.index == 0 }),
                  let value = defaultLiteral(branches[0], first.shape, json) else { return nil }
            return ".\(first.name)(\(value))"
        case (.array(let items, _), .array(let values)):
            guard case .array(let itemSchema) = schema.kind else { return nil }
            let literals = values.compactMap { defaultLiteral(itemSchema, items, $0) }
            return literals.count == values.count ? "[" + literals.joined(separator: ", ") + "]" : nil
        case (.map(let values, _), .object(let object)):
            guard case .map(let valueSchema) = schema.kind else { return nil }
            if object.isEmpty { return "[:]" }
            let literals = object.compactMap { entry in defaultLiteral(valueSchema, values, entry.value).map { SwiftNames.stringLiteral(entry.key) + ": " + $0 } }
            return literals.count == object.count ? "[" + literals.joined(separator: ", ") + "]" : nil
        case (.fixed, .string(let text)):
            return Self.bytes(of: text).map(Self.dataLiteral)
        case (.named(let swift, _), _):
            return namedLiteral(schema, swift: swift, json)
        case (.value(let swift, _, _, _), _):
            return valueLiteral(schema, swift: swift, json)
        default:
            return nil
        }
    }

    /// The default of a primitive or logical-type value held as `swift`.
    private func valueLiteral(_ schema: AvroSchema, swift: String, _ json: AvroJSON) -> String? {
        switch (swift, json) {
        case ("Bool", .bool(let value)): return String(value)
        case ("Int32", .integer(let value)): return Int32(exactly: value).map { String($0) }
        case ("Int64", .integer(let value)), ("Float", .integer(let value)), ("Double", .integer(let value)): return String(value)
        case ("Float", .double(let value)), ("Double", .double(let value)): return value.isFinite ? "\(value)" : nil
        case ("String", .string(let value)): return SwiftNames.stringLiteral(value)
        case ("Data", .string(let text)): return Self.bytes(of: text).map(Self.dataLiteral)
        case ("Date", .integer(let count)):
            // Days for `date`; units of the timestamp otherwise.
            if schema.logicalType == .date { return "Date(timeIntervalSince1970: \(Int64(count) * 86_400))" }
            let unitsPerSecond: Double
            switch schema.logicalType {
            case .timestampMillis?, .localTimestampMillis?: unitsPerSecond = 1_000
            case .timestampMicros?, .localTimestampMicros?: unitsPerSecond = 1_000_000
            default: return nil
            }
            return "Date(timeIntervalSince1970: \(Double(count) / unitsPerSecond))"
        case ("UUID", .string(let text)):
            // A fixed's default is its 16 bytes; a string's, the UUID's text.
            let fixedBytes: [UInt8]? = if case .fixed = schema.kind { Self.bytes(of: text) } else { nil }
            guard let bytes = fixedBytes ?? UUID(uuidString: text).map({ uuid in withUnsafeBytes(of: uuid.uuid) { Array($0) } }),
                  bytes.count == 16 else { return nil }
            return "UUID(uuid: (" + bytes.map { String(format: "0x%02x", $0) }.joined(separator: ", ") + "))"
        case ("Decimal", .string(let text)):
            // The two's-complement bytes of the unscaled value, when it fits in 64 bits.
            guard case .decimal(_, let scale)? = schema.logicalType, let bytes = Self.bytes(of: text), !bytes.isEmpty, bytes.count <= 8 else { return nil }
            var unscaled = Int64(Int8(bitPattern: bytes[0]))
            for byte in bytes.dropFirst() { unscaled = unscaled << 8 | Int64(byte) }
            guard unscaled != .min else { return nil }
            let sign = unscaled < 0 ? ".minus" : ".plus"
            return "Decimal(sign: \(sign), exponent: \(-scale), significand: \(unscaled.magnitude))"
        case ("AvroDuration", .string(let text)):
            guard let bytes = Self.bytes(of: text), bytes.count == 12 else { return nil }
            let parts = stride(from: 0, to: 12, by: 4).map { start in
                bytes[start..<start + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            }
            return "AvroDuration(months: \(parts[0]), days: \(parts[1]), milliseconds: \(parts[2]))"
        default:
            return nil
        }
    }

    /// The default of an enum (a symbol) or a record (an object whose missing fields take
    /// their own defaults) named `swift`.
    private func namedLiteral(_ schema: AvroSchema, swift: String, _ json: AvroJSON) -> String? {
        guard let named = model.named.first(where: { $0.swiftName == swift }) else { return nil }
        switch (named.definition.kind, json) {
        case (.enumeration(let enumeration), .string(let symbol)):
            guard let index = enumeration.symbols.firstIndex(of: symbol) else { return nil }
            return "." + Self.caseNames(enumeration)[index]
        case (.record(let record), .object(let object)):
            // The record's own writer names its fields' shapes (and their nested unions).
            var writer = TypeWriter(model: model, type: named)
            var arguments: [String] = []
            for field in record.fields {
                guard let value = object[field.name] ?? field.defaultValue,
                      let shape = try? writer.shape(field.type, context: SwiftNames.upperCamel(field.name), path: ""),
                      let literal = defaultLiteral(field.type, shape, value) else { return nil }
                arguments.append("\(SwiftNames.escaped(field.name)): \(literal)")
            }
            return "\(swift)(" + arguments.joined(separator: ", ") + ")"
        default:
            return nil
        }
    }

    /// The bytes of a `bytes` or `fixed` default: each character one byte (ISO-8859-1).
    private static func bytes(of text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    private static func dataLiteral(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "Data()" : "Data([" + bytes.map { String(format: "0x%02x", $0) }.joined(separator: ", ") + "])"
    }
}
