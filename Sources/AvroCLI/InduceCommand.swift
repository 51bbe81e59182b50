import Avro

/// `avro induce`: the schema of JSON records, inferred from the records themselves.
extension Command {
    static let induce = Command(
        name: "induce",
        summary: "Print a schema that JSON records fit, inferred from the records.",
        synopsis: "induce [--name NAME] [--namespace NS] [JSONFILE]",
        discussion: """
            Reads JSON values (one per line, or pretty-printed, separated by white space) from
            JSONFILE or standard input, and prints the schema of a record they all fit, as
            avro-tools' induce prints the schema of a class: objects become records (nested
            ones named after their field), integers longs, other numbers doubles, and a field
            missing or null in some records a union with null whose default is null. Values of
            different types in one place become a union (`avro fromjson` then wants their
            values in the Avro JSON encoding, such as {"string": "Ada"}). A key that is not a
            valid Avro name is an error naming it and its line.
            """,
        options: [
            .value("--name", valueName: "NAME", help: "The name of the top record (default: Record)."),
            .value("--namespace", valueName: "NS", help: "The namespace of the records."),
        ],
        operands: 0...1,
        example: "induce --name Weather weather.jsonl > weather.avsc",
        run: { arguments, console in
            let input = InputFile(path: arguments.operands.first ?? "-")
            let text = JSONTextReader(try input.open())
            var shape: InferredShape?
            while let value = try text.next(from: input.name) {
                let json: AvroJSON
                do {
                    json = try AvroJSON(parsing: value.bytes)
                } catch {
                    throw value.failure(error, source: input.name)
                }
                guard case .object = json else { throw CLIError.failure("\(input.name): line \(value.line): expected a JSON object (a record), found \(json)") }
                let inferred = try InferredShape(json, line: value.line, source: input.name)
                shape = shape.map { $0.merged(with: inferred) } ?? inferred
            }
            guard let shape else { throw CLIError.failure("\(input.name): no JSON values to infer a schema from") }
            var names = Set<String>()
            let json = shape.schemaJSON(name: arguments.value("--name") ?? "Record", namespace: arguments.value("--namespace"), names: &names)
            do {
                try console.writeLine(AvroSchema(parsing: json.serialized()).jsonString(pretty: true))
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError.failure("the inferred schema is not valid: \(CLIError.describing(error).message)")
            }
            return 0
        })
}

/// The shape of the JSON values seen in one place: what `induce` infers a schema from.
indirect enum InferredShape {
    case null, boolean, long, double, string
    /// An array and the shape of its items (`nil`: only empty arrays were seen).
    case array(InferredShape?)
    /// An object: its keys in the order first seen, each with its shape and the number of
    /// objects that had it, and the number of objects.
    case record(fields: [(name: String, shape: InferredShape, count: Int)], count: Int)
    /// Shapes of different kinds seen in one place, none a union.
    case union([InferredShape])

    /// The shape of `json`, found at `line` of `source`.
    init(_ json: AvroJSON, line: Int, source: String) throws(CLIError) {
        switch json {
        case .null: self = .null
        case .bool: self = .boolean
        case .integer: self = .long
        case .double: self = .double
        case .string: self = .string
        case .array(let items):
            var shape: InferredShape?
            for item in items {
                let inferred = try InferredShape(item, line: line, source: source)
                shape = shape.map { $0.merged(with: inferred) } ?? inferred
            }
            self = .array(shape)
        case .object(let members):
            var fields: [(name: String, shape: InferredShape, count: Int)] = []
            for (key, value) in members {
                guard AvroName.isValidName(key) else {
                    throw .failure("\(source): line \(line): the key '\(key)' is not a valid Avro field name (letters, digits and '_', not starting with a digit)")
                }
                fields.append((key, try InferredShape(value, line: line, source: source), 1))
            }
            self = .record(fields: fields, count: 1)
        }
    }

    /// The kind of shape, for matching union members: numbers are one kind.
    private var kind: Int {
        switch self {
        case .null: 0
        case .boolean: 1
        case .long, .double: 2
        case .string: 3
        case .array: 4
        case .record: 5
        case .union: 6
        }
    }

    /// The members of a union, or the shape alone.
    private var members: [InferredShape] {
        if case .union(let members) = self { members } else { [self] }
    }

    /// The shape of the values of both.
    func merged(with other: InferredShape) -> InferredShape {
        switch (self, other) {
        case (.null, .null): return .null
        case (.boolean, .boolean): return .boolean
        case (.long, .long): return .long
        case (.long, .double), (.double, .long), (.double, .double): return .double
        case (.string, .string): return .string
        case (.array(let a), .array(let b)):
            return .array(a.map { a in b.map { a.merged(with: $0) } ?? a } ?? b)
        case (.record(let a, let countA), .record(let b, let countB)):
            var fields = a
            for field in b {
                if let index = fields.firstIndex(where: { $0.name == field.name }) {
                    fields[index] = (field.name, fields[index].shape.merged(with: field.shape), fields[index].count + field.count)
                } else {
                    fields.append(field)
                }
            }
            return .record(fields: fields, count: countA + countB)
        default:
            var members = self.members
            for member in other.members {
                if let index = members.firstIndex(where: { $0.kind == member.kind }) {
                    members[index] = members[index].merged(with: member)
                } else {
                    members.append(member)
                }
            }
            members.sort { $0.kind < $1.kind } // null first, as a default of null needs
            return members.count == 1 ? members[0] : .union(members)
        }
    }

    /// The schema of the shape as JSON; records are named `name` (nested ones after their
    /// field), each name once (`names` holds those used).
    func schemaJSON(name: String, namespace: String?, names: inout Set<String>) -> AvroJSON {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .long: return "long"
        case .double: return "double"
        case .string: return "string"
        case .array(let items):
            return ["type": "array", "items": items?.schemaJSON(name: name, namespace: namespace, names: &names) ?? "null"]
        case .union(let members):
            return .array(members.map { $0.schemaJSON(name: name, namespace: namespace, names: &names) })
        case .record(let fields, let count):
            var unique = name, suffix = 2
            while names.contains(unique) {
                unique = "\(name)\(suffix)"
                suffix += 1
            }
            names.insert(unique)
            var record: AvroJSON.Object = ["type": "record", "name": .string(unique)]
            if let namespace { record["namespace"] = .string(namespace) }
            record["fields"] = .array(fields.map { field in
                let typeName = field.name.prefix(1).uppercased() + field.name.dropFirst()
                var shape = field.shape
                if field.count < count { shape = InferredShape.null.merged(with: shape) }
                var object: AvroJSON.Object = ["name": .string(field.name), "type": shape.schemaJSON(name: typeName, namespace: namespace, names: &names)]
                if shape.kind == 0 || shape.members.first?.kind == 0 { object["default"] = .null }
                return .object(object)
            })
            return .object(record)
        }
    }
}
