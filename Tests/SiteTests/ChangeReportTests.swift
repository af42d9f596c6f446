import Foundation
import Testing
@testable import Site

/// `signals build` after a data edit prints what moved, and `--report FILE` says exactly the same.
@Suite("What signals build prints after a data edit, and --report writes", .serialized) struct ChangeReportTests {
    static let pages = """
    -- content/_index.md --
    ---
    title: Home
    ---
    Nothing computed here.
    -- content/learn/figures.md --
    ---
    title: Figures
    ---
    Median H100 `{price gpu=h100-sxm type=on-demand stat=median}`; A100 spot `{price gpu=a100-sxm type=spot stat=count}`;
    H200 bandwidth `{spec gpu=h200 field=bandwidth}`; MFU `{assumption name=mfu}`; Xeon `{spec cpu=xeon-8480 field=cores}`;
    HBM share `{fact name=hbm-share-sk-hynix-q2-2025}`.
    -- content/learn/example.md --
    ---
    title: Example
    ---
    ```{worked-example}
    kind: training
    params: 70e9
    tokens: 1.4e12
    gpu: h100-sxm
    ```
    """

    /// One edit of each kind the property test makes, as (name, file, transform).
    static let edits: [(String, String, @Sendable (String) -> String)] = [
        ("a newer row that moves a median", "prices.csv", { $0 + "2026-11-20,AWS,p5.48xlarge,h100-sxm,8,19.92,on-demand,,https://aws.amazon.com/ec2/pricing/on-demand/,R-TEST,S,\n" }),
        ("a row for a pair that had none", "prices.csv", { $0 + "2026-11-20,Vast.ai,1x A100,a100-sxm,1,0.90,spot,,https://vast.ai/pricing,R-TEST,S,\n" }),
        ("a new provider", "prices.csv", { $0 + "2026-11-21,Example Cloud,8x H100,h100-sxm,8,16.00,on-demand,,https://example.org,R-TEST,S,\n" }),
        ("a row deleted", "prices.csv", { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("2026-09-20,CoreWeave,HGX H100 (8 GPUs),h100-sxm") }.joined(separator: "\n")
        }),
        ("a date moved", "prices.csv", { $0.replacingOccurrences(of: "2026-11-09,RunPod,H100 SXM Secure Cloud", with: "2026-11-10,RunPod,H100 SXM Secure Cloud") }),
        ("an accelerator added", "accelerators.yaml", { $0 + """

              - id: test-x1
                name: Test X1
                vendor: Test
                architecture: Test
                process: N3
                launched: 2026-01-01
                source: R-STAS
                read: 2026-08-22
                confidence: S
                memory-gb: 100
                memory-type: HBM3E
                bandwidth-tbs: 8
                interconnect: NVLink 5
                interconnect-gbs: 1800
                power-w: 1000
                dense:
                  fp64: 40
                  fp64-tensor: 80
                  tf32: 1100
                  bf16: 2250
                  fp8: 4500
                  fp4: 9000

            """ }),
        ("an alias changed", "accelerators.yaml", { $0.replacingOccurrences(of: "aliases: [a100, a100-80gb]", with: "aliases: [a100]") }),
        ("an assumption changed", "assumptions.yaml", { $0.replacingOccurrences(of: "    value: 0.40\n", with: "    value: 0.38\n") }),
        ("a fact changed", "facts.yaml", { $0.replacingOccurrences(of: "    value: 0.62\n", with: "    value: 0.63\n") }),
        ("a CPU changed", "cpus.yaml", { $0.replacingOccurrences(of: "    cores: 56\n", with: "    cores: 60\n") }),
    ]

    @Test(arguments: edits.indices)
    func theConsoleAndTheJSONReportSayTheSame(edit: Int) async throws {
        let (name, file, transform) = Self.edits[edit]
        let site = try TestSite(Self.pages)
        try site.copyFrozenData()
        let first = try await SignalsBinary.runOffThePool(["build"], in: site.root)
        #expect(first.status == 0, "\(first.stderr)")
        let path = site.root.appendingPathComponent("content/data/\(file)")
        let before = try String(contentsOf: path, encoding: .utf8)
        let after = transform(before)
        #expect(after != before, "the edit '\(name)' changes \(file)")
        try Data(after.utf8).write(to: path)
        let run = try await SignalsBinary.runOffThePool(["build", "--report", "report.json"], in: site.root)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        let printed = run.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("built ") }
        let report = try JSONDecoder().decode(ChangeReport.self, from: Data(contentsOf: site.root.appendingPathComponent("report.json")))
        #expect(printed == report.lines, "\(name): the console and the JSON differ")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: site.root.appendingPathComponent("report.json"))) as? [String: Any])
        #expect(json["lines"] as? [String] == printed)
        switch name {
        case "a newer row that moves a median":
            #expect(printed.contains { $0.hasPrefix("  moved: learn/figures: {price gpu=h100-sxm type=on-demand stat=median} ") && $0.hasSuffix("$6.52/GPU-hour → $5.07/GPU-hour (because: AWS, 2026-11-20, $2.49/GPU-hour)") }, "\(printed)")
            #expect(printed.first?.hasPrefix("rendered again: ") == true && printed.first?.contains("learn/figures.md") == true, "\(printed)")
        case "a row for a pair that had none":
            #expect(printed.contains { $0.hasPrefix("  moved: learn/figures: {price gpu=a100-sxm type=spot stat=count} ") && $0.contains("Vast.ai, 2026-11-20, $0.90/GPU-hour") }, "\(printed)")
        case "a row deleted":
            #expect(printed.contains { $0.hasSuffix("(because: removed: CoreWeave, 2026-09-20, $6.16/GPU-hour)") }, "\(printed)")
        case "an assumption changed":
            #expect(printed.contains { $0.hasPrefix("  moved: learn/figures: {assumption name=mfu} 40% → 38% (because: assumption mfu)") }, "\(printed)")
        case "a CPU changed":
            #expect(printed.contains { $0.hasPrefix("  moved: learn/figures: {spec cpu=xeon-8480 field=cores} 56 cores → 60 cores") }, "\(printed)")
        case "an accelerator added":
            // Only the worked example's calculator lists the new accelerator (in its GPU menu); no figure moves.
            #expect(printed == ["rendered again: learn/example.md"], "no figure shows the new accelerator: \(printed)")
        default:
            break
        }
    }
}
