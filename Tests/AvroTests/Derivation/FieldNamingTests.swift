import Foundation
import Testing
@testable import Avro

/// The key-naming strategy and excluded fields.
@Suite struct FieldNamingTests {
    struct Account: Codable, Equatable, AvroCustomizing {
        var accountID: Int
        var createdAt: Date
        var displayName: String?
        var cachedTotal: Double = 0

        static let avroExcludedFields: Set<String> = ["cachedTotal"]

        init(accountID: Int, createdAt: Date, displayName: String?, cachedTotal: Double = 0) {
            self.accountID = accountID
            self.createdAt = createdAt
            self.displayName = displayName
            self.cachedTotal = cachedTotal
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            accountID = try container.decode(Int.self, forKey: .accountID)
            createdAt = try container.decode(Date.self, forKey: .createdAt)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            cachedTotal = try container.decodeIfPresent(Double.self, forKey: .cachedTotal) ?? 0
        }
    }

    @Test func snakeCaseNamesTheDerivedFieldsAndTheCodersFollow() throws {
        #expect(AvroFieldNaming.snakeCase.fieldName(forKey: "accountID") == "account_id")
        #expect(AvroFieldNaming.snakeCase.fieldName(forKey: "myURLValue") == "my_url_value")
        #expect(AvroFieldNaming.snakeCase.codingKey(forField: "created_at") == "createdAt")
        let schema = try AvroSchema(deriving: Account.self, fieldNaming: .snakeCase)
        #expect(schema.jsonString() == #"{"type":"record","name":"Account","fields":[{"name":"account_id","type":"long"},{"name":"created_at","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"display_name","type":["null","string"],"default":null}]}"#)

        var encoder = AvroEncoder()
        encoder.fieldNaming = .snakeCase
        var decoder = AvroDecoder()
        decoder.fieldNaming = .snakeCase
        let account = Account(accountID: 7, createdAt: Date(timeIntervalSince1970: 1), displayName: "Ann", cachedTotal: 99)
        let bytes = try encoder.encodeBytes(account)
        // The excluded cachedTotal is not written.
        #expect(bytes == [0x0e, 0xd0, 0x0f, 0x02, 0x06, 0x41, 0x6e, 0x6e])
        var expected = account
        expected.cachedTotal = 0
        #expect(try decoder.decode(Account.self, from: bytes) == expected)
        // With an explicit snake_case schema too.
        var explicitEncoder = AvroEncoder(schema: schema)
        explicitEncoder.fieldNaming = .snakeCase
        #expect(try explicitEncoder.encodeBytes(account) == bytes)
        var explicit = AvroDecoder(schema: schema)
        explicit.fieldNaming = .snakeCase
        #expect(try explicit.decode(Account.self, from: bytes) == expected)
    }

    @Test func withoutTheStrategyAnExplicitSnakeCaseSchemaDoesNotMatch() throws {
        let schema = try AvroSchema(deriving: Account.self, fieldNaming: .snakeCase)
        expectEncodingError(.typeMismatch, at: ["accountID"]) {
            _ = try AvroEncoder(schema: schema).encodeBytes(Account(accountID: 1, createdAt: Date(), displayName: nil))
        }
    }
}
