import ComputeModel
import Foundation

/// Small, valid data files shared by the fuzz targets (one accelerator, two prices, every assumption).
public enum FuzzData {
    public static let today = Day(year: 2026, month: 11, day: 26)!

    public static let accelerators = """
    sources:
      R-STAS: {title: "Stas Bekman", url: https://example.org/stas}
    accelerators:
      - id: h100-sxm
        aliases: [h100]
        name: NVIDIA H100 SXM5
        vendor: NVIDIA
        architecture: Hopper
        process: TSMC 4N
        launched: 2022-03-22
        source: R-STAS
        read: 2026-08-22
        confidence: S
        memory-gb: 80
        memory-type: HBM3
        bandwidth-tbs: 3.35
        interconnect: NVLink 4
        interconnect-gbs: 900
        power-w: 700
        dense: {fp64: 33.5, fp64-tensor: 66.9, tf32: 494.5, bf16: 989, fp8: 1979, fp4: n/a}
        sparse: {bf16: 1979, fp8: 3958}
    """

    public static let prices = """
    date,provider,offer,gpu,gpus,usd_per_hour,type,region,source_url,source,confidence,note
    2026-09-20,Lambda,8x H100 SXM,h100-sxm,8,31.92,on-demand,,https://lambda.ai/instances,R-LAMBDA,S,
    2026-09-21,AWS,p5.48xlarge,h100-sxm,8,55.04,on-demand,us-east-1,https://aws.amazon.com/ec2/pricing/,R-AWS,S,"cut, June 2025"
    """

    public static let assumptions = """
    sources:
      R-J: {title: "Judgement"}
    assumptions:
      mfu: {value: 0.40, unit: fraction, label: MFU, source: R-J, date: 2026-11-09, confidence: D}
      pue: {value: 1.3, unit: ×, label: PUE, source: R-J, date: 2026-11-09, confidence: D}
      server-overhead: {value: 1.82, unit: ×, label: server overhead, source: R-J, date: 2026-11-09, confidence: D}
      power-draw-fraction: {value: 0.75, unit: fraction, label: power draw, source: R-J, date: 2026-11-09, confidence: D}
      electricity-price: {value: 0.08, unit: USD/kWh, label: electricity, source: R-J, date: 2026-11-09, confidence: D}
      utilization: {value: 0.7, unit: fraction, label: utilization, source: R-J, date: 2026-11-09, confidence: D}
      depreciation-years: {value: 5, unit: years, label: depreciation, source: R-J, date: 2026-11-09, confidence: D}
      tokens-per-parameter: {value: 20, unit: tokens/parameter, label: tokens per parameter, source: R-J, date: 2026-11-09, confidence: D}
      purchase-price.h100-sxm: {value: 30000, unit: USD, label: H100 price, source: R-J, date: 2026-11-09, confidence: D}
    """

    /// The accelerator list, parsed once.
    public static let acceleratorList: [Accelerator] = (try? AcceleratorFile.parse(path: "accelerators.yaml", contents: accelerators, today: today)) ?? []

    /// All three files, parsed once; nil only if the fixtures above are broken.
    public static let data: ComputeData? = try? ComputeData.parse(
        accelerators: ("content/data/accelerators.yaml", accelerators), prices: ("content/data/prices.csv", prices),
        assumptions: ("content/data/assumptions.yaml", assumptions), today: today)
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
