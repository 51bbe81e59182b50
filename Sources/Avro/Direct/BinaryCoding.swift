/// Whether a coder writes or reads values of one type straight to or from Avro binary (see
/// ``AvroBinaryEncodable``): when the type conforms and the compiled schema the coder uses
/// for it is the type's own schema.
struct BinaryCoding: @unchecked Sendable {
    /// The compiled schema the answer holds for.
    let compiled: CompiledSchema
    /// The type, when it writes its values itself with `compiled`.
    let encodable: (any AvroBinaryEncodable.Type)?
    /// The type, when it reads its values itself with `compiled`.
    let decodable: (any AvroBinaryDecodable.Type)?

    /// Finds out, once, how values of `type` are coded with `compiled`. The schemas are
    /// compared whole (names, logical types, defaults and properties too): bytes that the
    /// type's code writes or reads mean what its schema says, so any difference sends the
    /// values through `Codable` instead.
    init(_ type: Any.Type, compiled: CompiledSchema) {
        self.compiled = compiled
        let encodable = type as? any AvroBinaryEncodable.Type
        let decodable = type as? any AvroBinaryDecodable.Type
        let provided = encodable?.avroSchema ?? decodable?.avroSchema
        let matches = provided.map { compiled.schema.isCopy(of: $0) || compiled.schema == $0 } ?? false
        self.encodable = matches ? encodable : nil
        self.decodable = matches ? decodable : nil
    }
}

extension CoderSchema {
    /// How values of `type` are coded with `compiled`, the schema ``compiled(for:fieldNaming:)``
    /// gave for it: found on first use and remembered.
    func binaryCoding<T>(for type: T.Type, compiled: CompiledSchema) -> BinaryCoding {
        let key = ObjectIdentifier(type)
        if let known = binaryCodings.withLock({ $0[key] }), known.compiled === compiled { return known }
        let coding = BinaryCoding(type, compiled: compiled)
        binaryCodings.withLock { $0[key] = coding }
        return coding
    }
}
