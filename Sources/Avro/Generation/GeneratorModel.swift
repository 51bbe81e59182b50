/// The named types of the schemas being generated, their Swift names and shapes, and the
/// writing of their source (see ``AvroSwiftGenerator``).
struct GeneratorModel {
    /// A named type to declare: its definition, and the standalone schema it carries.
    struct Named {
        let name: AvroName
        let definition: AvroSchema
        let standalone: AvroSchema
        let swiftName: String
    }

    let options: AvroSwiftGenerator.Options
    private(set) var named: [Named] = []
    private var indexOfName: [AvroName: Int] = [:]
    private var definitions: [AvroName: AvroSchema] = [:]
    /// Records that contain themselves other than through an array or map: final classes.
    private var classes: Set<AvroName> = []
    /// Records that contain themselves in any way: their values are read and written one
    /// level deeper each (``AvroBinaryReader/nested(_:)``).
    private var recursive: Set<AvroName> = []
    /// The fewest bytes a value of each record takes.
    private var recordSizes: [AvroName: Int] = [:]

    init(_ schemas: [AvroSchema], options: AvroSwiftGenerator.Options) throws {
        self.options = options
        for schema in schemas { collect(schema) }
        var swiftNames: [String: AvroName] = [:]
        for index in named.indices {
            let definition = named[index].definition
            let swiftName = Self.swiftTypeName(named[index].name, options.typeNaming)
            if let other = swiftNames[swiftName] {
                throw AvroError(.unsupported, "the types \(other.fullname) and \(named[index].name.fullname) would both be the Swift type \(swiftName); "
                                + "generate with namespace-prefixed type names", path: named[index].name.fullname)
            }
            swiftNames[swiftName] = named[index].name
            named[index] = Named(name: named[index].name, definition: definition, standalone: standalone(definition), swiftName: swiftName)
        }
        findRecursion()
        computeRecordSizes()
    }

    /// The fewest bytes a value of each record takes: the bound block counts of arrays and
    /// maps of it are checked against. Found by rounds until nothing grows; a record that can
    /// only contain itself grows to a cap.
    private mutating func computeRecordSizes() {
        let cap = 1 << 20
        var changed = true
        var rounds = 0
        while changed && rounds <= named.count {
            changed = false
            rounds += 1
            for type in named {
                guard case .record(let record) = type.definition.kind else { continue }
                let size = min(cap, record.fields.reduce(0) { $0 + minimumSize($1.type) })
                if size != recordSizes[type.name] {
                    recordSizes[type.name] = size
                    changed = true
                }
            }
        }
    }

    /// The fewest bytes a value of `schema` takes, as far as ``recordSizes`` knows.
    func minimumSize(_ schema: AvroSchema) -> Int {
        switch schema.kind {
        case .null: return 0
        case .float: return 4
        case .double: return 8
        case .fixed(let fixed): return fixed.size
        case .record(let record): return recordSizes[record.name] ?? 0
        case .reference(let name):
            guard let definition = definitions[name] else { return 0 }
            if case .record = definition.kind { return recordSizes[name] ?? 0 }
            return minimumSize(definition)
        default: return 1
        }
    }

    // MARK: - Collecting

    /// Notes every named type `schema` defines, in the order of their definitions.
    private mutating func collect(_ schema: AvroSchema) {
        switch schema.kind {
        case .record(let record):
            define(record.name, schema)
            for field in record.fields { collect(field.type) }
        case .enumeration(let enumeration): define(enumeration.name, schema)
        case .fixed(let fixed): define(fixed.name, schema)
        case .array(let items): collect(items)
        case .map(let values): collect(values)
        case .union(let branches): branches.forEach { collect($0) }
        default: break
        }
    }

    private mutating func define(_ name: AvroName, _ schema: AvroSchema) {
        guard indexOfName[name] == nil else { return }
        indexOfName[name] = named.count
        definitions[name] = schema
        named.append(Named(name: name, definition: schema, standalone: schema, swiftName: ""))
    }

    /// `schema` with every reference to a type it does not define itself replaced by that
    /// type's definition, at its first use: a schema that stands on its own.
    private func standalone(_ schema: AvroSchema) -> AvroSchema {
        var defined: Set<AvroName> = []
        return inlined(schema, defined: &defined)
    }

    private func inlined(_ schema: AvroSchema, defined: inout Set<AvroName>) -> AvroSchema {
        var copy = schema
        switch schema.kind {
        case .reference(let name):
            guard !defined.contains(name), let definition = definitions[name] else { return schema }
            return inlined(definition, defined: &defined)
        case .record(var record):
            defined.insert(record.name)
            for index in record.fields.indices { record.fields[index].type = inlined(record.fields[index].type, defined: &defined) }
            copy.kind = .record(record)
        case .enumeration(let enumeration): defined.insert(enumeration.name)
        case .fixed(let fixed): defined.insert(fixed.name)
        case .array(let items): copy.kind = .array(inlined(items, defined: &defined))
        case .map(let values): copy.kind = .map(inlined(values, defined: &defined))
        case .union(let branches): copy.kind = .union(branches.map { inlined($0, defined: &defined) })
        default: break
        }
        return copy
    }

    /// Finds the records that contain themselves: through anything (``recursive``), and other
    /// than through an array or map (``classes``, chosen one at a time until no struct contains
    /// itself, since each class breaks the cycles through it).
    private mutating func findRecursion() {
        let records = named.filter { if case .record = $0.definition.kind { true } else { false } }.map(\.name)
        for name in records where reaches(name, from: name, inline: false) { recursive.insert(name) }
        while let next = records.first(where: { !classes.contains($0) && reaches($0, from: $0, inline: true) }) {
            classes.insert(next)
        }
    }

    /// Whether record `target` is reachable from the fields of record `start`; `inline` only
    /// through fields, unions and struct records (not arrays, maps or classes).
    private func reaches(_ target: AvroName, from start: AvroName, inline: Bool) -> Bool {
        var visited: Set<AvroName> = [start]
        var pending: [AvroSchema] = []
        if case .record(let record)? = definitions[start]?.kind { pending = record.fields.map(\.type) }
        while let schema = pending.popLast() {
            let name: AvroName
            switch schema.kind {
            case .array(let items):
                if !inline { pending.append(items) }
                continue
            case .map(let values):
                if !inline { pending.append(values) }
                continue
            case .union(let branches):
                pending += branches
                continue
            case .record(let nested): name = nested.name
            case .reference(let reference): name = reference
            default: continue
            }
            if name == target { return true }
            guard !visited.contains(name), !(inline && classes.contains(name)) else { continue }
            visited.insert(name)
            if case .record(let record)? = definitions[name]?.kind { pending += record.fields.map(\.type) }
        }
        return false
    }

    // MARK: - Names

    /// The Swift type name of Avro type `name`. A name that generated code uses for a type
    /// of its own (`Int`, `String`, `Data`…) gets `Type` after it, so that it does not hide it.
    static func swiftTypeName(_ name: AvroName, _ naming: AvroSwiftGenerator.Options.TypeNaming) -> String {
        let base: String
        switch naming {
        case .shortName: base = name.name
        case .namespacePrefixed: base = name.namespace.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + name.name
        }
        return SwiftNames.escaped(SwiftNames.typesGeneratedCodeUses.contains(base) ? base + "Type" : base)
    }

    /// The Swift name of the named type `name`.
    func swiftName(of name: AvroName) -> String {
        indexOfName[name].map { named[$0].swiftName } ?? name.name
    }

    func definition(of name: AvroName) -> AvroSchema? { definitions[name] }
    func isClass(_ name: AvroName) -> Bool { classes.contains(name) }
    func isRecursive(_ name: AvroName) -> Bool { recursive.contains(name) }

    // MARK: - Source

    func source() throws -> String {
        var lines = ["// Generated by avro generate from Avro schemas. Do not edit: change the schema and generate again.", "", "import Avro", "import Foundation"]
        for type in named {
            lines.append("")
            var writer = TypeWriter(model: self, type: type)
            lines += try writer.declaration()
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
