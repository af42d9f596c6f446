import ComputeModel
import Foundation
import Testing

/// Exact figures of the data as it was on 2026-11-26 (the frozen copy in Tests/Fixtures/real-data-2026-11).
/// The living content/data/ is checked for invariants only, in `RealDataInvariantTests`.
@Suite("The frozen copy of content/data (2026-11)")
struct FrozenDataTests {
    @Test("load with no errors and hold the required accelerators")
    func loadsWithoutErrors() throws {
        let data = try Fixtures.frozenData()
        for id in ["a100-sxm", "h100-sxm", "h100-pcie", "h200-sxm", "b200", "gb200", "mi300x", "mi325x"] {
            #expect(data.accelerators.contains { $0.id == id }, "missing \(id)")
        }
        #expect(data.prices.count > 60)
        #expect(data.pricesAsOf == Day("2026-11-09"))
        #expect(data.prices.map(\.date).min()! < Day("2024-01-01")!)
    }

    @Test("seed prices give current on-demand statistics for H100, H200 and B200")
    func currentPrices() throws {
        let data = try Fixtures.frozenData()
        for gpu in ["h100-sxm", "h200-sxm", "b200"] {
            let stats = try data.priceStats(gpu: gpu, type: .onDemand)
            #expect(stats.count >= 4, "\(gpu) has \(stats.count) providers")
            #expect(stats.median != nil)
        }
        let h100 = try data.priceStats(gpu: "h100-sxm")
        #expect(h100.history.count > 10)
        #expect(h100.history.first!.date < Day("2024-01-01")!)
        #expect(h100.providers.contains("AWS") && h100.providers.contains("Lambda"))
        // AWS p5 after the cut: $55.04 per 8-GPU instance → $6.88 per GPU-hour, observed 2026-11-09.
        let aws = try #require(h100.latestByProvider.first { $0.provider == "AWS" })
        #expect(aws.date == Day("2026-11-09"))
        #expect(abs(aws.usdPerGPUHour - 6.88) < 0.001)
        #expect(h100.ageDays == 17)
    }

    @Test("dense figures, not sparse ones, feed the metrics")
    func denseMetrics() throws {
        let data = try Fixtures.frozenData()
        let h100 = try data.accelerator(id: "h100-sxm")
        #expect(try data.figure(metric: "bf16-dense", for: h100).value == 989)
        #expect(h100.sparse["bf16"]?.value == 1979)
        #expect(try data.figure(metric: "fp4-dense", for: h100).formatted == "n/a (not supported)")
        let mi300x = try data.accelerator(id: "mi300x")
        #expect(try data.figure(metric: "fp64", for: mi300x).provenance.confidence == .unverified)
        #expect(try data.figure(metric: "memory-type", for: h100).formatted == "HBM3")
    }

    @Test("aliases resolve and unknown ids name the closest one")
    func lookup() throws {
        let data = try Fixtures.frozenData()
        #expect(try data.accelerator(id: "h200").id == "h200-sxm")
        #expect(throws: ModelError.self) { try data.accelerator(id: "h100-sx") }
        do {
            _ = try data.accelerator(id: "h100-sx")
        } catch {
            #expect(error.description.hasPrefix("unknown accelerator 'h100-sx' (did you mean 'h100-sxm'?); valid: a100-sxm, h100-sxm"))
        }
    }

    @Test("every metric name works, and an unknown one lists the valid names")
    func metricNames() throws {
        let data = try Fixtures.frozenData()
        let b200 = try data.accelerator(id: "b200")
        for metric in Metric.allCases {
            #expect(throws: Never.self) { try data.figure(metric: metric.rawValue, for: b200) }
        }
        do {
            _ = try data.figure(metric: "bf16", for: b200)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("bf16-dense"))
        }
    }
}
