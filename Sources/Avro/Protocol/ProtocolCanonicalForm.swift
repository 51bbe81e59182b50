extension AvroProtocol {
    /// The protocol with the rules of the Parsing Canonical Form applied: the full name as
    /// `protocol`, the types in their canonical forms, and for each message only its request's
    /// parameter names and types, its response, its errors and whether it is one-way, in a
    /// fixed key order with no white space. Docs, properties, aliases and defaults are left out.
    ///
    /// Two protocols with the same canonical form exchange the same bytes. The specification
    /// defines a canonical form for schemas only; this one applies its rules to protocols, for
    /// telling whether two protocols differ in more than their documentation. (The digest the
    /// handshake of Avro RPC compares is ``md5``, over the whole text.)
    ///
    /// ```swift
    /// let same = old.canonicalForm == new.canonicalForm
    /// ```
    public var canonicalForm: String {
        var out = "{\"protocol\":"
        AvroJSON.appendQuoted(name.fullname, to: &out, escapeNonASCII: false)
        out += ",\"types\":["
        for (index, type) in types.enumerated() {
            if index > 0 { out += "," }
            type.appendCanonicalForm(to: &out)
        }
        out += "],\"messages\":{"
        for (index, message) in messages.enumerated() {
            if index > 0 { out += "," }
            AvroJSON.appendQuoted(message.name, to: &out, escapeNonASCII: false)
            out += ":{\"request\":"
            AvroSchema.appendCanonicalForm(of: message.request, to: &out)
            out += ",\"response\":"
            message.response.appendCanonicalForm(to: &out)
            if !message.errors.isEmpty {
                out += ",\"errors\":"
                AvroSchema.union(message.errors).appendCanonicalForm(to: &out)
            }
            if message.isOneWay { out += ",\"one-way\":true" }
            out += "}"
        }
        out += "}}"
        return out
    }
}
