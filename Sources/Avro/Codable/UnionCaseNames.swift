/// How the cases of a Swift enum with associated values name the branches of a union.
extension CompiledSchema {
    /// The case names that stand for union branch `node`: a named type's name with its first
    /// letter lowercase (the Swift style, listed first), its name as written and its full
    /// name; the type name of an unnamed type (`string`, `long`…).
    func caseNames(of node: Int) -> [String] {
        let preferred = Self.preferredCaseName(name: name(of: node), typeName: typeName(of: node))
        guard let name = name(of: node) else { return [preferred] }
        return [preferred, name.name, name.fullname]
    }

    /// The case name the coders look for first for a union branch: a named type's name with
    /// its first letter lowercase, or an unnamed type's name. Generated enums use it too.
    static func preferredCaseName(name: AvroName?, typeName: String) -> String {
        guard let name else { return typeName }
        return name.name.prefix(1).lowercased() + name.name.dropFirst()
    }

    /// Whether the case name `key` names union branch `node`: its name or full name, the
    /// first letter in either case, or an unnamed type's name.
    func caseName(_ key: String, names node: Int) -> Bool {
        guard let name = name(of: node) else { return key == typeName(of: node) }
        if key == name.name || key == name.fullname { return true }
        guard let first = name.name.first, let keyFirst = key.first else { return false }
        return key.dropFirst() == name.name.dropFirst() && keyFirst.lowercased() == first.lowercased()
    }
}
