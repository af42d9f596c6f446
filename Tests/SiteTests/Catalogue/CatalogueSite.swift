import Diagnostics
import Foundation
import Testing
@testable import Site

/// The bad-input catalogue's fixture: a small good site (pages, a section, a directive, inline figures and
/// `content/data/`), built once; then one bad input is written into it (plus an unrelated second error),
/// built again in-process and with the `signals` binary, and the outcome checked.
struct CatalogueSite {
    /// Data files: one accelerator, two prices and every assumption (short versions of content/data/, in
    /// Tests/Fixtures/small-data/, shared with the model tests and the fuzz targets).
    static let accelerators = SmallData.text("accelerators.yaml")

    static let priceHeader = SmallData.lines("prices.csv")[0]
    static let priceRows = Array(SmallData.lines("prices.csv").dropFirst())
    static var prices: String { ([priceHeader] + priceRows).joined(separator: "\n") }

    static let assumptions = SmallData.text("assumptions.yaml")

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

/// The small data files in Tests/Fixtures/small-data/ (one accelerator, two prices), shared by the test targets
/// and the fuzz targets so the fixture exists once.
enum SmallData {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/small-data")

    /// The file's text without its final newline (as a `"""` literal would be).
    static func text(_ name: String) -> String {
        let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static func lines(_ name: String) -> [String] {
        text(name).split(separator: "\n").map(String.init)
    }
}
