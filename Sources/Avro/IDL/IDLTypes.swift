import Foundation

/// The types and JSON values of IDL: `array<T>`, `map<T>`, `union { … }`, `T?`, the primitive
/// and logical type keywords, references to named types, and defaults and annotation values.
extension IDLParser {
    /// A type with the annotations before it, which become its properties.
    mutating func fullType(_ context: inout IDLContext) throws -> IDLType {
        let annotations = try annotations()
        var type = try plainType(&context)
        guard !annotations.isEmpty else { return type }
        if type.isReference {
            throw error("a reference to a named type cannot be annotated: annotate the type where it is declared", at: annotations[0].location)
        }
        for annotation in annotations { try checkNotReserved(annotation, Self.schemaAttributes, "a type") }
        var attributes = AvroJSON.Object(type.base.logicalType?.attributes ?? [])
        for (key, value) in type.base.properties { attributes[key] = value }
        for annotation in annotations { attributes[annotation.name] = annotation.value }
        type.base.setAttributes(attributes, except: [])
        return type
    }

    mutating func plainType(_ context: inout IDLContext) throws -> IDLType {
        try enter()
        defer { depth -= 1 }
        let token = current
        guard case .identifier(let word, let quoted) = token.kind else { throw unexpected("a type") }
        advance()
        var base: AvroSchema
        var isReference = false
        switch quoted ? "" : word {
        case "array", "map":
            try expect("<", "after '\(word)'")
            let element = try fullType(&context).schema(default: nil)
            try expect(">", "to close '\(word)<…'")
            return IDLType(base: AvroSchema(word == "array" ? .array(element) : .map(element)))
        case "union":
            return IDLType(base: try unionBody(at: token.location, &context))
        case "boolean": base = .boolean
        case "int": base = .int
        case "long": base = .long
        case "float": base = .float
        case "double": base = .double
        case "bytes": base = .bytes
        case "string": base = .string
        case "null": base = .null
        case "date": base = AvroSchema(.int, logicalType: .date)
        case "time_ms": base = AvroSchema(.int, logicalType: .timeMillis)
        case "timestamp_ms": base = AvroSchema(.long, logicalType: .timestampMillis)
        case "local_timestamp_ms": base = AvroSchema(.long, logicalType: .localTimestampMillis)
        case "uuid": base = AvroSchema(.string, logicalType: .uuid)
        case "decimal": base = try decimal()
        default:
            let name = AvroName(resolving: word, in: namespace)
            context.references.append((name, token.location))
            base = AvroSchema(.reference(name))
            isReference = true
        }
        let isOptional = current.isSymbol("?")
        if isOptional {
            if case .null = base.kind { throw error("'null?' is not a type: null is already nullable", at: current.location) }
            advance()
        }
        return IDLType(base: base, isOptional: isOptional, isReference: isReference)
    }

    mutating func decimal() throws -> AvroSchema {
        try expect("(", "after 'decimal'")
        let (precision, location) = try integer("the decimal's precision")
        var scale: Int64 = 0
        if current.isSymbol(",") {
            advance()
            scale = try integer("the decimal's scale").0
        }
        try expect(")", "to close 'decimal(…'")
        guard precision >= 1, precision <= Int64(Int32.max), scale >= 0, scale <= precision else {
            throw error("decimal(\(precision), \(scale)) is not valid: the precision must be at least 1 and the scale from 0 to the precision", at: location)
        }
        return AvroSchema(.bytes, logicalType: .decimal(precision: Int(precision), scale: Int(scale)))
    }

    mutating func unionBody(at location: IDLLocation, _ context: inout IDLContext) throws -> AvroSchema {
        try expect("{", "after 'union'")
        var branches: [AvroSchema] = []
        repeat {
            if !branches.isEmpty { advance() }
            let branchLocation = current.location
            let branch = try fullType(&context).schema(default: nil)
            if case .union = branch.kind { throw error("a union cannot directly contain another union", at: branchLocation) }
            let key = branch.name?.fullname ?? branch.typeName
            guard !branches.contains(where: { ($0.name?.fullname ?? $0.typeName) == key }) else {
                throw error("the union has more than one branch of type '\(key)'", at: branchLocation)
            }
            branches.append(branch)
        } while current.isSymbol(",")
        try expect("}", "to close the union")
        return AvroSchema(.union(branches))
    }

    // MARK: - JSON values

    /// A JSON value as IDL writes it: JSON, with Java's string escapes and numbers (hex,
    /// octal, `NaN`, `Infinity`, which become the strings Java writes for them).
    mutating func jsonValue() throws -> AvroJSON {
        try enter()
        defer { depth -= 1 }
        let token = current
        advance()
        switch token.kind {
        case .string(let text): return .string(text)
        case .integer(let value): return .integer(value)
        case .float(let value):
            if value.isFinite { return .double(value) }
            return .string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity")
        case .identifier("true", quoted: false): return .bool(true)
        case .identifier("false", quoted: false): return .bool(false)
        case .identifier("null", quoted: false): return .null
        case .symbol("["):
            var items: [AvroJSON] = []
            while !current.isSymbol("]") {
                if !items.isEmpty { try expect(",", "between array elements") }
                items.append(try jsonValue())
            }
            advance()
            return .array(items)
        case .symbol("{"):
            var object = AvroJSON.Object()
            while !current.isSymbol("}") {
                if !object.isEmpty { try expect(",", "between object members") }
                guard case .string(let key) = current.kind else { throw unexpected("a member name (a string)") }
                let keyLocation = current.location
                advance()
                guard object[key] == nil else { throw error("the object has the member \"\(key)\" twice", at: keyLocation) }
                try expect(":", "after the member name")
                object[key] = try jsonValue()
            }
            advance()
            return .object(object)
        default:
            index -= 1
            throw unexpected("a JSON value")
        }
    }
}

/// A type as a field or parameter declares it: `T?` is a union with null, whose order
/// depends on the default (null first, unless the default is not null).
struct IDLType {
    var base: AvroSchema
    var isOptional = false
    var isReference = false

    func schema(default value: AvroJSON?) -> AvroSchema {
        guard isOptional else { return base }
        if let value, value != .null { return AvroSchema(.union([base, .null])) }
        return AvroSchema(.union([.null, base]))
    }
}
