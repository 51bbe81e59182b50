import Foundation

/// Reading one Swift value from a schema node: numbers with range checks and the spec's
/// promotions, strings and enum symbols, bytes and fixed, and the Foundation types that have
/// Avro logical types. A union node first reads the branch that was written.
extension DecodingState: SingleValueDecodingContainer {
    func decodeNil() -> Bool {
        (try? readNullIfPresent(at: node)) ?? false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try readBoolean(at: node) }
    func decode(_ type: String.Type) throws -> String { try readString(at: node) }
    func decode(_ type: Double.Type) throws -> Double { try readDouble(at: node) }
    func decode(_ type: Float.Type) throws -> Float { try readFloat(at: node) }
    func decode(_ type: Int.Type) throws -> Int { try readInteger(type, at: node) }
    func decode(_ type: Int8.Type) throws -> Int8 { try readInteger(type, at: node) }
    func decode(_ type: Int16.Type) throws -> Int16 { try readInteger(type, at: node) }
    func decode(_ type: Int32.Type) throws -> Int32 { try readInteger(type, at: node) }
    func decode(_ type: Int64.Type) throws -> Int64 { try readInteger(type, at: node) }
    func decode(_ type: UInt.Type) throws -> UInt { try readInteger(type, at: node) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try readInteger(type, at: node) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try readInteger(type, at: node) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try readInteger(type, at: node) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try readInteger(type, at: node) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decode(type, at: node) }

    // MARK: - Special types

    /// Reads a `T` at `target`: scalar types with an Avro form of their own directly, arrays
    /// and string-keyed dictionaries in one loop (``AvroDirectDecodable``), any other type
    /// through its `init(from:)`. No path here makes a `T?`, whose metadata unspecialised
    /// code would look up on every call, even for the paths that do not use it.
    func decode<T: Decodable>(_ type: T.Type, at target: Int) throws -> T {
        switch schema.info[target].kind {
        case .record: break
        case .array, .map:
            if let direct = directDecodables.conformance(of: T.self, { $0 as? any AvroDirectDecodable.Type }) { return try decodeDirect(direct, as: type, at: target) }
        case .union:
            // An array or dictionary in a union (an optional one, or one branch of several):
            // read in one loop from the branch written, when that branch is an array or map.
            if let direct = directDecodables.conformance(of: T.self, { $0 as? any AvroDirectDecodable.Type }),
               let branch = try collectionBranch(of: target, kind: direct.avroKind) {
                return try decodeDirect(direct, as: type, at: branch, levels: 2)
            }
            return try decodeScalar(type, at: target)
        default:
            return try decodeScalar(type, at: target)
        }
        if T.self == AvroValue.self {
            let value = try decodeInPlaceRootAsValue(at: target) ?? valueCoder.decode(node: target, from: &reader, depth: depth)
            return reinterpret(value, as: T.self)
        }
        return try decodeWithContainers(type, at: target)
    }

    /// Reads the branch index of the union at `target` and returns the branch's node when it
    /// is of `kind` (an array or a map); otherwise reads nothing and returns `nil`.
    private func collectionBranch(of target: Int, kind: NodeInfo.Kind) throws -> Int? {
        let start = reader.offset
        let branch = schema.branchNodes[schema.info[target].first + (try readBranch(of: target))]
        if schema.info[branch].kind == kind { return branch }
        reader.seek(to: start)
        return nil
    }

    /// Reads a `T` at `target`, a node that is not a record, array or map: a type with an
    /// Avro form of its own directly, any other through its `init(from:)`.
    private func decodeScalar<T: Decodable>(_ type: T.Type, at target: Int) throws -> T {
        // The types are told apart here and read by a function of their own, which is not on
        // the stack when `decodeNamed` goes deeper: each level of nesting keeps a small frame.
        guard let scalar = ScalarType(T.self) else { return try decodeNamed(type, at: target) }
        return try decode(scalar, type, at: target)
    }

    private func decode<T: Decodable>(_ scalar: ScalarType, _ type: T.Type, at target: Int) throws -> T {
        switch scalar {
        case .string: reinterpret(try readString(at: target), as: T.self)
        case .int: reinterpret(try readInteger(Int.self, at: target), as: T.self)
        case .int64: reinterpret(try readInteger(Int64.self, at: target), as: T.self)
        case .int32: reinterpret(try readInteger(Int32.self, at: target), as: T.self)
        case .double: reinterpret(try readDouble(at: target), as: T.self)
        case .bool: reinterpret(try readBoolean(at: target), as: T.self)
        case .float: reinterpret(try readFloat(at: target), as: T.self)
        case .date: reinterpret(try readDate(at: target), as: T.self)
        case .data: reinterpret(Data(try readBytes(at: target)), as: T.self)
        case .bytes: reinterpret([UInt8](try readBytes(at: target)), as: T.self)
        case .uuid: reinterpret(try readUUID(at: target), as: T.self)
        case .decimal: reinterpret(try readDecimal(at: target), as: T.self)
        case .url: reinterpret(try readURL(at: target), as: T.self)
        case .avroValue: reinterpret(try valueCoder.decode(node: target, from: &reader, depth: depth), as: T.self)
        case .duration: reinterpret(try readDuration(at: target), as: T.self)
        case .int16: reinterpret(try readInteger(Int16.self, at: target), as: T.self)
        case .int8: reinterpret(try readInteger(Int8.self, at: target), as: T.self)
        case .uint8: reinterpret(try readInteger(UInt8.self, at: target), as: T.self)
        case .uint16: reinterpret(try readInteger(UInt16.self, at: target), as: T.self)
        case .uint32: reinterpret(try readInteger(UInt32.self, at: target), as: T.self)
        case .uint64: reinterpret(try readInteger(UInt64.self, at: target), as: T.self)
        case .uint: reinterpret(try readInteger(UInt.self, at: target), as: T.self)
        }
    }

    /// Reads a `T` that has no Avro form of its own through its `init(from:)`; in a union of
    /// several branches, from the branch with its name.
    private func decodeNamed<T: Decodable>(_ type: T.Type, at target: Int) throws -> T {
        if schema.info[target].kind == .union, schema.info[target].soleValueBranch < 0, let branch = try namedBranch(of: target, for: T.self) {
            // The union's level; the branch's own is counted below.
            try enterLevels(1)
            defer { leaveLevels(1) }
            return try decode(type, at: branch)
        }
        return try decodeWithContainers(type, at: target)
    }

    /// For a named Swift type in a union of several branches: the branch written when it is
    /// the one with the type's name (its index read); `nil`, having read nothing, when no
    /// branch has the name.
    @inline(never)
    private func namedBranch(of union: Int, for type: Any.Type) throws -> Int? {
        let branches = schema.branches(of: union)
        let start = reader.offset
        let branch = branches[try readBranch(of: union)]
        let typeName = String(describing: type)
        if schema.name(of: branch)?.name == typeName { return branch }
        if branches.contains(where: { schema.name(of: $0)?.name == typeName }) {
            throw AvroError(.typeMismatch, "expected the union branch \(typeName), found a value of the branch \(schema.typeName(of: branch))", offset: start)
        }
        reader.seek(to: start)
        return nil
    }

    // MARK: - Primitives

    /// The node of the value at `target`: the branch written, for a union.
    func valueNode(_ target: Int) throws -> Int {
        valueStart = reader.offset
        guard schema.info[target].kind == .union else { return target }
        return schema.branchNodes[schema.info[target].first + (try readBranch(of: target))]
    }

    func readBoolean(at target: Int) throws -> Bool {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .boolean { return try reader.readBoolean() }
        let node = try valueNode(target)
        guard schema.info[node].kind == .boolean else { throw mismatch(Bool.self, "a Bool", node) }
        return try reader.readBoolean()
    }

    func readInteger<T: FixedWidthInteger>(_ type: T.Type, at target: Int) throws -> T {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .long, T.self == Int.self || T.self == Int64.self { return T(truncatingIfNeeded: try reader.readLong()) }
        if schema.info[target].kind == .int, T.self == Int32.self { return T(truncatingIfNeeded: try reader.readInt()) }
        let node = try valueNode(target)
        let start = reader.offset
        let value: Int64
        switch schema.info[node].kind {
        case .int: value = Int64(try reader.readInt())
        case .long: value = try reader.readLong()
        default: throw mismatch(T.self, "an integer (\(T.self))", node)
        }
        guard let result = T(exactly: value) else {
            throw AvroError(.valueOutOfRange, "\(value) does not fit in \(T.self)", offset: start)
        }
        return result
    }

    func readDouble(at target: Int) throws -> Double {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .double { return try reader.readDouble() }
        let node = try valueNode(target)
        switch schema.info[node].kind {
        case .double: return try reader.readDouble()
        case .float: return Double(try reader.readFloat())
        case .int: return Double(try reader.readInt())
        case .long: return Double(try reader.readLong())
        default: throw mismatch(Double.self, "a Double", node)
        }
    }

    func readFloat(at target: Int) throws -> Float {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .float { return try reader.readFloat() }
        let node = try valueNode(target)
        switch schema.info[node].kind {
        case .float: return try reader.readFloat()
        case .int: return Float(try reader.readInt())
        case .long: return Float(try reader.readLong())
        case .double:
            let start = reader.offset
            let double = try reader.readDouble()
            guard let float = Float(exactly: double) ?? (double.isNaN ? Float.nan : nil) else {
                throw AvroError(.valueOutOfRange, "the double \(double) cannot be read exactly as a Float; use a Double", offset: start)
            }
            return float
        default: throw mismatch(Float.self, "a Float", node)
        }
    }

    func readString(at target: Int) throws -> String {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .string { return try reader.readString() }
        let node = try valueNode(target)
        switch schema.info[node].kind {
        case .string: return try reader.readString()
        case .enumeration:
            let symbols = schema.enumeration(node)?.symbols ?? []
            return symbols[try ValueCoder(schema: schema).readIndex(in: &reader, count: symbols.count, what: "an index of the enum \(schema.typeName(of: node))", code: .invalidEnumSymbol)]
        default: throw mismatch(String.self, "a String", node)
        }
    }

    /// The bytes of a `bytes` or `fixed` value, without copying them.
    func readBytes(at target: Int) throws -> UnsafeRawBufferPointer {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .bytes { return try reader.readLengthPrefixedBytes() }
        let node = try valueNode(target)
        switch schema.info[node].kind {
        case .bytes: return try reader.readLengthPrefixedBytes()
        case .fixed: return try reader.readRawBytes(count: schema.info[node].child)
        default: throw mismatch(Data.self, "bytes (Data or [UInt8])", node)
        }
    }

    /// The error of a decode of `type` (described as `what`) at `node`, which holds another
    /// type: the decoder throws it as `DecodingError.typeMismatch`, or as `.valueNotFound`
    /// when the node is `null`, as `JSONDecoder` does.
    func mismatch(_ type: Any.Type, _ what: String, _ node: Int) -> AvroError {
        AvroError(.typeMismatch, "expected \(what), but the schema has \(schema.typeName(of: node))", offset: valueStart)
            .expecting(type, foundNull: schema.info[node].kind == .null)
    }
}
