// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-avro",
    products: [
        .library(name: "Avro", targets: ["Avro"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "Avro", dependencies: ["CZlib"], path: "Sources/Avro"),
        .testTarget(name: "AvroTests", dependencies: ["Avro"], path: "Tests/AvroTests"),
    ],
    swiftLanguageModes: [.v6]
)
