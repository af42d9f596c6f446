import ComputeModel
import Diagnostics
import Foundation

/// Shared inputs for the compute-model tests.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The frozen copy of content/data/ taken on 2026-11-26 (Tests/Fixtures/real-data-2026-11): exact figures are pinned to it.
    static let frozenDataDirectory = repoRoot.appendingPathComponent("Tests/Fixtures/real-data-2026-11")

    /// The real, living content/data/: only invariants may be asserted on it.
    static let realDataDirectory = repoRoot.appendingPathComponent("content/data")

    /// The build date of the frozen copy.
    static let today = Day(year: 2026, month: 11, day: 26)!

    /// The frozen data files, loaded as the site would on 2026-11-26.
    static func frozenData() throws -> ComputeData {
        try ComputeData.load(from: frozenDataDirectory, today: today.date, displayPrefix: "content/data")
    }

    /// A one-accelerator file used by the bad-data tests (Tests/Fixtures/small-data/, shared with the site tests and fuzz targets).
    static let acceleratorsYAML = smallData("accelerators.yaml")

    /// A file of Tests/Fixtures/small-data/ without its final newline (as a `"""` literal would be).
    static func smallData(_ name: String) -> String {
        let url = repoRoot.appendingPathComponent("Tests/Fixtures/small-data").appendingPathComponent(name)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static func accelerators() throws -> [Accelerator] {
        try AcceleratorFile.parse(path: "accelerators.yaml", contents: acceleratorsYAML, today: today)
    }

    static let priceHeader = "date,provider,offer,gpu,gpus,usd_per_hour,type,region,source_url,source,confidence,note\n"

    /// One valid price row with the given fields replaced.
    static func priceRow(date: String = "2026-09-20", provider: String = "Lambda", offer: String = "8x H100 SXM",
                         gpu: String = "h100-sxm", gpus: String = "8", price: String = "31.92", type: String = "on-demand",
                         region: String = "", url: String = "https://lambda.ai/instances", source: String = "R-LAMBDA-PRICE",
                         confidence: String = "S") -> String {
        [date, provider, offer, gpu, gpus, price, type, region, url, source, confidence, ""].joined(separator: ",")
    }

    /// Parses price rows against the fixture accelerators and returns the diagnostics (empty when valid).
    static func priceProblems(_ rows: [String]) throws -> [Diagnostic] {
        let contents = priceHeader + rows.joined(separator: "\n") + "\n"
        let known = try accelerators()
        do {
            _ = try PriceFile.parse(path: "prices.csv", contents: contents, today: today, accelerators: known)
            return []
        } catch {
            return error.diagnostics
        }
    }

    /// A price observation built in code for statistics tests.
    static func observation(_ provider: String, _ perGPU: Double, gpus: Int = 1, date: String = "2026-09-20",
                            offer: String? = nil, type: PricingType = .onDemand) -> PriceObservation {
        PriceObservation(date: Day(date)!, provider: provider, offer: offer ?? "\(gpus)x H100", gpu: "h100-sxm", gpus: gpus,
                         usdPerInstanceHour: perGPU * Double(gpus), type: type, region: "",
                         sourceURL: "https://example.org", source: "TEST", confidence: .secondary, note: "", line: 0)
    }
}
