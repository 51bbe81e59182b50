/// The hot-path view of a compiled schema node: trivial values only, so reading one copies a
/// few words and retains nothing. The Codable coders use it for every value; the richer
/// ``SchemaNode`` serves messages and the slower paths.
struct NodeInfo: Sendable {
    enum Kind: UInt8, Sendable {
        case null, boolean, int, long, float, double, bytes, string, fixed, enumeration, array, map, union, record
    }

    var kind: Kind
    var logicalType: AvroLogicalType?
    /// Arrays: the items node. Maps: the values node. Fixed: the size.
    var child = 0
    /// Records: the position of the first field in ``CompiledSchema/fieldNames``. Unions: of
    /// the first branch in ``CompiledSchema/branchNodes``.
    var first = 0
    /// Records: the number of fields. Unions: of branches. Enums: of symbols.
    var count = 0
    /// Unions: the null branch, or -1.
    var nullBranch = -1
    /// Unions: the only branch other than null, or -1.
    var soleValueBranch = -1
    /// The fewest bytes a value takes (see ``SchemaNode/minSize``).
    var minSize = 0

    init(_ node: SchemaNode, fieldStart: Int, branchStart: Int) {
        logicalType = node.logicalType
        minSize = node.minSize
        nullBranch = node.nullBranch ?? -1
        soleValueBranch = node.soleValueBranch ?? -1
        switch node.kind {
        case .null: kind = .null
        case .boolean: kind = .boolean
        case .int: kind = .int
        case .long: kind = .long
        case .float: kind = .float
        case .double: kind = .double
        case .bytes: kind = .bytes
        case .string: kind = .string
        case .fixed(let size):
            kind = .fixed
            child = size
        case .enumeration(let enumeration):
            kind = .enumeration
            count = enumeration.symbols.count
        case .array(let items):
            kind = .array
            child = items
        case .map(let values):
            kind = .map
            child = values
        case .union(let branches):
            kind = .union
            first = branchStart
            count = branches.count
        case .record(let record):
            kind = .record
            first = fieldStart
            count = record.fields.count
        }
    }
}

extension CompiledSchema {
    /// The flat tables of the hot path, built from the nodes.
    static func hotTables(_ nodes: [SchemaNode]) -> (info: [NodeInfo], fieldNames: [String], fieldTypes: [Int], branchNodes: [Int]) {
        var info: [NodeInfo] = []
        var fieldNames: [String] = []
        var fieldTypes: [Int] = []
        var branchNodes: [Int] = []
        info.reserveCapacity(nodes.count)
        for node in nodes {
            info.append(NodeInfo(node, fieldStart: fieldNames.count, branchStart: branchNodes.count))
            if case .record(let record) = node.kind {
                fieldNames += record.fields.map(\.name)
                fieldTypes += record.fields.map(\.type)
            }
            if case .union(let branches) = node.kind { branchNodes += branches }
        }
        return (info, fieldNames, fieldTypes, branchNodes)
    }
}
