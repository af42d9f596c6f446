import ComputeModel
import Foundation
import Testing

/// The living content/data/: only what must stay true whatever rows an editor appends, corrects or deletes.
/// Exact figures belong to `FrozenDataTests` (the frozen copy), never here.
@Suite("The real content/data files: invariants")
struct RealDataInvariantTests {
    /// The real data, checked against the real clock (a row dated after today is an error, as in a build).
    func realData() throws -> ComputeData {
        try ComputeData.load(from: Fixtures.realDataDirectory, today: Date(), displayPrefix: "content/data")
    }

    @Test("load with no errors and hold the accelerators the lessons name")
    func loadsWithoutErrors() throws {
        let data = try realData()
        for id in ["a100-sxm", "h100-sxm", "h100-pcie", "h200-sxm", "b200", "gb200", "mi300x", "mi325x"] {
            #expect(data.accelerators.contains { $0.id == id }, "missing \(id)")
        }
        #expect(!data.prices.isEmpty)
        let asOf = try #require(data.pricesAsOf)
        #expect(asOf <= data.today)
    }

    @Test("no price row's note contradicts its pricing type (a Spot-only offer counted as on-demand)")
    func notesAgreeWithTypes() throws {
        let data = try realData()
        let conflicts = PriceNoteCheck.conflicts(in: data.prices, path: "content/data/prices.csv")
        #expect(conflicts.isEmpty, "\(conflicts.map(\.description))")
    }

    @Test("the note check finds a restriction in words and leaves a mention of another price alone")
    func noteCheckReadsRestrictions() {
        #expect(PriceNoteCheck.onlyTerms(in: "Cloud Billing catalog API; the 1g shape is sold only as Spot or Flex-start")?.types == [.spot])
        #expect(PriceNoteCheck.onlyTerms(in: "Spot-only capacity")?.types == [.spot])
        #expect(PriceNoteCheck.onlyTerms(in: "a reserved snapshot of $68.36 was also seen; its term is not stated") == nil)
        #expect(PriceNoteCheck.onlyTerms(in: "month only in the source (Jun 2026)") == nil)
    }

    @Test("every price row has a source, an address and a date no later than today")
    func everyPriceIsSourcedAndDated() throws {
        let data = try realData()
        for row in data.prices {
            #expect(!row.source.isEmpty && row.sourceURL.hasPrefix("http"), "line \(row.line) has no source")
            #expect(row.date <= data.today, "line \(row.line) is dated after today")
            #expect(row.usdPerGPUHour > 0, "line \(row.line)")
        }
    }

    @Test("every spec figure of every accelerator has a source and a date")
    func everySpecIsSourced() throws {
        let data = try realData()
        for accelerator in data.accelerators {
            for metric in Metric.allCases where !metric.needsPrice {
                let figure = try data.figure(metric: metric.rawValue, for: accelerator)
                #expect(!figure.provenance.source.isEmpty, "\(accelerator.id) \(metric.rawValue) has no source")
                #expect(figure.provenance.asOf <= data.today, "\(accelerator.id) \(metric.rawValue) is dated after today")
            }
        }
    }

    @Test("every accelerator with an on-demand price in the last year has a median")
    func medians() throws {
        let data = try realData()
        let recent = data.prices.filter { $0.type == .onDemand && data.today.days(since: $0.date) <= 365 }
        for gpu in Set(recent.map(\.gpu)) {
            let stats = try data.priceStats(gpu: gpu, type: .onDemand)
            #expect(stats.count >= 1 && stats.median != nil, "\(gpu)")
        }
    }
}
