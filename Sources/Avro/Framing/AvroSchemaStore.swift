/// The writer schemas that framed messages refer to: by CRC-64-AVRO fingerprint (single-object
/// encoding) or by a schema registry's id (Confluent wire format).
///
/// ```swift
/// let store = AvroSchemaStore()
/// store.add(personV1)               // found by its fingerprint
/// store.add(personV2, id: 42)       // found by its registry id (and its fingerprint)
/// let person = try AvroDecoder(schema: personV2).decodeConfluent(Person.self, from: message, schemas: store)
/// ```
///
/// A store is safe to share between threads.
public final class AvroSchemaStore: Sendable {
    private struct Entries {
        var byFingerprint: [UInt64: AvroSchema] = [:]
        var byID: [UInt32: AvroSchema] = [:]
    }

    private let entries = Locked(Entries())

    /// Creates a store holding `schemas`, found by their fingerprints.
    public init(_ schemas: [AvroSchema] = []) {
        for schema in schemas { add(schema) }
    }

    /// Adds `schema`, found by its CRC-64-AVRO fingerprint.
    public func add(_ schema: AvroSchema) {
        let fingerprint = schema.fingerprint64
        entries.withLock { $0.byFingerprint[fingerprint] = schema }
    }

    /// Adds `schema` under the registry id `id` (and its fingerprint).
    public func add(_ schema: AvroSchema, id: UInt32) {
        let fingerprint = schema.fingerprint64
        entries.withLock {
            $0.byID[id] = schema
            $0.byFingerprint[fingerprint] = schema
        }
    }

    /// The schema with the CRC-64-AVRO fingerprint `fingerprint`, if the store has it.
    public func schema(fingerprint: UInt64) -> AvroSchema? {
        entries.withLock { $0.byFingerprint[fingerprint] }
    }

    /// The schema registered under `id`, if the store has it.
    public func schema(id: UInt32) -> AvroSchema? {
        entries.withLock { $0.byID[id] }
    }
}
