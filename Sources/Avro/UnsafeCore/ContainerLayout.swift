import Foundation

/// Whether the standard library's keyed containers can be kept as their box and made again
/// from it (see ``ContainerReuse``): checked once per process, on containers of concrete
/// types, so that the coding paths only read a `Bool`.
enum ContainerLayout {
    /// Whether kept boxes can stand for their containers: the layout check passed for both
    /// container types and `SWIFT_AVRO_PLAIN_CONTAINERS` is not set.
    static let boxesCanBeKept: Bool = !plainContainersAreForced
        && roundTripHolds(KeyedDecodingContainer(DecodingProbe<AvroCodingKey>(marker: DecodingProbe<AvroCodingKey>.Marker())))
        && roundTripHolds(EncodedKeysProbe().container(keyedBy: AvroCodingKey.self))

    /// Whether `SWIFT_AVRO_PLAIN_CONTAINERS` is set: no container is kept.
    static var plainContainersAreForced: Bool { ProcessInfo.processInfo.environment["SWIFT_AVRO_PLAIN_CONTAINERS"] != nil }

    /// Whether `container` is one reference to its box, and bit-casting it to an object and
    /// back gives the same box holding the same container: found by reflection (the
    /// container's one child is its box, whose one child is the container it wraps, whose
    /// first stored object tells it apart), so that a different layout says `false` rather
    /// than being trusted.
    static func roundTripHolds<Container>(_ container: Container) -> Bool {
        guard MemoryLayout<Container>.size == MemoryLayout<AnyObject>.size,
              MemoryLayout<Container>.alignment == MemoryLayout<AnyObject>.alignment,
              let (box, marker) = boxAndMarker(of: container),
              // The bits must be the box's address before they are taken as an object.
              unsafeBitCast(container, to: UInt.self) == UInt(bitPattern: ObjectIdentifier(box)) else {
            return false
        }
        let back = unsafeBitCast(box, to: Container.self)
        guard let (backBox, backMarker) = boxAndMarker(of: back) else { return false }
        return backBox === box && backMarker === marker
    }

    /// The box a standard library container holds and the first object stored in the
    /// container the box wraps.
    private static func boxAndMarker(of container: Any) -> (AnyObject, AnyObject)? {
        let children = Mirror(reflecting: container).children
        guard children.count == 1, let box = children.first?.value, type(of: box) is AnyClass,
              let wrapped = Mirror(reflecting: box).children.first?.value,
              let marker = Mirror(reflecting: wrapped).children.first(where: { type(of: $0.value) is AnyClass })?.value else {
            return nil
        }
        return (box as AnyObject, marker as AnyObject)
    }

    /// A keyed decoding container that holds an object and decodes nothing: what the check
    /// wraps on the decoding side.
    struct DecodingProbe<Key: CodingKey>: KeyedDecodingContainerProtocol {
        final class Marker {}

        let marker: Marker
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        private var nothing: DecodingError { DecodingError.dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "a layout probe holds no values")) }

        func contains(_ key: Key) -> Bool { false }
        func decodeNil(forKey key: Key) throws -> Bool { throw nothing }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { throw nothing }
        func nestedContainer<NestedKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> { throw nothing }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw nothing }
        func superDecoder() throws -> any Decoder { throw nothing }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw nothing }
    }
}
