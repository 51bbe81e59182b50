// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-avro",
    products: [
        .library(name: "Avro", targets: ["Avro"]),
        .executable(name: "avro", targets: ["AvroCLI"]),
        // The same command under its target's name: SwiftPM finds a plugin's tool by the
        // target's name among the products (AvroGenerate runs `avro generate`).
        .executable(name: "AvroCLI", targets: ["AvroCLI"]),
        .plugin(name: "AvroGenerate", targets: ["AvroGenerate"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "CAvroCodecs", path: "Sources/CAvroCodecs"),
        .target(name: "CAvroStack", path: "Sources/CAvroStack"),
        .target(name: "CAvroAtomic", path: "Sources/CAvroAtomic"),
        .target(name: "Avro", dependencies: ["CZlib", "CAvroCodecs", "CAvroStack", "CAvroAtomic"], path: "Sources/Avro"),
        .executableTarget(name: "AvroCLI", dependencies: ["Avro"], path: "Sources/AvroCLI"),
        // Swift types from the .avsc files of a target, at build time (`avro generate`).
        .plugin(name: "AvroGenerate", capability: .buildTool(), dependencies: [.target(name: "AvroCLI")], path: "Plugins/AvroGenerate"),
        .executableTarget(name: "Person", dependencies: ["Avro"], path: "Examples/Person"),
        .executableTarget(name: "DeriveSchema", dependencies: ["Avro"], path: "Examples/DeriveSchema"),
        .executableTarget(name: "SchemaEvolution", dependencies: ["Avro"], path: "Examples/SchemaEvolution"),
        .executableTarget(name: "Analytics", dependencies: ["Avro"], path: "Examples/Analytics"),
        .executableTarget(name: "EnumsWithValues", dependencies: ["Avro"], path: "Examples/EnumsWithValues"),
        .executableTarget(name: "KafkaMessages", dependencies: ["Avro"], path: "Examples/KafkaMessages"),
        .executableTarget(name: "DynamicValues", dependencies: ["Avro"], path: "Examples/DynamicValues"),
        .executableTarget(name: "Defaults", dependencies: ["Avro"], path: "Examples/Defaults"),
        .executableTarget(name: "IDLProtocols", dependencies: ["Avro"], path: "Examples/IDLProtocols", plugins: ["AvroGenerate"]),
        .executableTarget(name: "ReadmeExamples", dependencies: ["Avro"], path: "Examples/ReadmeExamples", plugins: ["AvroGenerate"]),
        .executableTarget(name: "GeneratedTypes", dependencies: ["Avro"], path: "Examples/GeneratedTypes", plugins: ["AvroGenerate"]),
        // The benchmark's workloads as generated types, in a module of their own as a user's would be.
        .target(name: "BenchmarkTypes", dependencies: ["Avro"], path: "Benchmarks/BenchmarkTypes", plugins: ["AvroGenerate"]),
        .executableTarget(name: "AvroBenchmarks", dependencies: ["Avro", "BenchmarkTypes"], path: "Benchmarks/AvroBenchmarks"),
        // The fuzz targets and their seeds (Fuzz/run.sh builds the libFuzzer binary).
        .target(name: "AvroFuzzing", dependencies: ["Avro"], path: "Fuzz/Targets"),
        .executableTarget(name: "AvroFuzz", dependencies: ["AvroFuzzing"], path: "Fuzz/Main"),
        .testTarget(name: "AvroTests", dependencies: ["Avro", "AvroFuzzing", "CAvroCodecs"], path: "Tests/AvroTests", exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
