import Foundation

/// Infers the Avro schema of `Decodable` types (DESIGN §3): primitives and Foundation types
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
    /// Enums with associated values already written: later uses reference their cases.
    private var caseNames: [ObjectIdentifier: [AvroName]] = [:]
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
        if let cases = caseNames[id] { return (.union(cases.map { .reference($0.fullname) }), placeholders[id] as? T) }
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
        if let cases = type as? any CaseIterable.Type, let first = Self.firstCase(cases) as? T,
           (first as? any RawRepresentable)?.rawValue is String {
            return (.string, first) // a String-backed enum that is not an AvroEnum
        }
        return try probe(type)
    }

    /// `derive` for a type known only at run time.
    func deriveAny(_ type: any Decodable.Type) throws -> AvroSchema {
        try derive(type).schema
    }

    private static func firstCase<C: CaseIterable>(_ type: C.Type) -> Any? { type.allCases.first }

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
        let written = customizing?.avroName ?? String(describing: type)
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
        return AvroName(name: name, namespace: customizing?.avroNamespace ?? "")
    }

    private func avroEnum<T>(_ type: T.Type, _ enumeration: any AvroEnum.Type) throws -> (schema: AvroSchema, placeholder: T?) {
        func details<E: AvroEnum>(_ type: E.Type) -> (symbols: [String], first: Any?, defaultSymbol: String?) {
            (E.allCases.map(\.rawValue), E.allCases.first, E.avroDefaultSymbol?.rawValue)
        }
        let (symbols, first, defaultSymbol) = details(enumeration)
        let customizing = type as? any AvroCustomizing.Type
        return try named(type, name: Self.avroName(of: type)) { name in
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
                return try associatedValueEnum(type, name: name, keys: keys)
            }
            throw AvroError(.invalidSchema, "\(T.self)'s init(from:) rejected the placeholder values that schema derivation gives it (\(error)); conform \(T.self) to AvroSchemaProviding to give its schema"
                + (probe.askedForAllKeys ? ", or, for an enum with associated values, declare its CodingKeys as CaseIterable" : "")
                + (type is any RawRepresentable.Type ? ", or, for an enum with String raw values, conform it to CaseIterable (a string) or AvroEnum (an Avro enum)" : ""))
        }
        placeholders[id] = value
        switch probe.shape {
        case .single(let schema):
            return (schema, value)
        case .unkeyed(let items):
            return (.array(items ?? .null), value)
        case .keyed, .nothing:
            if let encodable = value as? any Encodable { try probe.addEncodedOnlyFields(EncodedKeysProbe.keys(of: encodable)) }
            let record = AvroSchema.record(.init(name: name, fields: try probe.finishedFields(), doc: customizing?.avroDoc,
                                                 aliases: (customizing?.avroAliases ?? []).map { AvroName(resolving: $0, in: name.namespace) }))
            definedNames[id] = name
            definitions[name] = record
            return (record, value)
        }
    }

    /// An enum with associated values: a union with one record per case, named after the
    /// case in the enum's namespace (`Payload.click`), whose fields are the associated values
    /// (`_0`, `_1`, or their labels).
    private func associatedValueEnum<T: Decodable>(_ type: T.Type, name: AvroName, keys: [String]) throws -> (schema: AvroSchema, placeholder: T?) {
        let id = ObjectIdentifier(type)
        let pending = PendingEnum(name: name, keys: keys)
        inProgress[id] = nil
        pendingEnums[id] = pending
        defer { pendingEnums[id] = nil }
        let union = try caseUnion(type, pending)
        caseNames[id] = keys.map(pending.caseName)
        return (union, placeholders[id] as? T)
    }

    /// An enum with associated values being derived: its name, its cases, and the cases
    /// whose records are defined or being defined.
    private final class PendingEnum {
        let name: AvroName
        let keys: [String]
        var started: Set<String> = []

        init(name: AvroName, keys: [String]) {
            self.name = name
            self.keys = keys
        }

        func caseName(_ key: String) -> AvroName { AvroName(name: key, namespace: name.fullname) }
    }

    /// The union of the case records of an enum being derived: the records of cases met
    /// before are referenced, the others defined here. A recursive use inside a case
    /// (`indirect case add(Expr, Expr)`) so defines the cases not met yet, and every case
    /// is defined before any reference to it.
    private func caseUnion<T: Decodable>(_ type: T.Type, _ pending: PendingEnum) throws -> AvroSchema {
        .union(try pending.keys.map { key in
            let caseName = pending.caseName(key)
            if pending.started.contains(key) { return .reference(caseName.fullname) }
            pending.started.insert(key)
            return try caseRecord(type, key: key, name: caseName)
        })
    }

    /// The record of the enum case `key`: the fields its `init(from:)` decodes.
    private func caseRecord<T: Decodable>(_ type: T.Type, key: String, name caseName: AvroName) throws -> AvroSchema {
        let id = ObjectIdentifier(type)
        try claim(caseName, for: type)
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
        let record = AvroSchema.record(.init(name: caseName, fields: try probe.finishedFields()))
        definitions[caseName] = record
        return record
    }

    // MARK: - Primitives

    /// The schemas of primitive and Foundation types (DESIGN §3), with a placeholder.
    static func primitive<T>(_ type: T.Type) -> (schema: AvroSchema, placeholder: T?)? {
        func result(_ schema: AvroSchema, _ value: Any) -> (AvroSchema, T?) { (schema, value as? T) }
        if let integer = type as? any FixedWidthInteger.Type {
            // Never a Swift Int as an Avro int (DESIGN §3): only types that fit in 32 bits.
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
