import Foundation

/// Writing one Swift value against a schema node: numbers with range checks and the spec's
/// promotions, strings and enum symbols, bytes and fixed, and the Foundation types that have
/// Avro logical types. A union node first picks the branch the value fits.
extension EncodingState: SingleValueEncodingContainer {
    func encodeNil() throws { try writeNull(at: node) }
    func encode(_ value: Bool) throws { try writeBoolean(value, at: node) }
    func encode(_ value: String) throws { try writeString(value, at: node) }
    func encode(_ value: Double) throws { try writeDouble(value, at: node) }
    func encode(_ value: Float) throws { try writeFloat(value, at: node) }
    func encode(_ value: Int) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: Int8) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: Int16) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: Int32) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: Int64) throws { try writeInteger(value, at: node) }
    func encode(_ value: UInt) throws { try writeUnsigned(UInt64(value), at: node) }
    func encode(_ value: UInt8) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: UInt16) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: UInt32) throws { try writeInteger(Int64(value), at: node) }
    func encode(_ value: UInt64) throws { try writeUnsigned(value, at: node) }
    func encode<T: Encodable>(_ value: T) throws { try encode(value, at: node) }

    // MARK: - Special types

    /// Writes values whose type has its own Avro form; returns `false` for other types.
    func encodeSpecial<T: Encodable>(_ value: T, at target: Int) throws -> Bool {
        switch schema.info[target].kind {
        case .record:
            // Only a dynamic value writes a record without its own `encode(to:)`.
            guard T.self == AvroValue.self else { return false }
            try writeAvroValue(reinterpret(value, as: AvroValue.self), at: target)
            return true
        case .array, .map:
            if let direct = directEncodables.conformance(of: T.self, { $0 as? any AvroDirectEncodable.Type }) {
                try enterLevels(1)
                defer { leaveLevels(1) }
                try direct.avroEncode(value, to: self, at: target)
            } else if T.self == AvroValue.self {
                try writeAvroValue(reinterpret(value, as: AvroValue.self), at: target)
            } else {
                return false
            }
            return true
        default:
            return try encodeSpecialScalar(value, at: target)
        }
    }

    /// Writes values of the types that have their own Avro form, at a node that is not a
    /// record, array or map.
    private func encodeSpecialScalar<T: Encodable>(_ value: T, at target: Int) throws -> Bool {
        if let scalar = ScalarType(T.self) { try encode(scalar, value, at: target) }
        else if schema.info[target].kind == .union, let optional = value as? any AvroOptional {
            // An Optional encoded as a whole (not through encodeIfPresent).
            if let wrapped = optional.avroWrapped { try encode(wrapped, at: target) } else { try writeNull(at: target) }
        } else if schema.info[target].kind == .union, let direct = directEncodables.conformance(of: T.self, { $0 as? any AvroDirectEncodable.Type }),
                  let branch = collectionBranch(of: target, kind: direct.avroKind) {
            // An array or dictionary in a union: its array or map branch, two levels deep.
            writer.writeLong(Int64(branch.position))
            try enterLevels(2)
            defer { leaveLevels(2) }
            try direct.avroEncode(value, to: self, at: branch.node)
        } else if schema.info[target].kind == .union, let branch = try namedBranch(for: T.self, union: target) {
            // The union's level; the branch's own is counted below.
            try enterLevels(1)
            defer { leaveLevels(1) }
            try encode(value, at: branch)
        } else {
            return false
        }
        return true
    }

    /// Writes `value`, a `T` that `scalar` names.
    private func encode<T: Encodable>(_ scalar: ScalarType, _ value: T, at target: Int) throws {
        switch scalar {
        case .string: try writeString(reinterpret(value, as: String.self), at: target)
        case .int: try writeInteger(Int64(reinterpret(value, as: Int.self)), at: target)
        case .int64: try writeInteger(reinterpret(value, as: Int64.self), at: target)
        case .int32: try writeInteger(Int64(reinterpret(value, as: Int32.self)), at: target)
        case .double: try writeDouble(reinterpret(value, as: Double.self), at: target)
        case .bool: try writeBoolean(reinterpret(value, as: Bool.self), at: target)
        case .float: try writeFloat(reinterpret(value, as: Float.self), at: target)
        case .date: try writeDate(reinterpret(value, as: Date.self), at: target)
        case .data: try reinterpret(value, as: Data.self).withUnsafeBytes { try writeBytes($0, at: target) }
        case .bytes: try reinterpret(value, as: [UInt8].self).withUnsafeBytes { try writeBytes($0, at: target) }
        case .uuid: try writeUUID(reinterpret(value, as: UUID.self), at: target)
        case .decimal: try writeDecimal(reinterpret(value, as: Decimal.self), at: target)
        case .url: try writeString(reinterpret(value, as: URL.self).absoluteString, at: target)
        case .avroValue: try writeAvroValue(reinterpret(value, as: AvroValue.self), at: target)
        case .duration: try writeDuration(reinterpret(value, as: AvroDuration.self), at: target)
        case .int16: try writeInteger(Int64(reinterpret(value, as: Int16.self)), at: target)
        case .int8: try writeInteger(Int64(reinterpret(value, as: Int8.self)), at: target)
        case .uint8: try writeInteger(Int64(reinterpret(value, as: UInt8.self)), at: target)
        case .uint16: try writeInteger(Int64(reinterpret(value, as: UInt16.self)), at: target)
        case .uint32: try writeInteger(Int64(reinterpret(value, as: UInt32.self)), at: target)
        case .uint64: try writeUnsigned(reinterpret(value, as: UInt64.self), at: target)
        case .uint: try writeUnsigned(UInt64(reinterpret(value, as: UInt.self)), at: target)
        }
    }

    /// The first branch of the union at `union` that is of `kind`, and its position.
    private func collectionBranch(of union: Int, kind: NodeInfo.Kind) -> (position: Int, node: Int)? {
        let branches = schema.branches(of: union)
        return branches.firstIndex { schema.info[$0].kind == kind }.map { ($0, branches[$0]) }
    }

    /// For a union whose value is a named Swift type: the branch it goes to, with its index
    /// written; `nil` when the type's containers must pick (an enum with associated values).
    private func namedBranch<T>(for type: T.Type, union: Int) throws -> Int? {
        let branches = schema.branches(of: union)
        let sole = schema.info[union].soleValueBranch
        if sole >= 0 {
            writer.writeLong(Int64(sole))
            return branches[sole]
        }
        let typeName = String(describing: T.self)
        guard let position = branches.firstIndex(where: { schema.name(of: $0)?.name == typeName || schema.name(of: $0)?.fullname == typeName }) else {
            return nil
        }
        writer.writeLong(Int64(position))
        return branches[position]
    }

    // MARK: - Primitives

    /// The branch of union `target` for a value of `kind`: the first node `accepts`, with its
    /// index written; `target` itself when it is not a union.
    func branch(of target: Int, for kind: @autoclosure () -> String, accepts: (NodeInfo, Int) -> Bool) throws -> Int {
        guard schema.info[target].kind == .union else { return target }
        let branches = schema.branches(of: target)
        guard let position = branches.firstIndex(where: { accepts(schema.info[$0], $0) }) else {
            throw AvroError(.typeMismatch, "\(kind()) fits none of the branches of the union [\(branches.map(schema.typeName(of:)).joined(separator: ", "))]")
        }
        writer.writeLong(Int64(position))
        return branches[position]
    }

    func writeNull(at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        switch schema.info[target].kind {
        case .null: break
        case .union:
            let null = schema.info[target].nullBranch
            guard null >= 0 else {
                throw AvroError(.typeMismatch, "nil fits none of the branches of the union \(schema.typeName(of: target)): it has no null branch")
            }
            writer.writeLong(Int64(null))
        default: throw mismatch("nil", target)
        }
    }

    func writeBoolean(_ value: Bool, at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .boolean { return writer.writeBoolean(value) }
        let node = try branch(of: target, for: "a Bool") { node, _ in node.kind == .boolean }
        guard schema.info[node].kind == .boolean else { throw mismatch("a Bool", node) }
        writer.writeBoolean(value)
    }

    func writeInteger(_ value: Int64, at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        switch schema.info[target].kind {
        case .long: return writer.writeLong(value)
        case .int: if let int = Int32(exactly: value) { return writer.writeInt(int) }
        default: break
        }
        let node = try branch(of: target, for: "the integer \(value)") { node, _ in
            switch node.kind {
            case .long, .float, .double: true
            case .int: Int32(exactly: value) != nil
            default: false
            }
        }
        switch schema.info[node].kind {
        case .long: writer.writeLong(value)
        case .int:
            guard let int = Int32(exactly: value) else {
                throw AvroError(.valueOutOfRange, "\(value) does not fit in the Avro int (32 bits) of the schema; use a long")
            }
            writer.writeInt(int)
        case .float: writer.writeFloat(Float(value))
        case .double: writer.writeDouble(Double(value))
        default: throw mismatch("the integer \(value)", node)
        }
    }

    func writeUnsigned(_ value: UInt64, at target: Int) throws {
        guard let signed = Int64(exactly: value) else {
            throw AvroError(.valueOutOfRange, "\(value) does not fit in an Avro long (64-bit signed)")
        }
        try writeInteger(signed, at: target)
    }

    func writeDouble(_ value: Double, at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .double { return writer.writeDouble(value) }
        let node = try branch(of: target, for: "the Double \(value)") { node, _ in
            switch node.kind {
            case .double: true
            case .float: Float(exactly: value) != nil || value.isNaN
            default: false
            }
        }
        switch schema.info[node].kind {
        case .double: writer.writeDouble(value)
        case .float:
            guard let float = Float(exactly: value) ?? (value.isNaN ? Float.nan : nil) else {
                throw AvroError(.valueOutOfRange, "the Double \(value) cannot be written exactly as the schema's float; use a double or a Swift Float")
            }
            writer.writeFloat(float)
        default: throw mismatch("the Double \(value)", node)
        }
    }

    func writeFloat(_ value: Float, at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .float { return writer.writeFloat(value) }
        let node = try branch(of: target, for: "the Float \(value)") { node, _ in
            switch node.kind {
            case .float, .double: true
            default: false
            }
        }
        switch schema.info[node].kind {
        case .float: writer.writeFloat(value)
        case .double: writer.writeDouble(Double(value))
        default: throw mismatch("the Float \(value)", node)
        }
    }

    func writeString(_ value: String, at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .string { return writer.writeString(value) }
        let node = try branch(of: target, for: "the string \"\(value.prefix(40))\"") { node, index in
            switch node.kind {
            case .string: true
            case .enumeration: schema.enumeration(index)?.indexOfSymbol[value] != nil
            default: false
            }
        }
        switch schema.info[node].kind {
        case .string: writer.writeString(value)
        case .enumeration:
            let symbols = schema.enumeration(node)
            guard let index = symbols?.indexOfSymbol[value] else {
                throw AvroError(.invalidEnumSymbol, "'\(value)' is not a symbol of the enum \(schema.typeName(of: node)) \(symbols?.symbols ?? [])")
            }
            writer.writeInt(Int32(index))
        default: throw mismatch("the string \"\(value.prefix(40))\"", node)
        }
    }

    func writeBytes(_ value: UnsafeRawBufferPointer, at target: Int) throws {
        // The common case first: the schema node is exactly the value's type.
        if schema.info[target].kind == .bytes { return writer.writeBytes(value) }
        let node = try branch(of: target, for: "\(value.count) bytes") { node, _ in
            switch node.kind {
            case .bytes: true
            case .fixed: node.child == value.count
            default: false
            }
        }
        switch schema.info[node].kind {
        case .bytes: writer.writeBytes(value)
        case .fixed:
            let size = schema.info[node].child
            guard value.count == size else {
                throw AvroError(.typeMismatch, "expected \(size) bytes for the fixed \(schema.typeName(of: node)), found \(value.count)")
            }
            writer.writeFixed(value)
        default: throw mismatch("\(value.count) bytes", node)
        }
    }

    func writeAvroValue(_ value: AvroValue, at target: Int) throws {
        try ValueCoder(schema: schema, maxDepth: maxDepth).encode(value, node: target, to: &writer, depth: depth)
    }

    func mismatch(_ what: String, _ node: Int) -> AvroError {
        AvroError(.typeMismatch, "expected a value of type \(schema.typeName(of: node)), found \(what)")
    }
}

/// Lets the encoder see through an `Optional` encoded as a whole value.
protocol AvroOptional {
    var avroWrapped: (any Encodable)? { get }
}

extension Optional: AvroOptional where Wrapped: Encodable {
    var avroWrapped: (any Encodable)? { self }
}
