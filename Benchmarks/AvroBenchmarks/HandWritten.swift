import Foundation

// The floor: hand-written Avro loops over the same data, with no Codable and no schema,
// doing the same per-record work as the operation they are compared with (decoded strings
// and values materialized into the same structs).

struct FloorError: Error {}

/// Bounds-checked reads straight from a buffer.
struct FloorReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
    }

    var isAtEnd: Bool { position >= end }

    @inline(__always) mutating func long() throws -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end, shift < 64 else { throw FloorError() }
            let byte = base[position]
            position &+= 1
            result |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift &+= 7
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    @inline(__always) mutating func int() throws -> Int32 {
        guard let value = Int32(exactly: try long()) else { throw FloorError() }
        return value
    }

    @inline(__always) mutating func string() throws -> String {
        let count = Int(try long())
        guard count >= 0, count <= end &- position else { throw FloorError() }
        let utf8 = UnsafeBufferPointer(start: base + position, count: count)
        position &+= count
        // The strings must be valid UTF-8, as the library checks: ASCII (all the workloads'
        // text) is by construction; anything else goes through the standard library's check.
        if utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: utf8, as: UTF8.self) }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw FloorError() }
        return text
    }

    @inline(__always) mutating func double() throws -> Double {
        guard end &- position >= 8 else { throw FloorError() }
        defer { position &+= 8 }
        return Double(bitPattern: UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)))
    }

    @inline(__always) mutating func float() throws -> Float {
        guard end &- position >= 4 else { throw FloorError() }
        defer { position &+= 4 }
        return Float(bitPattern: UInt32(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self)))
    }

    @inline(__always) mutating func boolean() throws -> Bool {
        guard position < end else { throw FloorError() }
        defer { position &+= 1 }
        return base[position] != 0
    }

    @inline(__always) mutating func blockCount() throws -> Int {
        var count = try long()
        if count < 0 {
            count = -count
            _ = try long()
        }
        return Int(count)
    }
}

/// Writes into a growing [UInt8] with one capacity check per value.
struct FloorWriter {
    var bytes: [UInt8]

    init(reusing bytes: [UInt8]) { self.bytes = bytes }

    @inline(__always) mutating func long(_ value: Int64) {
        var z = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while z >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: z) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: z))
    }

    @inline(__always) mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            long(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    @inline(__always) mutating func double(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    @inline(__always) mutating func float(_ value: Float) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

enum Floor {
    static func encode(_ person: Person, _ out: inout FloorWriter) {
        out.string(person.name)
        out.long(Int64(person.age))
        out.string(person.email)
    }

    static func decodePerson(_ r: inout FloorReader) throws -> Person {
        Person(name: try r.string(), age: try r.int(), email: try r.string())
    }

    static func encode(_ wide: Wide, _ out: inout FloorWriter) {
        out.long(wide.id)
        out.double(wide.score)
        out.float(wide.ratio)
        out.bytes.append(wide.active ? 1 : 0)
        out.string(wide.name)
        if let nickname = wide.nickname {
            out.long(1)
            out.string(nickname)
        } else {
            out.long(0)
        }
        out.long(Int64(Kind.allCases.firstIndex(of: wide.kind) ?? 0))
        out.long(Int64(wide.tags.count))
        for tag in wide.tags { out.long(Int64(tag)) }
        out.long(0)
        out.long(Int64(wide.attrs.count))
        for (key, value) in wide.attrs {
            out.string(key)
            out.long(value)
        }
        out.long(0)
        out.long(Int64((wide.created.timeIntervalSince1970 * 1000).rounded(.down)))
        out.double(wide.location.lat)
        out.double(wide.location.lon)
    }

    static func decodeWide(_ r: inout FloorReader) throws -> Wide {
        let id = try r.long()
        let score = try r.double()
        let ratio = try r.float()
        let active = try r.boolean()
        let name = try r.string()
        let nickname: String? = try r.long() == 1 ? try r.string() : nil
        let kindIndex = Int(try r.long())
        guard Kind.allCases.indices.contains(kindIndex) else { throw FloorError() }
        var tags: [Int32] = []
        while case let count = try r.blockCount(), count > 0 {
            tags.reserveCapacity(tags.count + count)
            for _ in 0..<count { tags.append(try r.int()) }
        }
        var attrs: [String: Int64] = [:]
        while case let count = try r.blockCount(), count > 0 {
            for _ in 0..<count { attrs[try r.string()] = try r.long() }
        }
        let created = Date(timeIntervalSince1970: Double(try r.long()) / 1000)
        let location = Location(lat: try r.double(), lon: try r.double())
        return Wide(id: id, score: score, ratio: ratio, active: active, name: name, nickname: nickname, kind: Kind.allCases[kindIndex],
                    tags: tags, attrs: attrs, created: created, location: location)
    }

    static func encode(_ nested: Nested, _ out: inout FloorWriter) {
        out.long(Int64(nested.items.count))
        for item in nested.items {
            out.string(item.k)
            out.long(item.v)
        }
        out.long(0)
    }

    static func decodeNested(_ r: inout FloorReader) throws -> Nested {
        var items: [Item] = []
        while case let count = try r.blockCount(), count > 0 {
            items.reserveCapacity(items.count + count)
            for _ in 0..<count { items.append(Item(k: try r.string(), v: try r.long())) }
        }
        return Nested(items: items)
    }
}
