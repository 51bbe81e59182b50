import Avro
import Foundation

/// The seed corpora: for each ``FuzzTarget``, valid inputs the fuzzer starts from and
/// mutates, made from sample values of the harnesses' schemas and models, plus the schemas
/// and container files of a folder of test data written by other implementations.
public enum FuzzSeeds {
    /// Sample values of each of ``FuzzSchemas/texts``, in Avro JSON.
    static let samples: [[String]] = {
        let leaf = #"{"value": 1, "children": [], "next": null, "labels": {}}"#
        let node = #"{"value": -5, "children": [\#(leaf), \#(leaf)], "next": {"fuzz.Node": \#(leaf)}, "labels": {"a": \#(leaf)}}"#
        let everything = #"""
            {"n": null, "b": true, "i": -7, "l": 1234567890123, "f": 1.5, "d": -0.25, "bytes": "\u0000\u00ff", "s": "h\u00e9llo",
             "fixed": "abcd", "e": "HEARTS", "a": [null, {"int": 3}, {"string": "x"}, {"fuzz.Four": "wxyz"}],
             "m": {"k": ["CLUBS", "SPADES"], "": []}, "u": {"map": {"a": 1}}, "decimalBytes": "\u0001\u0002",
             "decimalFixed": "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0001\u0000", "uuid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
             "uuidFixed": "0123456789abcdef", "date": 19000, "timeMillis": 1000, "timeMicros": 1000000, "tsMillis": 1700000000000,
             "tsMicros": 1, "tsNanos": -1, "localMillis": 0,
             "duration": "\u0001\u0000\u0000\u0000\u0002\u0000\u0000\u0000\u0003\u0000\u0000\u0000"}
            """#
        let plainer = everything.replacingOccurrences(of: #""u": {"map": {"a": 1}}"#, with: #""u": {"array": [1.5, -2]}"#)
            .replacingOccurrences(of: #""b": true"#, with: #""b": false"#)
        return [
            [leaf, node, #"{"value": 0, "children": [\#(node)], "next": {"fuzz.Node": \#(node)}, "labels": {}}"#],
            [everything, plainer],
            ["null", #"{"int": 5}"#, #"{"string": ""}"#, #"{"array": ["ab", ""]}"#, #"{"map": {"x": null, "y": {"double": 1.5}}}"#],
        ]
    }()

    /// Sample values of each writer schema of ``FuzzSchemas/evolutions``, in Avro JSON.
    static let evolutionSamples: [[String]] = [
        [#"{"id": 1, "score": 2.5, "name": "n", "gone": [1, 2], "kind": "C", "tags": {"a": 1}, "maybe": {"string": "s"}}"#,
         #"{"id": -1, "score": 0, "name": "", "gone": [], "kind": "A", "tags": {}, "maybe": null}"#,
         #"{"id": 7, "score": -1, "name": "x", "gone": [], "kind": "B", "tags": {"b": 2}, "maybe": {"int": 4}}"#],
        samples[0],
        [#"{"int": 1}"#, #"{"array": [1, 2]}"#, #"{"string": "s"}"#],
        ["5", "-300"],
    ]

    /// IDL files with every kind of declaration: protocols and schema files.
    static let idlSamples = [
        """
        /** A protocol. */
        @namespace("fuzz") @version("1")
        protocol Sample {
          enum Kind { A, B, C } = C;
          fixed Hash(0x10);
          /** A record. */
          @aliases(["Old"]) record Item {
            string @order("descending") name = "x";
            union { null, Hash } hash = null;
            Kind? kind = "A";
            map<array<decimal(9,2)>> prices = {};
            @java-class("java.util.ArrayList") array<long> counts = [1, 0x10, 010];
            double ratio = NaN;
            date day; time_ms time; timestamp_ms stamp; local_timestamp_ms local; uuid id;
          }
          error Refused { string `reason`; }
          Item get(string name, int limit = 10) throws Refused;
          void ping() oneway;
        }
        """,
        "namespace n; schema array<R>; record R { R? next = null; int value; }",
        "schema int;",
        "protocol Empty {}",
        """
        @namespace("a") protocol Forward {
          record A { b.B b; union { null, C } c = null; }
          @namespace("b") record B { string s = "\\u00e9\\t"; }
          record C { a.A? back; }
          @logicalType("timestamp-micros") fixed Micros(8);
        }
        """,
    ]

    /// Writes the corpora into one folder per target under `directory` (created if needed)
    /// and returns how many inputs each got.
    ///
    /// - Parameter testData: A folder whose `.avsc` files (at any depth) become schema seeds
    ///   and whose `.avro` files become container seeds, or `nil`. The `.avdl` and `.avpr`
    ///   files of `avro-idl` beside it become IDL and protocol seeds.
    public static func write(to directory: URL, testData: URL?) throws -> [FuzzTarget: Int] {
        var corpora: [FuzzTarget: [[UInt8]]] = [:]
        for (index, schema) in FuzzSchemas.schemas.enumerated() {
            let values = try samples[index].map { try AvroValue(avroJSONString: $0, as: schema) }
            for value in values {
                corpora[.value, default: []].append([UInt8(index)] + (try value.encoded(as: schema)))
                corpora[.json, default: []].append([UInt8(index)] + Array(try value.avroJSONString(as: schema).utf8))
            }
            corpora[.value, default: []].append([UInt8(index)] + (try values.flatMap { try $0.encoded(as: schema) }))
            corpora[.schema, default: []].append(Array(schema.jsonString(pretty: true).utf8))
            for codec in [AvroNullCodec() as any AvroCodec, AvroDeflateCodec(), AvroSnappyCodec()] {
                let writer = try AvroFileWriter<AvroValue>(schema: schema, codec: codec, blockSize: 200)
                try writer.append(contentsOf: values + values)
                try writer.close()
                corpora[.container, default: []].append([UInt8](writer.data))
            }
        }
        for (index, evolution) in FuzzSchemas.evolutions.enumerated() {
            for sample in evolutionSamples[index] {
                let value = try AvroValue(avroJSONString: sample, as: evolution.writer)
                corpora[.resolving, default: []].append([UInt8(index)] + (try value.encoded(as: evolution.writer)))
            }
            corpora[.schema, default: []].append(Array(evolution.reader.jsonString().utf8))
        }
        try addModels(FuzzModels.orders, choice: 0, resolvingChoice: FuzzSchemas.evolutions.count, to: &corpora)
        try addModels(FuzzModels.trees, choice: 1, resolvingChoice: nil, to: &corpora)
        try addModels(FuzzModels.scalars, choice: 2, resolvingChoice: nil, to: &corpora)
        for text in idlSamples {
            corpora[.idl, default: []].append(Array(text.utf8))
            if let avroProtocol = try AvroIDL(parsing: text).avroProtocol {
                corpora[.avroProtocol, default: []].append(Array(avroProtocol.jsonString(pretty: true).utf8))
                corpora[.avroProtocol, default: []].append(Array(avroProtocol.jsonString().utf8))
            }
        }
        if let testData {
            try addTestData(testData, to: &corpora)
            // Java's IDL test suite, where it lies beside the test data.
            try addTestData(testData.deletingLastPathComponent().appendingPathComponent("avro-idl"), to: &corpora)
        }

        var counts: [FuzzTarget: Int] = [:]
        for target in FuzzTarget.allCases {
            let folder = directory.appendingPathComponent(target.rawValue)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (number, input) in (corpora[target] ?? []).enumerated() {
                try Data(input).write(to: folder.appendingPathComponent("seed-\(number)"))
            }
            counts[target] = corpora[target]?.count ?? 0
        }
        return counts
    }

    /// Seeds of the Codable model `T`: its values, its schema, its values in Avro JSON.
    private static func addModels<T: Codable>(_ values: [T], choice: Int, resolvingChoice: Int?,
                                             to corpora: inout [FuzzTarget: [[UInt8]]]) throws {
        let schema = try AvroSchema(deriving: T.self)
        let encoder = AvroEncoder(schema: schema)
        corpora[.schema, default: []].append(Array(schema.jsonString().utf8))
        for value in values {
            let bytes = try encoder.encodeBytes(value)
            corpora[.codable, default: []].append([UInt8(choice)] + bytes)
            if let resolvingChoice { corpora[.resolving, default: []].append([UInt8(resolvingChoice)] + bytes) }
            let json = try encoder.encodeAvroJSON(value)
            corpora[.json, default: []].append([UInt8(choice)] + Array(json.utf8))
        }
    }

    /// The `.avsc` and `.avro` files under `folder`, at any depth.
    private static func addTestData(_ folder: URL, to corpora: inout [FuzzTarget: [[UInt8]]]) throws {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return }
        for case let file as URL in files {
            switch file.pathExtension {
            case "avsc": corpora[.schema, default: []].append([UInt8](try Data(contentsOf: file)))
            case "avro": corpora[.container, default: []].append([UInt8](try Data(contentsOf: file)))
            case "avdl": corpora[.idl, default: []].append([UInt8](try Data(contentsOf: file)))
            case "avpr": corpora[.avroProtocol, default: []].append([UInt8](try Data(contentsOf: file)))
            default: break
            }
        }
    }
}
