import ComputeModel
import Foundation
@testable import Site

/// A temporary copy of the repository's own site (content/ and templates/), for tests that edit the real data
/// the way an editor does and check that what must hold still holds. Only invariants may be asserted on it.
struct RealSiteCopy {
    let site: TestSite
    /// The build date: the real clock, so rows dated today are valid.
    let today: Date

    init(today: Date = Date()) throws {
        site = try TestSite("", withDefaultTemplates: false)
        self.today = today
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: TestSite.repository.appendingPathComponent(folder), to: site.root.appendingPathComponent(folder))
        }
    }

    var root: URL { site.root }

    func read(_ path: String) throws -> String { try site.read(path) }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    /// The copy's data, loaded as a build would.
    func data() throws -> ComputeData {
        try ComputeData.load(from: root.appendingPathComponent("content/data"), today: today)
    }

    /// Appends valid rows to prices.csv (ten with today's eight accelerators): one from a provider the file has never named, one for a
    /// (GPU, pricing type) pair that had no row, and a newer on-demand row for every accelerator (dated today,
    /// so newer than or as new as any row). Returns the rows.
    @discardableResult
    func appendTenPriceRows() throws -> [String] {
        let data = try data()
        let day = Day(today).description
        // Offers no row has yet (the row count grows with every edit), so the rows are never duplicates.
        let tag = "test \(data.prices.count)"
        var rows: [String] = []
        func row(_ provider: String, _ offer: String, _ gpu: String, _ gpus: Int, _ price: Double, _ type: PricingType) -> String {
            "\(day),\(provider),\(offer),\(gpu),\(gpus),\(String(format: "%.2f", price * Double(gpus))),\(type.rawValue),,https://example.org/prices,R-TEST,S,appended by a test"
        }
        rows.append(row("Signals Test Cloud", "8x H100 SXM (\(tag))", "h100-sxm", 8, 2.49, .onDemand))
        let pairs = Set(data.prices.map { "\($0.gpu)|\($0.type.rawValue)" })
        var emptyPair: (String, PricingType)?
        outer: for accelerator in data.accelerators {
            for type in PricingType.allCases where !pairs.contains("\(accelerator.id)|\(type.rawValue)") {
                emptyPair = (accelerator.id, type)
                break outer
            }
        }
        if let (gpu, type) = emptyPair {
            rows.append(row("Lambda", "1x (\(tag) new pair)", gpu, 1, 1.99, type))
        } else {
            rows.append(row("Lambda", "1x (\(tag) second offer)", "h100-sxm", 1, 1.99, .spot))
        }
        for (position, accelerator) in data.accelerators.enumerated() {
            rows.append(row("Lambda", "8x (\(tag) newer)", accelerator.id, 8, 1.50 + Double(position) * 0.25, .onDemand))
        }
        let prices = try read("content/data/prices.csv")
        try write("content/data/prices.csv", prices + (prices.hasSuffix("\n") ? "" : "\n") + rows.joined(separator: "\n") + "\n")
        return rows
    }

    /// Adds an accelerator (a copy of no real chip) at the top of accelerators.yaml's list.
    func addAccelerator(id: String = "signals-test-x1") throws {
        let entry = """
        accelerators:
          - id: \(id)
            name: Signals Test X1
            vendor: Test
            architecture: Test
            process: TSMC 3 nm
            launched: 2026-01-01
            source: R-STAS
            read: 2026-08-22
            confidence: S
            memory-gb: 192
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

        """
        let text = try read("content/data/accelerators.yaml")
        try write("content/data/accelerators.yaml", text.replacingOccurrences(of: "accelerators:\n", with: entry))
    }

    /// Changes the value of the `mfu` assumption (the first `value:` under `mfu:`).
    func changeAssumption(mfu: String = "0.38") throws {
        let text = try read("content/data/assumptions.yaml")
        guard let start = text.range(of: "\n  mfu:\n"), let value = text.range(of: "    value: ", range: start.upperBound..<text.endIndex),
              let end = text.range(of: "\n", range: value.upperBound..<text.endIndex) else { return }
        try write("content/data/assumptions.yaml", text.replacingCharacters(in: value.upperBound..<end.lowerBound, with: mfu))
    }

    /// Builds into public/ (with or without the cache).
    @discardableResult
    func build(useCache: Bool) throws(BuildFailure) -> BuildResult {
        try SiteBuilder.build(BuildOptions(root: root, today: today, useCache: useCache))
    }

    /// Builds clean into a separate folder and returns its files, path → bytes.
    func cleanBuild() throws -> [String: Data] {
        let output = root.appendingPathComponent("public-clean")
        defer { try? FileManager.default.removeItem(at: output) }
        try SiteBuilder.build(BuildOptions(root: root, output: output, today: today, useCache: false))
        return GoldenSiteTests.files(in: output)
    }
}
