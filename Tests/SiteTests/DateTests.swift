import Foundation
import Testing
@testable import Site

/// The build date never shows in content: given values carry the page's date, ages are measured against a build
/// date that SOURCE_DATE_EPOCH fixes, and a price older than maxPriceAgeDays is marked wherever it is used.
@Suite("The build date never shows in a page") struct DateTests {
    static let pages = """
    -- content/_index.md --
    ---
    title: Home
    ---
    Nothing computed here.
    -- content/learn/dated.md --
    ---
    title: Dated
    date: 2026-10-01
    updated: 2026-10-05
    ---
    ```{worked-example}
    kind: gpu-hours
    gpu: b200
    gpus: 8
    hours: 24
    ```
    -- content/learn/undated.md --
    ---
    title: Undated
    ---
    B200 median `{spec gpu=b200 field=median-price}`.

    ```{worked-example}
    kind: training
    params: 70e9
    tokens: 1.4e12
    gpu: b200
    gpus: 64
    ```
    """

    func site() throws -> TestSite {
        let site = try TestSite(Self.pages)
        try site.copyFrozenData()
        return site
    }

    @Test func givenValuesCarryThePagesDateNotTheBuildDate() throws {
        let site = try site()
        try site.build()
        let dated = try #require(site.output("learn/dated/index.html"))
        #expect(dated.contains("Given for this example (as of 2026-10-05)"), "the page's updated date")
        #expect(!dated.contains("2026-11-26"), "the build date (TestSite.today) shows nowhere")
        let undated = try #require(site.output("learn/undated/index.html"))
        #expect(undated.contains("Given for this example (as of 2026-11-09)"), "without a page date: the data's newest price date")
        #expect(!undated.contains("2026-11-26"))
    }

    @Test func twoBuildsWithTheSameSourceDateEpochAreByteIdentical() async throws {
        let one = try site(), two = try site()
        let epoch = ["SOURCE_DATE_EPOCH": "1795694400"] // 2026-11-26 12:00 UTC
        let first = try await SignalsBinary.runOffThePool(["build", "--no-cache"], in: one.root, environment: epoch)
        let second = try await SignalsBinary.runOffThePool(["build", "--no-cache"], in: two.root, environment: epoch)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let a = GoldenSiteTests.files(in: one.root.appendingPathComponent("public"))
        let b = GoldenSiteTests.files(in: two.root.appendingPathComponent("public"))
        #expect(!a.isEmpty && a == b)
        // Two hundred days later the same inputs flag the prices as old: the build date decides ages, and nothing else.
        let later = try await SignalsBinary.runOffThePool(["build", "--no-cache", "--strict"], in: one.root, environment: ["SOURCE_DATE_EPOCH": "1812974400"])
        #expect(later.status == 1)
        #expect(later.stderr.contains("warning: the newest on-demand price for b200 is from"), "\(later.stderr)")
    }

    @Test func aBadSourceDateEpochIsAnError() async throws {
        let site = try site()
        let run = try await SignalsBinary.runOffThePool(["build"], in: site.root, environment: ["SOURCE_DATE_EPOCH": "yesterday"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not 'yesterday'"), "\(run.stderr)")
    }

    @Test func oldPricesAreMarkedInWorkedExamplesAndInlineFiguresToo() throws {
        let site = try site()
        let later = TestSite.today.addingTimeInterval(200 * 86_400)
        let result = try SiteBuilder.build(BuildOptions(root: site.root, today: later))
        let dated = try #require(site.output("learn/dated/index.html"))
        #expect(dated.contains("<section class=\"worked-example stale\""))
        #expect(dated.contains("<p class=\"stale-note\">Old price: the newest on-demand price for b200 is from "))
        let undated = try #require(site.output("learn/undated/index.html"))
        #expect(undated.contains("<button type=\"button\" class=\"figure stale\""), "the inline median-price spec")
        #expect(undated.contains("<section class=\"worked-example stale\""))
        let files = Set(result.warnings.map(\.location.file))
        // The frozen data still holds the Google Cloud row whose note contradicts its type (fixed in content/data/).
        #expect(files == ["content/data/prices.csv", "content/learn/dated.md", "content/learn/undated.md"], "\(result.warnings)")
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(BuildOptions(root: site.root, strict: true, today: later)) }
    }
}
