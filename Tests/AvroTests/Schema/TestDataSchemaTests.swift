import Foundation
import Testing
@testable import Avro

// Every schema file of the shared test data (see its README): the valid ones parse and
// survive printing, the invalid ones are rejected. Protocols (*.avpr) are out of scope.

/// Paths, relative to the shared test data, of every file under `directory` (recursively)
/// that `include` accepts, sorted. Empty when the test data is absent.
private func schemaFiles(under directory: String, where include: (String) -> Bool) -> [String] {
    guard let root = TestData.directory?.appendingPathComponent(directory),
          let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
    return enumerator.compactMap { $0 as? String }
        .filter { relative in
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(relative).path
            return FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && !isDirectory.boolValue
                && include(relative)
        }
        .map { directory + "/" + $0 }
        .sorted()
}

/// The lang-cpp schemas that are not valid: an undefined reference, and unquoted keys.
private let invalidCppSchemas: Set<String> = ["nested.error", "verboseint"]

/// Every schema file the README marks valid.
private let validSchemaFiles: [String] = {
    let avsc = schemaFiles(under: ".") { $0.hasSuffix(".avsc") }.map { String($0.dropFirst(2)) }
    let cPass = schemaFiles(under: "lang-c/schema_tests/pass") { !$0.hasSuffix(".avsc") }
    let cpp = schemaFiles(under: "lang-cpp/jsonschemas") { !$0.hasSuffix(".avsc") && !invalidCppSchemas.contains($0) }
    return (avsc + cPass + cpp).sorted()
}()

/// Every schema file the README marks invalid, with the error code expected: text that is
/// not JSON gives `invalidJSON`, JSON that is not a schema gives `invalidSchema`.
private let invalidSchemaFiles: [(path: String, code: AvroError.Code, errorPath: String?)] = [
    ("lang-c/schema_tests/fail/enum_nonarray_symbols", .invalidSchema, "symbols"),
    ("lang-c/schema_tests/fail/enum_nonstring_name", .invalidSchema, "name"),
    ("lang-c/schema_tests/fail/enum_without_name", .invalidJSON, nil),
    ("lang-c/schema_tests/fail/fixed_without_name", .invalidSchema, nil),
    ("lang-c/schema_tests/fail/fixed_without_size", .invalidSchema, "name"),
    ("lang-c/schema_tests/fail/illegal_type", .invalidSchema, "type"),
    ("lang-c/schema_tests/fail/invalid_avro_id", .invalidSchema, "name"),
    ("lang-c/schema_tests/fail/record_with_field_missing_name", .invalidSchema, "fields[0]"),
    ("lang-c/schema_tests/fail/record_with_field_missing_type", .invalidSchema, "fields[0]"),
    ("lang-c/schema_tests/fail/record_with_invalid_reference", .invalidSchema, "fields[1].type.items"),
    ("lang-c/schema_tests/fail/record_with_nonarray_fields", .invalidJSON, nil),
    ("lang-c/schema_tests/fail/record_with_nonstring_name", .invalidSchema, "name"),
    ("lang-cpp/jsonschemas/nested.error", .invalidSchema, "fields[1].type[0]"),
    ("lang-cpp/jsonschemas/verboseint", .invalidJSON, nil),
]

/// Files that refer to types defined in other files, with those files (Java's multi-file
/// parsing).
private let dependencies: [String: [String]] = [
    "lang-java/avro-test-resources/multipleFile/ApplicationEvent.avsc": [
        "lang-java/avro-test-resources/multipleFile/DocumentInfo.avsc",
        "lang-java/avro-test-resources/multipleFile/MyResponse.avsc",
    ],
]

private func parseTestDataSchema(_ path: String) throws -> AvroSchema {
    let known = try (dependencies[path] ?? []).map { try AvroSchema(parsing: TestData.text($0)) }
    return try AvroSchema(parsing: TestData.text(path), knownTypes: known)
}

@Test(.enabled(if: TestData.isAvailable))
func testDataFileListsAreComplete() {
    // The README: 28 files in lang-c pass, 12 in fail; 35 lang-cpp schemas, 2 of them invalid.
    #expect(validSchemaFiles.filter { $0.hasPrefix("lang-c/schema_tests/pass/") }.count == 28)
    #expect(validSchemaFiles.filter { $0.hasPrefix("lang-cpp/jsonschemas/") }.count == 33)
    #expect(schemaFiles(under: "lang-c/schema_tests/fail") { _ in true }.count == 12)
    #expect(validSchemaFiles.contains("lang-cpp/jsonschemas/large_schema.avsc"))
    #expect(validSchemaFiles.contains("share-test-schemas/interop.avsc"))
    #expect(validSchemaFiles.count == 102)
}

@Test(.enabled(if: TestData.isAvailable), arguments: validSchemaFiles)
func validSchemaFileRoundTrips(path: String) throws {
    let schema = try parseTestDataSchema(path)
    let canonical = schema.canonicalForm
    for pretty in [false, true] {
        let text = schema.jsonString(pretty: pretty)
        let reparsed = try AvroSchema(parsing: text)
        #expect(reparsed == schema, "pretty: \(pretty)\n\(text)")
        #expect(reparsed.canonicalForm == canonical, "pretty: \(pretty)")
        #expect(reparsed.jsonString(pretty: pretty) == text, "printing is stable")
    }
}

@Test(.enabled(if: TestData.isAvailable), arguments: invalidSchemaFiles.map(\.path))
func invalidSchemaFileIsRejected(path: String) throws {
    let expected = try #require(invalidSchemaFiles.first { $0.path == path })
    let text = try TestData.text(path)
    let error = expectAvroError(expected.code) { _ = try AvroSchema(parsing: text) }
    #expect(error?.message.isEmpty == false)
    #expect(error?.path == expected.errorPath)
}

@Test(.enabled(if: TestData.isAvailable))
func largeSchemaParsesAndPrintsBack() throws {
    let text = try TestData.text("lang-cpp/jsonschemas/large_schema.avsc")
    let parsed = try AvroSchema(parsing: text)
    #expect(parsed.namedDefinitions.count > 100)
    #expect(try AvroSchema(parsing: parsed.jsonString()) == parsed)
    #expect(try AvroSchema(parsing: parsed.canonicalForm).canonicalForm == parsed.canonicalForm)
}
