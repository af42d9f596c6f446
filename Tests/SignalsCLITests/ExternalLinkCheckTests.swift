import ArgumentParser
import Diagnostics
import Foundation
import LinkCheck
@testable import SignalsCLI
import Site
import SiteTestSupport
import Testing

/// `signals check --external` against a local server: never the internet.
@Suite("signals check --external, against a local server", .serialized) struct ExternalLinkCheckTests {
    /// A site whose sources link to the server's paths from Markdown and from the data files.
    static func site(base: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-links-\(UUID().uuidString)")
        try SiteFixtureFiles.write(SiteFixtureFiles.defaultTemplates, to: root)
        try SiteFixtureFiles.write("""
        -- content/_index.md --
        ---
        title: Home
        ---
        Read [the report](\(base)/ok#section) and [the old report](\(base)/old-report).
        A [missing page](\(base)/missing), and <\(base)/head-refused>.

            \(base)/in-code-is-not-a-link
        -- content/learn/one.md --
        ---
        title: One
        summary: A lesson.
        ---
        The [slow source](\(base)/slow), the [report again](\(base)/ok), [a local page](../_index.md).
        -- content/data/notes.yaml --
        sources:
          - code: R-X
            url: \(base)/missing
        """, to: root)
        return root
    }

    @Test func linksAreFoundInMarkdownAndDataFilesAtTheirLines() throws {
        let root = try Self.site(base: "https://example.org")
        defer { try? FileManager.default.removeItem(at: root) }
        let links = ExternalLinks.collect(root: root).map { "\($0.url) \($0.locations.map(\.description).joined(separator: " "))" }
        // Hand-checked lines (front matter counted) and columns of each destination.
        #expect(links == [
            "https://example.org/head-refused content/_index.md:5:53",
            "https://example.org/missing content/_index.md:5:18 content/data/notes.yaml:3:10",
            "https://example.org/ok content/_index.md:4:19 content/learn/one.md:5:65",
            "https://example.org/old-report content/_index.md:4:72",
            "https://example.org/slow content/learn/one.md:5:19",
        ])
    }

    @Test func brokenLinksHomePagesAndTimeoutsAreReportedAndAnswersCachedForADay() async throws {
        let server = try LocalHTTPServer(routes: [
            "/": .status(200), "/ok": .status(200), "/missing": .status(404), "/old-report": .redirect("/"),
            "/head-refused": .headRefused, "/slow": .silent,
        ])
        defer { server.stop() }
        let root = try Self.site(base: server.base)
        defer { try? FileManager.default.removeItem(at: root) }
        let day = Date(timeIntervalSince1970: 1_795_694_400)
        let checker = LinkChecker(timeout: 1, concurrency: 8)

        let first = await ExternalLinkCheck.run(root: root, checker: checker, now: { day })
        let lines = first.diagnostics.map { "\($0.location.file):\($0.location.line): \($0.severity.rawValue): \($0.message)" }
        #expect(lines == [
            "content/_index.md:4: warning: \(server.base)/old-report lands on the home page \(server.base)/",
            "content/_index.md:5: error: broken link \(server.base)/missing: HTTP 404 Not Found",
            "content/learn/one.md:5: error: broken link \(server.base)/slow: no answer within 1 s",
        ])
        #expect(first.diagnostics.first { $0.message.contains("/missing") }?.hint?.hasPrefix("also at content/data/notes.yaml:3:10; ") == true)
        #expect(first.broken == 2)
        #expect(first.linkCount == 5 && first.fromCache == 0)
        #expect(first.summary.hasSuffix(": 2 broken, 1 on a home page, 0 refused the check"))
        // HEAD first; GET only where HEAD was refused or failed.
        let asked = server.requests
        #expect(asked.filter { $0.hasSuffix(" /head-refused") } == ["HEAD /head-refused", "GET /head-refused"])
        #expect(asked.filter { $0.hasSuffix(" /ok") } == ["HEAD /ok"])
        #expect(asked.filter { $0.hasSuffix(" /slow") } == ["HEAD /slow"], "a timeout is not asked again with GET")
        let cacheFile = root.appendingPathComponent(".signals-cache/external-links.json")
        #expect(FileManager.default.fileExists(atPath: cacheFile.path))

        // Within the day every server answer comes from the cache; no answer (the timeout) is asked again.
        let before = server.requests.count
        let second = await ExternalLinkCheck.run(root: root, checker: checker, now: { day.addingTimeInterval(86_000) })
        #expect(second.fromCache == 4)
        #expect(Array(server.requests.dropFirst(before)) == ["HEAD /slow"])
        #expect(second.diagnostics == first.diagnostics)

        // A day later every link is asked again.
        let third = await ExternalLinkCheck.run(root: root, checker: checker, now: { day.addingTimeInterval(86_401) })
        #expect(third.fromCache == 0)
    }

    @Test func withNoServerAnsweringTheCheckSaysOfflineInsteadOfCallingEveryLinkBroken() async throws {
        // A port nobody listens on: every request is refused, as on a machine without network.
        let server = try LocalHTTPServer(routes: [:])
        let base = server.base
        server.stop()
        let root = try Self.site(base: base)
        defer { try? FileManager.default.removeItem(at: root) }
        let report = await ExternalLinkCheck.run(root: root, checker: LinkChecker(timeout: 1))
        #expect(report.offline)
        #expect(report.diagnostics.map(\.message) == ["no server answered any of the 5 links asked (connection refused): is this machine offline? no link was judged"])
        #expect(report.broken == 1, "the check still fails: nothing could be verified")
        #expect(LinkAnswerCache(root: root).answers.isEmpty, "no answer is cached")
    }

    @Test func requestsRunConcurrentlyUpToTheBound() async throws {
        let paths = (1...9).map { "/hold/\($0)" }
        let server = try LocalHTTPServer(routes: Dictionary(uniqueKeysWithValues: paths.map { ($0, LocalHTTPServer.Route.hold(count: 3)) }))
        defer { server.stop() }
        let checker = LinkChecker(timeout: 5, concurrency: 3)
        let answers = await checker.answers(for: paths.map { server.base + $0 })
        #expect(answers.values.allSatisfy { $0.status == 200 })
        #expect(server.maxInFlight == 3, "at most 3 at once, and 3 reached")
    }

    @Test func theCommandFailsOnBrokenLinksAndABuildAsksNoServer() async throws {
        let server = try LocalHTTPServer(routes: ["/": .status(200), "/ok": .status(200), "/old-report": .redirect("/"), "/head-refused": .status(200)])
        defer { server.stop() }
        let root = try Self.site(base: server.base)
        defer { try? FileManager.default.removeItem(at: root) }
        // A data folder needs the model's files; this site's links are in its pages.
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/data"))
        try SiteBuilder.build(BuildOptions(root: root, today: PropertySite.today))
        #expect(server.requests.isEmpty, "signals build never checks external links")

        await #expect(throws: ExitCode.self) {
            try await CheckCommand.parse(["--source", root.path, "--external", "--timeout", "1"]).run()
        }
        // Fixed: the command succeeds (the home-page link is a warning).
        try SiteFixtureFiles.write("-- content/_index.md --\n---\ntitle: Home\n---\nRead [the report](\(server.base)/ok) and [the old report](\(server.base)/old-report).\n", to: root)
        try SiteFixtureFiles.write("-- content/learn/one.md --\n---\ntitle: One\n---\nThe [report again](\(server.base)/ok).\n", to: root)
        try await CheckCommand.parse(["--source", root.path, "--external", "--timeout", "1"]).run()
    }
}
