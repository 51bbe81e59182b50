/// The full name of an Avro named type (record, enum, fixed): a simple name and a namespace.
///
/// The namespace is a dot-separated list of names; the empty string is the *null namespace*.
/// `AvroName(fullname: "org.example.Person")` has the name `Person` and the namespace
/// `org.example`.
public struct AvroName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The simple name, without namespace (`Person`).
    public var name: String
    /// The namespace (`org.example`), or `""` for the null namespace.
    public var namespace: String

    /// Creates a name from a simple name and a namespace (`""` for the null namespace).
    public init(name: String, namespace: String = "") {
        self.name = name
        self.namespace = namespace
    }

    /// Splits a full name at its last dot: `a.b.C` is the name `C` in namespace `a.b`.
    public init(fullname: String) {
        if let dot = fullname.lastIndex(of: ".") {
            name = String(fullname[fullname.index(after: dot)...])
            namespace = String(fullname[..<dot])
        } else {
            name = fullname
            namespace = ""
        }
    }

    /// Resolves a name written in a schema, the way the specification says: a name with a
    /// dot is already a full name; any other name is in `enclosingNamespace`.
    public init(resolving written: String, in enclosingNamespace: String) {
        if written.contains(".") || enclosingNamespace.isEmpty {
            self.init(fullname: written)
        } else {
            self.init(name: written, namespace: enclosingNamespace)
        }
    }

    /// The full name: `namespace.name`, or just `name` in the null namespace.
    public var fullname: String { namespace.isEmpty ? name : namespace + "." + name }

    /// The full name.
    public var description: String { fullname }

    /// Orders names by their full names.
    public static func < (lhs: AvroName, rhs: AvroName) -> Bool { lhs.fullname < rhs.fullname }

    /// Whether `text` matches the name grammar `[A-Za-z_][A-Za-z0-9_]*`, which the
    /// specification requires of names, field names and enum symbols.
    public static func isValidName(_ text: String) -> Bool {
        var first = true
        for byte in text.utf8 {
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            let isDigit = byte >= 0x30 && byte <= 0x39
            if !(isLetter || (!first && isDigit)) { return false }
            first = false
        }
        return !first
    }
}
