/// What the coders read of a compiled schema node: trivial values only, so reading one copies
/// a few words and retains nothing. Every path that walks values (the Codable coders, the
/// ``AvroValue`` binary coder, transcoding) reads nodes as these, through
/// ``CompiledSchema/info``; names, symbols, fields and defaults are looked up by node index
/// (``CompiledSchema/typeName(of:)``, ``CompiledSchema/record(_:)``…) where a value needs them.
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
    /// Unions: the position of the null branch, or -1.
    var nullBranch = -1
    /// Unions: the position of the only branch other than null, or -1.
    var soleValueBranch = -1
    /// The fewest bytes a value takes: the bound that array and map counts read from input
    /// are checked against.
    var minSize = 0

    init(_ node: SchemaNode, fieldStart: Int, branchStart: Int) {
        logicalType = node.logicalType
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
    /// The flat tables the coders read, built from the nodes.
    static func nodeTables(_ nodes: [SchemaNode]) -> (info: [NodeInfo], fieldNames: [String], fieldTypes: [Int], branchNodes: [Int]) {
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
        noteUnionBranches(&info, branchNodes: branchNodes)
        computeMinimumSizes(&info, fieldTypes: fieldTypes)
        return (info, fieldNames, fieldTypes, branchNodes)
    }

    /// Notes the null branch and, when there is one, the only other branch of each union.
    private static func noteUnionBranches(_ info: inout [NodeInfo], branchNodes: [Int]) {
        for index in info.indices where info[index].kind == .union {
            let branches = branchNodes[info[index].first..<info[index].first + info[index].count]
            let null = branches.firstIndex { info[$0].kind == .null }.map { $0 - branches.startIndex }
            info[index].nullBranch = null ?? -1
            let others = (0..<branches.count).filter { $0 != null }
            info[index].soleValueBranch = others.count == 1 ? others[0] : -1
        }
    }

    /// The fewest bytes a value of each node takes. A record that can only contain itself has
    /// no finite value; its size grows to a cap.
    private static func computeMinimumSizes(_ info: inout [NodeInfo], fieldTypes: [Int]) {
        let cap = 1 << 20
        var changed = true
        var rounds = 0
        while changed && rounds <= info.count {
            changed = false
            rounds += 1
            for index in info.indices {
                let size: Int
                switch info[index].kind {
                case .null: size = 0
                case .boolean, .int, .long, .bytes, .string, .enumeration, .array, .map, .union: size = 1
                case .float: size = 4
                case .double: size = 8
                case .fixed: size = info[index].child
                case .record:
                    let fields = fieldTypes[info[index].first..<info[index].first + info[index].count]
                    size = min(cap, fields.reduce(0) { $0 + info[$1].minSize })
                }
                if size != info[index].minSize {
                    info[index].minSize = size
                    changed = true
                }
            }
        }
    }
}
