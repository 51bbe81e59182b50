extension AvroSchema {
    /// The schema's Parsing Canonical Form: the JSON text with only the
    /// attributes that affect how data is read, full names, a fixed key order and no
    /// whitespace. Two schemas with the same canonical form read and write the same bytes.
    public var canonicalForm: String {
        var out = ""
        appendCanonicalForm(to: &out)
        return out
    }

    func appendCanonicalForm(to out: inout String) {
        switch kind {
        case .null, .boolean, .int, .long, .float, .double, .bytes, .string:
            AvroJSON.appendQuoted(typeName, to: &out, escapeNonASCII: false)
        case .reference(let name):
            AvroJSON.appendQuoted(name.fullname, to: &out, escapeNonASCII: false)
        case .union(let branches):
            out += "["
            for (index, branch) in branches.enumerated() {
                if index > 0 { out += "," }
                branch.appendCanonicalForm(to: &out)
            }
            out += "]"
        case .array(let items):
            out += "{\"type\":\"array\",\"items\":"
            items.appendCanonicalForm(to: &out)
            out += "}"
        case .map(let values):
            out += "{\"type\":\"map\",\"values\":"
            values.appendCanonicalForm(to: &out)
            out += "}"
        case .record(let record):
            appendNameAndType(record.name, to: &out)
            out += ",\"fields\":"
            Self.appendCanonicalForm(of: record.fields, to: &out)
            out += "}"
        case .enumeration(let enumeration):
            appendNameAndType(enumeration.name, to: &out)
            out += ",\"symbols\":["
            for (index, symbol) in enumeration.symbols.enumerated() {
                if index > 0 { out += "," }
                AvroJSON.appendQuoted(symbol, to: &out, escapeNonASCII: false)
            }
            out += "]}"
        case .fixed(let fixed):
            appendNameAndType(fixed.name, to: &out)
            out += ",\"size\":\(fixed.size)}"
        }
    }

    /// Writes fields (or a message's parameters) as the canonical form has them: an array of
    /// `{"name":…,"type":…}`.
    static func appendCanonicalForm(of fields: [Field], to out: inout String) {
        out += "["
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += "{\"name\":"
            AvroJSON.appendQuoted(field.name, to: &out, escapeNonASCII: false)
            out += ",\"type\":"
            field.type.appendCanonicalForm(to: &out)
            out += "}"
        }
        out += "]"
    }

    /// Writes `{"name":…,"type":…`. An `error` is written as a `record`, as Java does, so that
    /// fingerprints match Java's (avro-py writes `error`; the spec does not say).
    private func appendNameAndType(_ name: AvroName, to out: inout String) {
        out += "{\"name\":"
        AvroJSON.appendQuoted(name.fullname, to: &out, escapeNonASCII: false)
        out += ",\"type\":"
        AvroJSON.appendQuoted(typeName == "error" ? "record" : typeName, to: &out, escapeNonASCII: false)
    }
}
