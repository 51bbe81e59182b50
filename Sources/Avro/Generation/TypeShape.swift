import Foundation

/// How a schema is held in generated Swift: its Swift type, and the code that writes and
/// reads it.
indirect enum TypeShape {
    /// A primitive or logical value written and read by one expression each: `write` with
    /// `{}` standing for the value, and `read`.
    case value(swift: String, write: String, read: String, throwsOnWrite: Bool)
    /// A record or enum with its own `avroEncode(to:)` and `init(avroFrom:)`.
    case named(swift: String, recursive: Bool)
    /// `Data` of a fixed size.
    case fixed(size: Int)
    case optional(TypeShape, nullIndex: Int, valueIndex: Int)
    case array(TypeShape, minItemSize: Int)
    case map(TypeShape, minItemSize: Int)
    /// An enum nested in the record, a case per branch; optional when the union has `null`.
    case union(swift: String, cases: [UnionCase], nullIndex: Int?)

    struct UnionCase {
        let name: String
        let index: Int
        let shape: TypeShape
        /// The name Codable writes for the case when it is not the case's own: the branch's
        /// full name, for a branch whose simple name another branch shares.
        var codingKey: String? = nil
    }

    /// The Swift type.
    var swiftType: String {
        switch self {
        case .value(let swift, _, _, _), .named(let swift, _): swift
        case .fixed: "Data"
        case .optional(let wrapped, _, _): wrapped.swiftType + "?"
        case .array(let items, _): "[\(items.swiftType)]"
        case .map(let values, _): "[String: \(values.swiftType)]"
        case .union(let swift, _, let nullIndex): nullIndex == nil ? swift : swift + "?"
        }
    }

    // MARK: - Writing

    /// Statements that write `value`, indented by `indent`; `depth` numbers the locals of
    /// nested statements.
    func encode(_ value: String, indent: String, depth: Int = 1) -> [String] {
        let inner = indent + "    "
        switch self {
        case .value(_, let write, _, let throwsOnWrite):
            return [indent + (throwsOnWrite ? "try " : "") + write.replacingOccurrences(of: "{}", with: value)]
        case .named(_, let recursive):
            return [indent + (recursive ? "try writer.nested { try \(value).avroEncode(to: &$0) }" : "try \(value).avroEncode(to: &writer)")]
        case .fixed(let size):
            return [indent + "guard \(value).count == \(size) else { throw AvroError(.valueOutOfRange, \"expected \(size) bytes for the fixed, found \\(\(value).count)\") }",
                    indent + "writer.writeFixed(\(value))"]
        case .optional(let wrapped, let nullIndex, let valueIndex):
            let local = "value\(depth)"
            return [indent + "if let \(local) = \(value) {", inner + "writer.writeLong(\(valueIndex))"]
                + wrapped.encode(local, indent: inner, depth: depth + 1)
                + [indent + "} else {", inner + "writer.writeLong(\(nullIndex))", indent + "}"]
        case .array(let items, _):
            let local = "item\(depth)"
            return [indent + "if !\(value).isEmpty {", inner + "writer.writeLong(Int64(\(value).count))", inner + "for \(local) in \(value) {"]
                + items.encode(local, indent: inner + "    ", depth: depth + 1)
                + [inner + "}", indent + "}", indent + "writer.writeLong(0)"]
        case .map(let values, _):
            let key = "key\(depth)", local = "value\(depth)"
            return [indent + "if !\(value).isEmpty {", inner + "writer.writeLong(Int64(\(value).count))", inner + "for (\(key), \(local)) in \(value) {",
                    inner + "    writer.writeString(\(key))"]
                + values.encode(local, indent: inner + "    ", depth: depth + 1)
                + [inner + "}", indent + "}", indent + "writer.writeLong(0)"]
        case .union(_, let cases, let nullIndex):
            let local = "value\(depth)"
            var lines: [String] = []
            var body = indent
            var subject = value
            if nullIndex != nil {
                subject = "union\(depth)"
                lines = [indent + "if let \(subject) = \(value) {"]
                body = inner
            }
            lines.append(body + "switch \(subject) {")
            for unionCase in cases {
                lines.append(body + "case .\(unionCase.name)(let \(local)):")
                lines.append(body + "    writer.writeLong(\(unionCase.index))")
                lines += unionCase.shape.encode(local, indent: body + "    ", depth: depth + 1)
            }
            lines.append(body + "}")
            if let nullIndex { lines += [indent + "} else {", inner + "writer.writeLong(\(nullIndex))", indent + "}"] }
            return lines
        }
    }

    // MARK: - Reading

    /// Statements that read a value into `target` (declared by the caller), indented by
    /// `indent`.
    func decode(into target: String, indent: String, depth: Int = 1) -> [String] {
        let inner = indent + "    "
        switch self {
        case .value(_, _, let read, _):
            return [indent + "\(target) = try \(read)"]
        case .named(let swift, let recursive):
            // `read()` finds the type from the target's, in case a member has the type's name.
            return [indent + (recursive ? "\(target) = try reader.nested { try $0.read() as \(swift) }" : "\(target) = try reader.read() as \(swift)")]
        case .fixed(let size):
            return [indent + "\(target) = try Data(reader.readRawBytes(count: \(size)))"]
        case .optional(let wrapped, let nullIndex, let valueIndex):
            let start = "start\(depth)", local = "value\(depth)"
            return [indent + "let \(start) = reader.offset", indent + "switch try reader.readLong() {",
                    indent + "case \(nullIndex): \(target) = nil", indent + "case \(valueIndex):", inner + "let \(local): \(wrapped.swiftType)"]
                + wrapped.decode(into: local, indent: inner, depth: depth + 1)
                + [inner + "\(target) = \(local)", indent + "case let branch: throw Self.badBranch(branch, at: \(start))", indent + "}"]
        case .array(let items, let minItemSize):
            let count = "count\(depth)", list = "items\(depth)", local = "item\(depth)"
            return [indent + "var \(list): [\(items.swiftType)] = []",
                    indent + "while case let \(count) = try reader.readBlockCount(minItemSize: \(minItemSize)), \(count) > 0 {",
                    inner + "\(list).reserveCapacity(\(list).count + \(count))",
                    inner + "for _ in 0..<\(count) {", inner + "    let \(local): \(items.swiftType)"]
                + items.decode(into: local, indent: inner + "    ", depth: depth + 1)
                + [inner + "    \(list).append(\(local))", inner + "}", indent + "}", indent + "\(target) = \(list)"]
        case .map(let values, let minItemSize):
            let count = "count\(depth)", map = "map\(depth)", key = "key\(depth)", local = "value\(depth)"
            return [indent + "var \(map): [String: \(values.swiftType)] = [:]",
                    indent + "while case let \(count) = try reader.readBlockCount(minItemSize: \(minItemSize)), \(count) > 0 {",
                    inner + "for _ in 0..<\(count) {", inner + "    let \(key) = try reader.readString()", inner + "    let \(local): \(values.swiftType)"]
                + values.decode(into: local, indent: inner + "    ", depth: depth + 1)
                + [inner + "    \(map)[\(key)] = \(local)", inner + "}", indent + "}", indent + "\(target) = \(map)"]
        case .union(let swift, let cases, let nullIndex):
            let start = "start\(depth)", local = "value\(depth)"
            var lines = [indent + "let \(start) = reader.offset", indent + "switch try reader.readLong() {"]
            if let nullIndex { lines.append(indent + "case \(nullIndex): \(target) = nil") }
            for unionCase in cases {
                lines += [indent + "case \(unionCase.index):", inner + "let \(local): \(unionCase.shape.swiftType)"]
                lines += unionCase.shape.decode(into: local, indent: inner, depth: depth + 1)
                lines.append(inner + "\(target) = \(swift).\(unionCase.name)(\(local))")
            }
            lines += [indent + "case let branch: throw Self.badBranch(branch, at: \(start))", indent + "}"]
            return lines
        }
    }

    /// Whether writing can throw.
    var encodeThrows: Bool {
        switch self {
        case .value(_, _, _, let throwsOnWrite): throwsOnWrite
        case .named, .fixed: true
        case .optional(let wrapped, _, _): wrapped.encodeThrows
        case .array(let items, _): items.encodeThrows
        case .map(let values, _): values.encodeThrows
        case .union(_, let cases, _): cases.contains { $0.shape.encodeThrows }
        }
    }
}
