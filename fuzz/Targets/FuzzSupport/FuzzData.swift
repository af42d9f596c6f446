import ComputeModel
import Foundation

/// Small, valid data files shared by the fuzz targets (one accelerator, two prices, every assumption), read from
/// Tests/Fixtures/small-data/ like the test targets do.
public enum FuzzData {
    public static let today = Day(year: 2026, month: 11, day: 26)!

    /// Tests/Fixtures/small-data/, shared with the test targets.
    static let smallData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/small-data")

    static func file(_ name: String) -> String {
        (try? String(contentsOf: smallData.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    public static let accelerators = file("accelerators.yaml")

    public static let prices = file("prices.csv")

    public static let assumptions = file("assumptions.yaml")

    /// One server CPU (a copy of content/data/cpus.yaml), so CPU columns and the cpu-vs-gpu example are fuzzed too.
    public static let cpus = file("cpus.yaml")

    /// The accelerator list, parsed once.
    public static let acceleratorList: [Accelerator] = (try? AcceleratorFile.parse(path: "accelerators.yaml", contents: accelerators, today: today)) ?? []

    /// All three files, parsed once; nil only if the fixtures above are broken.
    public static let data: ComputeData? = try? ComputeData.parse(
        accelerators: ("content/data/accelerators.yaml", accelerators), prices: ("content/data/prices.csv", prices),
        assumptions: ("content/data/assumptions.yaml", assumptions), cpus: ("content/data/cpus.yaml", cpus), today: today)
}

/// The fuzzer's bytes as text: invalid UTF-8 is repaired the way the site's loaders never would, so targets
/// that take `String` also see odd scalars (NUL, lone surrogates' replacement characters, BOMs).
public func fuzzText(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer's driver with `callback` as the target. SwiftPM links an executable's entry point as
/// `<Module>_main` (aliased to `main`), which replaces libFuzzer's own `main`, so each target calls this from there.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}
