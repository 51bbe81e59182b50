// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-avro",
    products: [
        .library(name: "Avro", targets: ["Avro"]),
        .executable(name: "avro", targets: ["AvroCLI"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "CAvroCodecs", path: "Sources/CAvroCodecs"),
        .target(name: "CAvroStack", path: "Sources/CAvroStack"),
        .target(name: "Avro", dependencies: ["CZlib", "CAvroCodecs", "CAvroStack"], path: "Sources/Avro"),
        .executableTarget(name: "AvroCLI", dependencies: ["Avro"], path: "Sources/AvroCLI"),
        .executableTarget(name: "Person", dependencies: ["Avro"], path: "Examples/Person"),
        .executableTarget(name: "DeriveSchema", dependencies: ["Avro"], path: "Examples/DeriveSchema"),
        .executableTarget(name: "SchemaEvolution", dependencies: ["Avro"], path: "Examples/SchemaEvolution"),
        .executableTarget(name: "ReadmeExamples", dependencies: ["Avro"], path: "Examples/ReadmeExamples"),
        .executableTarget(name: "AvroBenchmarks", dependencies: ["Avro"], path: "Benchmarks/AvroBenchmarks"),
        // The fuzz targets and their seeds (Fuzz/run.sh builds the libFuzzer binary).
        .target(name: "AvroFuzzing", dependencies: ["Avro"], path: "Fuzz/Targets"),
        .executableTarget(name: "AvroFuzz", dependencies: ["AvroFuzzing"], path: "Fuzz/Main"),
        .testTarget(name: "AvroTests", dependencies: ["Avro", "AvroFuzzing", "CAvroCodecs"], path: "Tests/AvroTests", exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
