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
        for name in records where reaches(name, from: name, inline: false, through: []) { recursive.insert(name) }
        while let next = records.first(where: { !classes.contains($0) && reaches($0, from: $0, inline: true, through: []) }) {
            classes.insert(next)
        }
    }

    /// Whether record `target` is reachable from the fields of record `start`; `inline` only
    /// through fields, unions and struct records (not arrays, maps or classes).
    private func reaches(_ target: AvroName, from start: AvroName, inline: Bool, through visited: Set<AvroName>) -> Bool {
        guard case .record(let record) = definitions[start]?.kind else { return false }
        var visited = visited
        visited.insert(start)
        var pending = record.fields.map(\.type)
        while let schema = pending.popLast() {
            switch schema.kind {
            case .array(let items): if !inline { pending.append(items) }
            case .map(let values): if !inline { pending.append(values) }
            case .union(let branches): pending += branches
            case .record(let nested): if reachesName(nested.name) { return true }
            case .reference(let name): if reachesName(name) { return true }
            default: break
            }
        }
        return false

        func reachesName(_ name: AvroName) -> Bool {
            if name == target { return true }
            if visited.contains(name) || (inline && classes.contains(name)) { return false }
            return reaches(target, from: name, inline: inline, through: visited)
        }
    }

    // MARK: - Names

    /// The Swift type name of Avro type `name`.
    static func swiftTypeName(_ name: AvroName, _ naming: AvroSwiftGenerator.Options.TypeNaming) -> String {
        switch naming {
        case .shortName: return SwiftNames.escaped(name.name)
        case .namespacePrefixed:
            let parts = name.namespace.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            return SwiftNames.escaped(parts.joined() + name.name)
        }
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
