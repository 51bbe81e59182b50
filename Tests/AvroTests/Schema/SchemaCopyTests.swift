import Testing
@testable import Avro

/// `isCopy(of:)`, the caches' shortcut before comparing schemas field by field: true for
/// copies of one value, never true for different schemas.
@Suite struct SchemaCopyTests {
    static let text = #"{"type":"record","name":"P","fields":[{"name":"a","type":"string"},{"name":"b","type":{"type":"array","items":"long"}}],"x-note":"kept"}"#

    @Test func copiesAreRecognised() throws {
        let schema = try AvroSchema(parsing: Self.text)
        let copy = schema
        var holder: [AvroSchema] = []
        holder.append(schema)
        #expect(schema.isCopy(of: copy))
        #expect(holder[0].isCopy(of: schema))
        #expect(AvroSchema.long.isCopy(of: .long))
    }

    @Test func differentSchemasAreNeverCopies() throws {
        let schema = try AvroSchema(parsing: Self.text)
        let renamed = try AvroSchema(parsing: Self.text.replacingOccurrences(of: #""name":"a""#, with: #""name":"c""#))
        let withoutProperty = try AvroSchema(parsing: Self.text.replacingOccurrences(of: #","x-note":"kept""#, with: ""))
        #expect(!schema.isCopy(of: renamed))
        #expect(!schema.isCopy(of: withoutProperty))
        #expect(!AvroSchema.long.isCopy(of: .int))
        #expect(!AvroSchema.array(.long).isCopy(of: .array(.int)))
        // A copy passed through the resolution cache finds the same plan.
        let reader = try CompiledSchema.cached(schema)
        #expect(try ResolutionPlan.cached(writer: schema, reader: reader) === ResolutionPlan.cached(writer: schema, reader: reader))
    }
}
