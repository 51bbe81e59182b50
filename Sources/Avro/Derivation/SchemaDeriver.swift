import Foundation

/// Infers the Avro schema of `Decodable` types: primitives and Foundation types
/// by their metatype, optionals, collections and maps by their generic parameters, and
/// every other type by probing its `init(from:)` with a ``SchemaProbe`` that records the
/// keys and types it asks for and hands back placeholder values.
///
/// Named types are defined at their first use and referenced afterwards, which also makes
/// recursive types work.
final class SchemaDeriver {
    /// How coding keys become field names.
    let fieldNaming: AvroFieldNaming

    init(fieldNaming: AvroFieldNaming = .codingKeys) {
        self.fieldNaming = fieldNaming
    }

    /// Types whose definition was written, with their names (later uses are references).
    private var definedNames: [ObjectIdentifier: AvroName] = [:]
    /// Types being derived now: a use inside their own definition is a reference.
    private var inProgress: [ObjectIdentifier: AvroName] = [:]
    /// Enums with associated values already written: their union's branches as later uses
    /// write them (named types by reference).
    private var caseBranches: [ObjectIdentifier: [AvroSchema]] = [:]
    /// Enums with associated values being derived now, with the cases already met.
    private var pendingEnums: [ObjectIdentifier: PendingEnum] = [:]
    /// Why no placeholder could be made for a type that gives its own schema.
    private var placeholderFailures: [ObjectIdentifier: AvroError] = [:]
    /// A value of each derived type, for fields of that type in later probes.
    private var placeholders: [ObjectIdentifier: Any] = [:]
    /// The Swift type each Avro name was given to, to report two types with one name.
    private var ownerOfName: [AvroName: String] = [:]
    /// Every named definition so far, for checking defaults.
    private(set) var definitions: [AvroName: AvroSchema] = [:]

    /// The schema of `type` and a placeholder value of it (`nil` when none could be made,
    /// for a type met again inside its own definition).
    func derive<T: Decodable>(_ type: T.Type) throws -> (schema: AvroSchema, placeholder: T?) {
        if let primitive = Self.primitive(type) { return primitive }
        let id = ObjectIdentifier(type)
        if let pending = pendingEnums[id] {
            let union = try caseUnion(type, pending)
            return (union, placeholders[id] as? T)
        }
        if let name = inProgress[id] ?? definedNames[id] { return (.reference(name.fullname), placeholders[id] as? T) }
        if let branches = caseBranches[id] { return (.union(branches), placeholders[id] as? T) }
        if let provider = type as? any AvroSchemaProviding.Type { return try provided(type, provider) }
        if let optional = type as? any DerivableOptional.Type {
            return (Self.nullable(try deriveAny(optional.wrappedType)), optional.absent as? T)
        }
        if type == AvroDuration.self {
            return try named(type, name: AvroName(name: "AvroDuration")) { name in
                (AvroSchema(.fixed(.init(name: name, size: 12)), logicalType: .duration), AvroDuration() as? T)
            }
        }
        if let array = type as? any DerivableArray.Type { return (.array(try deriveAny(array.elementType)), array.empty as? T) }
        if let map = type as? any DerivableMap.Type {
            guard AvroMapKey.hasStringForm(map.keyType) else { throw AvroMapKey.unsupportedKeyType(map.keyType) }
            return (.map(try deriveAny(map.valueType)), map.empty as? T)
        }
        if let enumeration = type as? any AvroEnum.Type { return try avroEnum(type, enumeration) }
        if let cases = type as? any CaseIterable.Type, let first = Self.firstCase(cases) as? T, let raw = (first as? any RawRepresentable)?.rawValue {
            // An enum with raw values that is not an AvroEnum is written as its raw value (what
            // its Codable conformance writes): String-backed as a string, Int-backed as a
            // long. A case is the placeholder.
            if raw is String { return (.string, first) }
            if let schema = Self.primitiveSchema(of: raw) { return (schema, first) }
        }
        return try probe(type)
    }

    /// `derive` for a type known only at run time.
    func deriveAny(_ type: any Decodable.Type) throws -> AvroSchema {
        try derive(type).schema
    }

    private static func firstCase<C: CaseIterable>(_ type: C.Type) -> Any? { type.allCases.first }

    /// The schema of a value of a primitive or Foundation type, of its dynamic type.
    private static func primitiveSchema<Value>(of value: Value) -> AvroSchema? { primitive(Value.self)?.schema }

    // MARK: - Named types

    /// Defines the named type `type` under `name` with `body`, or references it when done.
    private func named<T>(_ type: T.Type, name: AvroName, _ body: (AvroName) throws -> (AvroSchema, T?)) throws -> (schema: AvroSchema, placeholder: T?) {
        let id = ObjectIdentifier(type)
        try claim(name, for: type)
        inProgress[id] = name
        defer { inProgress[id] = nil }
        let (schema, placeholder) = try body(name)
        definedNames[id] = name
        definitions[name] = schema
        if let placeholder { placeholders[id] = placeholder }
        return (schema, placeholder)
    }

    /// Reserves `name` for `type`; two Swift types may not derive the same Avro name.
    func claim(_ name: AvroName, for type: Any.Type) throws {
        let owner = String(reflecting: type)
        if let existing = ownerOfName[name], existing != owner {
            throw AvroError(.invalidSchema, "\(existing) and \(owner) both derive the Avro name '\(name)'; give one of them another name with AvroCustomizing.avroName")
        }
        ownerOfName[name] = owner
    }

    /// The Avro name of `type`: its customised name, or its Swift name made valid
    /// (`Box<Int>` becomes `Box_Int`).
    static func avroName(of type: Any.Type) -> AvroName {
        let customizing = type as? any AvroCustomizing.Type
        return AvroName(name: customizing?.avroName ?? validName(from: String(describing: type)), namespace: customizing?.avroNamespace ?? "")
    }

    /// `written` made a valid Avro name: each run of other characters becomes one `_`, and a
    /// name that would start with a digit or be empty starts with `_`.
    static func validName(from written: String) -> String {
        var name = ""
        var lastWasUnderscore = false
        for scalar in written.unicodeScalars {
            let valid = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
            if valid {
                name.unicodeScalars.append(scalar)
                lastWasUnderscore = scalar == "_"
            } else if !lastWasUnderscore && !name.isEmpty {
                name += "_"
                lastWasUnderscore = true
            }
        }
        while name.hasSuffix("_") && name.count > 1 { name.removeLast() }
        if name.isEmpty || name.first?.isNumber == true { name = "_" + name }
        return name
    }

    private func avroEnum<T>(_ type: T.Type, _ enumeration: any AvroEnum.Type) throws -> (schema: AvroSchema, placeholder: T?) {
        func details<E: AvroEnum>(_ type: E.Type) -> (symbols: [String], first: Any?, defaultSymbol: String?) {
            (E.allCases.map(\.rawValue), E.allCases.first, E.avroDefaultSymbol?.rawValue)
        }
        let (symbols, first, defaultSymbol) = details(enumeration)
        let customizing = type as? any AvroCustomizing.Type
        return try named(type, name: Self.avroName(of: type)) { name in
            try Self.checkDerivedName(name, of: type)
            guard let placeholder = first as? T else {
                throw AvroError(.invalidSchema, "the enum \(T.self) has no cases, and an Avro enum needs at least one symbol")
            }
            for symbol in symbols where !AvroName.isValidName(symbol) {
                throw AvroError(.invalidSchema, "the raw value '\(symbol)' of \(T.self) is not a valid Avro enum symbol ([A-Za-z_][A-Za-z0-9_]*)")
            }
            let schema = AvroSchema.enumeration(.init(name: name, symbols: symbols, defaultSymbol: defaultSymbol, doc: customizing?.avroDoc,
                                                      aliases: (customizing?.avroAliases ?? []).map { AvroName(resolving: $0, in: name.namespace) }))
            return (schema, placeholder)
        }
    }

    // MARK: - Types given their own schema

    /// A type with its own schema: the schema, with the named types an earlier use defined
    /// referenced by name, and a placeholder: the type's `avroPlaceholder`, or the schema's
    /// simplest value decoded by the real decoder (`nil` when `init(from:)` rejects it).
    private func provided<T: Decodable>(_ type: T.Type, _ provider: any AvroSchemaProviding.Type) throws -> (schema: AvroSchema, placeholder: T?) {
        let id = ObjectIdentifier(type)
        let schema = try definingProvided(provider.avroSchema, for: type)
        schema.forEachNamedDefinition { name, definition in definitions[name] = definition }
        if placeholders[id] == nil && placeholderFailures[id] == nil {
            if let given = provider.avroPlaceholder as? T {
                placeholders[id] = given
            } else {
                do {
                    let zero = try AvroValue.simplest(of: provider.avroSchema, definitions: definitions)
                    placeholders[id] = try AvroDecoder(schema: provider.avroSchema).decode(type, from: try zero.encoded(as: provider.avroSchema))
                } catch {
                    placeholderFailures[id] = AvroError(.invalidSchema, "\(T.self)'s init(from:) rejected the simplest value of its own schema (\(error)); "
                        + "give a valid value in \(T.self).avroPlaceholder, so that types containing a \(T.self) can be derived")
                }
            }
        }
        return (schema, placeholders[id] as? T)
    }

    /// `schema` with every named type already defined replaced by a reference to it; the
    /// names are claimed for `type`, so another type giving or deriving one is an error.
    private func definingProvided(_ schema: AvroSchema, for type: Any.Type) throws -> AvroSchema {
        if case .reference = schema.kind { return schema }
        var result = schema
        if let name = schema.name {
            try claim(name, for: type)
            if definitions[name] != nil { return .reference(name.fullname) }
        }
        switch schema.kind {
        case .record(var record):
            for index in record.fields.indices { record.fields[index].type = try definingProvided(record.fields[index].type, for: type) }
            result.kind = .record(record)
        case .array(let items): result.kind = .array(try definingProvided(items, for: type))
        case .map(let values): result.kind = .map(try definingProvided(values, for: type))
        case .union(let branches): result.kind = .union(try branches.map { try definingProvided($0, for: type) })
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string, .enumeration, .fixed, .reference: break
        }
        return result
    }

    /// The error for a value of `type` that a probed `init(from:)` needs but that derivation
    /// cannot make.
    func missingPlaceholder<T>(_ type: T.Type) -> any Error {
        placeholderFailures[ObjectIdentifier(type)] ?? SchemaProbe.MissingPlaceholder(typeName: String(describing: T.self))
    }

    // MARK: - Probing

    private func probe<T: Decodable>(_ type: T.Type) throws -> (schema: AvroSchema, placeholder: T?) {
        let name = Self.avroName(of: type)
        let customizing = type as? any AvroCustomizing.Type
        let id = ObjectIdentifier(type)
        try claim(name, for: type)
        inProgress[id] = name
        defer { inProgress[id] = nil }
        let probe = SchemaProbe(deriver: self, owner: name, fieldOptions: customizing?.avroFields ?? [:],
                                excludedKeys: customizing?.avroExcludedFields ?? [], caseKey: nil)
        let value: T
        do {
            value = try T(from: probe)
        } catch let error as AvroError {
            throw error
        } catch {
            if probe.askedForAllKeys, let keys = probe.caseKeys {
                return try associatedValueEnum(type, name: name, keys: keys, options: customizing?.avroFields ?? [:])
            }
            throw AvroError(.invalidSchema, "\(T.self)'s init(from:) rejected the placeholder values that schema derivation gives it (\(error)); conform \(T.self) to AvroSchemaProviding to give its schema"
                + (probe.askedForAllKeys ? "; for an enum with associated values, declare its coding keys inside \(T.self), one per case, as CaseIterable: "
                    + "`enum CodingKeys: CodingKey, CaseIterable { case card, cash }` with your case names (the synthesized keys are private, so "
                    + "`extension \(T.self).CodingKeys: CaseIterable {}` does not compile)" : "")
                + (type is any RawRepresentable.Type ? "; for an enum with raw values, conform it to CaseIterable (written as its raw value: a string, an int or a long), "
                    + "or, with String raw values, to AvroEnum (an Avro enum)" : ""))
        }
        placeholders[id] = value
        switch probe.shape {
        case .single(let schema):
            return (schema, value)
        case .unkeyed(let items):
            return (.array(items ?? .null), value)
        case .keyed, .nothing:
            try Self.checkDerivedName(name, of: type)
            if let encodable = value as? any Encodable { try probe.addEncodedOnlyFields(EncodedKeysProbe.keys(of: encodable)) }
            let record = AvroSchema.record(.init(name: name, fields: try probe.finishedFields(), doc: customizing?.avroDoc,
                                                 aliases: (customizing?.avroAliases ?? []).map { AvroName(resolving: $0, in: name.namespace) }))
            definedNames[id] = name
            definitions[name] = record
            return (record, value)
        }
    }

    /// An enum with associated values: a union with one branch per case. A case whose only
    /// value is unlabelled and of a type named like the case (`case card(Card)`, `case
    /// string(String)`, `case long(Int)`) is that type's branch, as in schemas written by hand;
    /// any other case is a record named after the case in the enum's namespace
    /// (`Payload.click`), whose fields are the associated values (`_0`, `_1`, or their labels).
    /// ``AvroFieldOptions/name`` and `aliases`, by case name in ``AvroCustomizing/avroFields``,
    /// rename a case's record and give it former names.
    private func associatedValueEnum<T: Decodable>(_ type: T.Type, name: AvroName, keys: [String], options: [String: AvroFieldOptions]) throws -> (schema: AvroSchema, placeholder: T?) {
        let id = ObjectIdentifier(type)
        let pending = PendingEnum(name: name, keys: keys, options: options)
        inProgress[id] = nil
        pendingEnums[id] = pending
        defer { pendingEnums[id] = nil }
        let union = try caseUnion(type, pending)
        caseBranches[id] = keys.compactMap { pending.finished[$0] }
        return (union, placeholders[id] as? T)
    }

    /// An enum with associated values being derived: its name, its cases, the cases whose
    /// branches are being defined, and the finished ones as later uses write them.
    private final class PendingEnum {
        let name: AvroName
        let keys: [String]
        let options: [String: AvroFieldOptions]
        var started: Set<String> = []
        /// Cases referenced by their record's name while being derived (a recursive use):
        /// they stay records.
        var referencedEarly: Set<String> = []
        var finished: [String: AvroSchema] = [:]

        init(name: AvroName, keys: [String], options: [String: AvroFieldOptions]) {
            self.name = name
            self.keys = keys
            self.options = options
        }

        func caseName(_ key: String) -> AvroName { AvroName(resolving: options[key]?.name ?? key, in: name.fullname) }
    }

    /// The union of the branches of an enum being derived: the branches of cases met before
    /// are referenced, the others defined here. A recursive use inside a case (`indirect
    /// case add(Expr, Expr)`) so defines the cases not met yet, and every case is defined
    /// before any reference to it.
    private func caseUnion<T: Decodable>(_ type: T.Type, _ pending: PendingEnum) throws -> AvroSchema {
        .union(try pending.keys.map { key in
            if let finished = pending.finished[key] { return finished }
            if pending.started.contains(key) {
                pending.referencedEarly.insert(key)
                return .reference(pending.caseName(key).fullname)
            }
            pending.started.insert(key)
            let branch = try caseBranch(type, key: key, pending: pending)
            pending.finished[key] = Self.referenceForm(of: branch)
            return branch
        })
    }

    /// The branch of the enum case `key`: the type of its one unlabelled value when that type
    /// is named like the case, otherwise a record of the values its `init(from:)` decodes.
    private func caseBranch<T: Decodable>(_ type: T.Type, key: String, pending: PendingEnum) throws -> AvroSchema {
        let id = ObjectIdentifier(type)
        let caseName = pending.caseName(key)
        let probe = SchemaProbe(deriver: self, owner: caseName, fieldOptions: [:], caseKey: key)
        do {
            let value = try T(from: probe)
            if placeholders[id] == nil { placeholders[id] = value }
        } catch let missing as SchemaProbe.MissingPlaceholder {
            throw AvroError(.invalidSchema, "the case '\(key)' of \(T.self) needs a value of \(missing.typeName) before any other case has given one; "
                + "conform \(T.self) to AvroSchemaProviding", path: key)
        } catch let error as AvroError {
            throw error
        } catch {
            // The case's init(from:) checks failed on placeholders; its fields are recorded.
        }
        let fields = try probe.finishedFields()
        if fields.count == 1, fields[0].name == "_0", pending.options[key] == nil, !pending.referencedEarly.contains(key),
           Self.isNamed(fields[0].type, like: key) {
            return fields[0].type
        }
        try claim(caseName, for: type)
        try Self.checkDerivedName(caseName, ofCase: key, in: type)
        let record = AvroSchema.record(.init(name: caseName, fields: fields, aliases: (pending.options[key]?.aliases ?? []).map { AvroName(resolving: $0, in: caseName.namespace) }))
        definitions[caseName] = record
        return record
    }

    /// Whether `schema` is a type the enum case `key` names: a record, enum or fixed whose
    /// name is the key (its first letter in either case), or an unnamed type whose Avro name
    /// is the key (`string`, `long`, `array`, `map`), as the coders match cases to branches.
    private static func isNamed(_ schema: AvroSchema, like key: String) -> Bool {
        let name: String
        switch schema.kind {
        case .union: return false
        case .reference(let reference): name = reference.name
        default:
            guard let named = schema.name else { return schema.logicalType == nil && schema.typeName == key }
            name = named.name
        }
        return name == key || (name.prefix(1).lowercased() == key.prefix(1).lowercased() && name.dropFirst() == key.dropFirst())
    }

    /// `schema` as a later use writes it: named types by reference.
    private static func referenceForm(of schema: AvroSchema) -> AvroSchema {
        if let name = schema.name { return .reference(name.fullname) }
        var copy = schema
        switch schema.kind {
        case .array(let items): copy.kind = .array(referenceForm(of: items))
        case .map(let values): copy.kind = .map(referenceForm(of: values))
        case .union(let branches): copy.kind = .union(branches.map(referenceForm(of:)))
        default: break
        }
        return copy
    }

    /// Throws unless `name`, derived for `type`, is a name every reader accepts: valid
    /// simple name and namespace parts (`[A-Za-z_][A-Za-z0-9_]*`), and no primitive type name.
    static func checkDerivedName(_ name: AvroName, of type: Any.Type) throws {
        guard let problem = problem(with: name) else { return }
        throw AvroError(.invalidSchema, "the Avro name '\(name)' of \(type) \(problem); give \(type) a valid name and namespace with AvroCustomizing.avroName and avroNamespace")
    }

    private static func checkDerivedName(_ name: AvroName, ofCase key: String, in type: Any.Type) throws {
        guard let problem = problem(with: name) else { return }
        throw AvroError(.invalidSchema, "the record '\(name)' of the case '\(key)' of \(type) \(problem); rename the case's record in \(type).avroFields (AvroCustomizing), "
            + "for example \"\(key)\": .init(name: \"\(validName(from: key).prefix(1).uppercased() + validName(from: key).dropFirst())\")", path: key)
    }

    private static func problem(with name: AvroName) -> String? {
        if !AvroName.isValidName(name.name) { return "is not a valid Avro name ([A-Za-z_][A-Za-z0-9_]*)" }
        if AvroSchema.primitiveNames.contains(name.name) { return "is a primitive type's name, which no named type may take" }
        if !name.namespace.isEmpty, name.namespace.split(separator: ".", omittingEmptySubsequences: false).contains(where: { !AvroName.isValidName(String($0)) }) {
            return "has a namespace that is not dot-separated valid names"
        }
        return nil
    }

    // MARK: - Primitives

    /// The schemas of primitive and Foundation types, with a placeholder.
    static func primitive<T>(_ type: T.Type) -> (schema: AvroSchema, placeholder: T?)? {
        func result(_ schema: AvroSchema, _ value: Any) -> (AvroSchema, T?) { (schema, value as? T) }
        if let integer = type as? any FixedWidthInteger.Type {
            // Never a Swift Int as an Avro int: only types that fit in 32 bits.
            let fitsInt = integer.bitWidth < 32 || (integer.bitWidth == 32 && integer.isSigned)
            return (fitsInt ? .int : .long, integer.zero as? T)
        }
        switch type {
        case is String.Type: return result(.string, "")
        case is Bool.Type: return result(.boolean, false)
        case is Double.Type: return result(.double, 0.0)
        case is Float.Type: return result(.float, Float(0))
        case is Data.Type: return result(.bytes, Data())
        case is [UInt8].Type: return result(.bytes, [UInt8]())
        case is Date.Type: return result(AvroSchema(.long, logicalType: .timestampMillis), Date(timeIntervalSince1970: 0))
        case is UUID.Type: return result(AvroSchema(.string, logicalType: .uuid), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case is Decimal.Type: return result(AvroSchema(.bytes, logicalType: .decimal(precision: 38, scale: 10)), Decimal(0))
        case is URL.Type: return result(.string, URL(fileURLWithPath: "/"))
        case is Character.Type: return result(.string, Character(" "))
        default: return nil
        }
    }

    /// `["null", schema]`, or `null` added to a union.
    static func nullable(_ schema: AvroSchema) -> AvroSchema {
        if case .union(let branches) = schema.kind {
            if branches.contains(where: { if case .null = $0.kind { true } else { false } }) { return schema }
            return .union([.null] + branches)
        }
        return .union([.null, schema])
    }
}
