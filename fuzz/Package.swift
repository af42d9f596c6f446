// swift-tools-version:6.0
// Fuzz targets for Signals, kept out of the main package so `swift build` / `swift test` stay untouched.
// The library sources are the main package's own (Sources/* here are symlinks to ../Sources/*).
// Build and run with `make fuzz` from the repository root (see fuzz/README.md).
import PackageDescription

let package = Package(
    name: "SignalsFuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib"),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc"),
        .target(name: "CSupport"),
        .target(name: "Diagnostics"),
        .target(name: "YAMLSupport", dependencies: ["Diagnostics", "Yams"]),
        .target(name: "ComputeModel", dependencies: ["Diagnostics", "YAMLSupport", "SwiftCSV"]),
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .target(name: "Site", dependencies: [
            "Diagnostics", "Markdown", "ComputeModel", "YAMLSupport", "CSupport", "CZlib", "CBrotli",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "FuzzSupport", dependencies: ["Site", "ComputeModel", "Diagnostics"], path: "Targets/FuzzSupport"),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["FuzzSupport", "Site"], path: "Targets/FuzzFrontMatter"),
        .executableTarget(name: "FuzzPriceFile", dependencies: ["FuzzSupport", "ComputeModel"], path: "Targets/FuzzPriceFile"),
        .executableTarget(name: "FuzzDirectives", dependencies: ["FuzzSupport", "Site"], path: "Targets/FuzzDirectives"),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzSupport", "Site", "Markdown"], path: "Targets/FuzzMarkdown"),
    ]
)
