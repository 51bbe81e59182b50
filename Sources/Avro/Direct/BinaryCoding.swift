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
    /// Whether the type conforms to either protocol, whatever the schema.
    let conforms: Bool

    /// Finds out, once, how values of `type` are coded with `compiled`. The schemas are
    /// compared whole (names, logical types, defaults and properties too): bytes that the
    /// type's code writes or reads mean what its schema says, so any difference sends the
    /// values through `Codable` instead.
    init(_ type: Any.Type, compiled: CompiledSchema) {
        self.compiled = compiled
        let encodable = type as? any AvroBinaryEncodable.Type
        let decodable = type as? any AvroBinaryDecodable.Type
        conforms = encodable != nil || decodable != nil
        let provided = encodable?.avroSchema ?? decodable?.avroSchema
        let matches = provided.map { compiled.schema.isCopy(of: $0) || compiled.schema == $0 } ?? false
        self.encodable = matches ? encodable : nil
        self.decodable = matches ? decodable : nil
    }
}

/// The ``BinaryCoding`` of the types a coding state has coded, remembered: a state is used by
/// one thread at a time, so finding the answer again is a scan of a short array, with no lock
/// and no conformance lookup. Only metatypes come out, so that asking retains nothing.
struct BinaryCodingMemo {
    private var types: [ObjectIdentifier] = []
    private var codings: [BinaryCoding] = []

    /// The type, when it writes its values itself with `compiled`. The answer is also left in
    /// `compiled`, where every thread finds it.
    @inline(__always)
    mutating func encodable(_ type: Any.Type, compiled: CompiledSchema) -> (any AvroBinaryEncodable.Type)? {
        let known = compiled.writtenByItself.answer(for: type)
        if known == false { return nil }
        let encodable = codings[index(of: type, compiled: compiled)].encodable
        if known == nil { compiled.writtenByItself.remember(encodable != nil, for: type) }
        return encodable
    }

    /// The type, when it reads its values itself with `compiled`. The answer is also left in
    /// `compiled`, where every thread finds it.
    @inline(__always)
    mutating func decodable(_ type: Any.Type, compiled: CompiledSchema) -> (any AvroBinaryDecodable.Type)? {
        let known = compiled.readByItself.answer(for: type)
        if known == false { return nil }
        let decodable = codings[index(of: type, compiled: compiled)].decodable
        if known == nil { compiled.readByItself.remember(decodable != nil, for: type) }
        return decodable
    }

    /// Where the answer for `type` with `compiled` is, found again or worked out.
    @inline(__always)
    private mutating func index(of type: Any.Type, compiled: CompiledSchema) -> Int {
        let id = ObjectIdentifier(type)
        var index = 0
        while index < types.count {
            if types[index] == id {
                if codings[index].conforms, codings[index].compiled !== compiled { codings[index] = BinaryCoding(type, compiled: compiled) }
                return index
            }
            index &+= 1
        }
        return remember(type, compiled: compiled)
    }

    /// Works out how `type` is coded and remembers it, in place of the last type remembered
    /// once 16 are.
    @inline(never)
    private mutating func remember(_ type: Any.Type, compiled: CompiledSchema) -> Int {
        let coding = BinaryCoding(type, compiled: compiled)
        guard types.count < 16 else {
            types[15] = ObjectIdentifier(type)
            codings[15] = coding
            return 15
        }
        types.append(ObjectIdentifier(type))
        codings.append(coding)
        return types.count - 1
    }
}
