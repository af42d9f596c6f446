import Diagnostics
import Foundation
import Testing
@testable import Site

/// The bad-input catalogue's fixture: a small good site (pages, a section, a directive, inline figures and
/// `content/data/`), built once; then one bad input is written into it (plus an unrelated second error),
/// built again in-process and with the `signals` binary, and the outcome checked.
struct CatalogueSite {
    /// Data files: one accelerator, two prices, every assumption (short versions of content/data/).
    static let accelerators = """
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

    static let priceHeader = "date,provider,offer,gpu,gpus,usd_per_hour,type,region,source_url,source,confidence,note"
    static let priceRows = [
        "2026-09-20,Lambda,8x H100 SXM,h100-sxm,8,31.92,on-demand,,https://lambda.ai/instances,R-LAMBDA,S,",
        "2026-09-21,AWS,p5.48xlarge,h100-sxm,8,55.04,on-demand,us-east-1,https://aws.amazon.com/ec2/pricing/,R-AWS,S,\"cut, June 2025\"",
    ]
    static var prices: String { ([priceHeader] + priceRows).joined(separator: "\n") }

    static let assumptions = """
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
    """

    /// The good site every case starts from.
    static let good = """
    -- content/site.yaml --
    title: Catalogue
    baseURL: https://catalogue.example/
    maxPriceAgeDays: 100000
    -- content/_index.md --
    ---
    title: Home
    ---
    Welcome.
    -- content/learn/_index.md --
    ---
    title: Learn
    ---
    Lessons.
    -- content/learn/gpu-hour.md --
    ---
    title: What is a GPU-hour?
    ---
    ## Formula

    GPU-hours = GPUs × hours; a median H100 costs `{price gpu=h100-sxm type=on-demand stat=median}` per instance-hour.
    -- content/learn/prices.md --
    ---
    title: Prices
    ---
    See [the formula](gpu-hour.md#formula).

    ```{prices}
    gpu: h100-sxm
    ```
    -- content/data/accelerators.yaml --
    \(accelerators)
    -- content/data/prices.csv --
    \(prices)
    -- content/data/assumptions.yaml --
    \(assumptions)
    """

    /// A second, unrelated error written into every broken site: the run must report it too.
    static let companion = "-- content/zz-other.md --\n---\ntitle: Other\n---\n[x](nowhere.md)\n"
    static let companionError = "content/zz-other.md:4:5: error: link to a missing page 'nowhere.md' (no content/nowhere.md)"

    let site: TestSite

    /// Writes and builds the good site (which must succeed).
    init() throws {
        site = try TestSite(Self.good)
        try site.build()
    }

    /// Writes raw bytes to a path of the site.
    func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
        let url = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// What a broken build reported.
    struct Outcome {
        /// Every diagnostic line (`path:line:column: severity: message`) of the in-process build, sorted, without the companion's.
        var lines: [String]
        /// The same diagnostics with hints.
        var diagnostics: [Diagnostic]
    }

    /// Breaks the built site with `files` (a `-- path --` string), `bytes` (raw files) and `remove`, plus the companion
    /// error, then checks: the build fails, the companion error is reported too, public/ is byte-for-byte unchanged,
    /// and `signals build` exits 1 printing the same error lines. Returns the case's own diagnostics.
    func breakWith(_ files: String = "", bytes: [String: [UInt8]] = [:], remove: [String] = [],
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Outcome {
        let before = site.snapshot()
        #expect(!before.isEmpty, "the good site was built", sourceLocation: sourceLocation)
        try site.write(Self.companion + files)
        for (path, data) in bytes { try writeBytes(path, data) }
        for path in remove { try site.remove(path) }

        let failure = try #require(site.failure(), "the broken site must not build", sourceLocation: sourceLocation)
        let all = failure.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
        #expect(all.contains(Self.companionError), "the other error of the run is reported too", sourceLocation: sourceLocation)
        #expect(site.snapshot() == before, "public/ is unchanged after a failed build", sourceLocation: sourceLocation)

        let run = try SignalsBinary.run(["build", "--source", site.root.path, "--no-cache"], in: site.root)
        #expect(run.status == 1, "signals build exits 1", sourceLocation: sourceLocation)
        // The CLI builds with the real date, the in-process build with TestSite.today: messages naming it differ only there.
        func undated(_ line: String) -> String {
            guard let range = line.range(of: "after the build date ") else { return line }
            return String(line[..<range.upperBound])
        }
        #expect(run.errorLines.map(undated) == all.filter { $0.contains(": error: ") }.map(undated), "the CLI prints the same errors",
                sourceLocation: sourceLocation)
        #expect(run.stderr.contains("public/ left unchanged"), sourceLocation: sourceLocation)
        #expect(site.snapshot() == before, "public/ is unchanged after a failed CLI build", sourceLocation: sourceLocation)

        let own = zip(all, failure.diagnostics).filter { $0.0 != Self.companionError }
        return Outcome(lines: own.map(\.0), diagnostics: own.map(\.1))
    }

    /// Writes `files` into the good site and builds it: it must succeed (inputs that are odd but valid).
    @discardableResult
    func buildsWith(_ files: String = "", bytes: [String: [UInt8]] = [:],
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildResult? {
        try site.write(files)
        for (path, data) in bytes { try writeBytes(path, data) }
        do {
            return try site.build()
        } catch {
            Issue.record("the build failed: \(error.description)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
