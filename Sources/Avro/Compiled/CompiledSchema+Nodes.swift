/// What a node says beyond its ``NodeInfo``, looked up by node index: its names, and the
/// fields, symbols or branches it is made of.
extension CompiledSchema {
    /// The name used in messages: the full name of a named type, else the type name.
    func typeName(of index: Int) -> String { nodes[index].typeName }

    /// The name of a named type; `nil` for the others.
    func name(of index: Int) -> AvroName? { nodes[index].name }

    /// The fields of a record node; `nil` for any other node.
    func record(_ index: Int) -> RecordNode? {
        if case .record(let record) = nodes[index].kind { return record }
        return nil
    }

    /// The symbols of an enum node; `nil` for any other node.
    func enumeration(_ index: Int) -> EnumNode? {
        if case .enumeration(let enumeration) = nodes[index].kind { return enumeration }
        return nil
    }

    /// The branch nodes of a union node; empty for any other node.
    @inline(__always) func branches(of index: Int) -> [Int] {
        if case .union(let branches) = nodes[index].kind { return branches }
        return []
    }
}
