// swift-tools-version:6.0
import PackageDescription

// Linux only (Debian 12 is what CI runs): the output swap calls renameat2 (CSupport), the preview watcher uses
// inotify, tests read /proc, and the locks are Synchronization.Mutex. No `platforms:` claim, since macOS is not built.

let package = Package(
    name: "Signals",
    products: [
        .executable(name: "signals", targets: ["signals"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // cmark-gfm from Debian's libcmark-gfm-dev / libcmark-gfm-extensions-dev.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib (Debian zlib1g-dev) and the Brotli encoder (libbrotli-dev), for the .gz and .br siblings of the output.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
        // Small C helpers Foundation lacks (an atomic directory swap).
        .target(name: "CSupport"),
        // Source locations and the error type every stage reports with.
        .target(name: "Diagnostics"),
        // YAML text to nodes, with every parse error as a located diagnostic (pages, settings and data alike).
        .target(name: "YAMLSupport", dependencies: ["Diagnostics", "Yams"]),
        // Accelerator specs, dated prices, assumptions and the formulas. No HTML, no site.
        .target(
            name: "ComputeModel",
            dependencies: ["Diagnostics", "YAMLSupport", "SwiftCSV"]
        ),
        // The only module that touches cmark-gfm.
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        // Content loading, routing, templates, directives, link checking, outputs, the build.
        .target(
            name: "Site",
            dependencies: [
                "Diagnostics", "Markdown", "ComputeModel", "YAMLSupport", "CSupport", "CZlib", "CBrotli",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The preview server: Hummingbird, file watching, live reload.
        .target(
            name: "Preview",
            dependencies: [
                "Diagnostics",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The preview's side of a build: which served files changed, builds off the cooperative pool, stale builds cancelled.
        .target(name: "SitePreview", dependencies: ["Diagnostics", "Site", "Preview"]),
        // `signals check --external`: the http(s) links of the sources, asked about over the network (never in a build).
        .target(name: "LinkCheck", dependencies: ["Diagnostics", "Markdown"]),
        // Argument parsing and printing; every decision lives in a library.
        .target(
            name: "SignalsCLI",
            dependencies: [
                "Diagnostics", "ComputeModel", "Markdown", "Site", "Preview", "SitePreview", "LinkCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "signals", dependencies: ["SignalsCLI"]),
        .testTarget(name: "ComputeModelTests", dependencies: ["ComputeModel"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        // What SiteTests and SignalsCLITests share: fixture sites and the seeded generator of data edits.
        .target(name: "SiteTestSupport", dependencies: ["Site", "ComputeModel"], path: "Tests/SiteTestSupport"),
        .testTarget(name: "SiteTests", dependencies: ["Site", "ComputeModel", "CZlib", "CBrotli", "SiteTestSupport"]),
        .testTarget(
            name: "PreviewTests",
            dependencies: ["Preview", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .testTarget(name: "SignalsCLITests", dependencies: ["SignalsCLI", "Site", "Preview", "SitePreview", "LinkCheck", "SiteTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
