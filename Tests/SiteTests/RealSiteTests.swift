import Foundation
import Testing
@testable import Site

/// Builds the repository's own content/ and templates/: every page, link and figure must check out.
@Suite struct RealSiteTests {
    @Test func theRealSiteBuildsWithEveryLinkChecked() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signals-real-\(UUID().uuidString)")
        let result = try SiteBuilder.build(BuildOptions(root: TestSite.repository, output: output))
        #expect(result.pageCount >= 10)
        for url in ["index.html", "learn/index.html", "learn/what-is-ai-compute/index.html", "learn/what-gpus-do-differently/index.html",
                    "learn/why-compute-matters/index.html", "learn/what-is-a-gpu-hour/index.html", "learn/h100-vs-h200-vs-b200/index.html",
                    "learn/training-vs-inference/index.html", "market/map/index.html", "about/methodology/index.html",
                    "about/glossary/index.html", "sitemap.xml", "atom.xml", "robots.txt", "404.html", "search-index.json"] {
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(url).path), "public/\(url) is missing")
        }
    }

    /// `--base-url https://preview.example.org/docs/` (a site served from a sub-folder): every rooted link, script,
    /// stylesheet and form in the templates and pages carries the prefix, and so do the sitemap and the search index.
    @Test func aBaseURLWithAPathPrefixesEveryRootedLink() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signals-base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try SiteBuilder.build(BuildOptions(root: TestSite.repository, output: output, baseURL: "https://preview.example.org/docs"))
        let rooted = try NSRegularExpression(pattern: #"(href|src|action|data-index)="(/[^"]*)""#)
        var outside: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        var pages = 0
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".html") else { continue }
            pages += 1
            let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            for match in rooted.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                guard let range = Range(match.range(at: 2), in: html) else { continue }
                if !html[range].hasPrefix("/docs/") { outside.append("\(path): \(html[range])") }
            }
        }
        #expect(pages >= 10)
        #expect(outside.isEmpty, "links outside /docs/:\n\(outside.prefix(20).joined(separator: "\n"))")
        let sitemap = try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://preview.example.org/docs/learn/what-is-a-gpu-hour/</loc>"))
        #expect(!sitemap.contains("signals.example"))
        let index = try String(contentsOf: output.appendingPathComponent("search-index.json"), encoding: .utf8)
        #expect(index.contains("\"url\":\"/docs/learn/what-is-a-gpu-hour/\""))
    }

    @Test func aBaseURLThatIsNotHTTPIsAnError() throws {
        #expect {
            _ = try SiteBuilder.build(BuildOptions(root: TestSite.repository, dryRun: true, baseURL: "preview.example.org"))
        } throws: { error in
            (error as? BuildFailure)?.diagnostics.map(\.description)
                == ["--base-url: error: the base URL must be an absolute http(s) URL, got 'preview.example.org'\n  hint: for example --base-url https://preview.example.org/"]
        }
    }

    /// The hook's rule, widened: prices, specs, market shares and counts come from directives, never typed into prose.
    @Test func noFigureIsTypedIntoProse() throws {
        // Prices, specs, shares and grouped counts; 3,600 (seconds in an hour) is a unit, not a figure.
        let pattern = try NSRegularExpression(pattern: #"\$[0-9][0-9,.]*(/| per )?(GPU|hr|hour)|[0-9]+(\.[0-9]+)? ?TB/s|[0-9,]+ ?TFLOPS|[0-9]+(\.[0-9]+)? ?%|USD ?[0-9]|[0-9]{1,3}(,[0-9]{3})+|[0-9.]+ (million|billion|trillion) GPU-hours"#)
        var offenders: [String] = []
        let content = TestSite.repository.appendingPathComponent("content")
        let enumerator = FileManager.default.enumerator(atPath: content.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".md"), !path.hasPrefix("data/") else { continue }
            let text = try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                let figures = pattern.matches(in: line, range: NSRange(line.startIndex..., in: line))
                    .compactMap { Range($0.range, in: line).map { String(line[$0]) } }.filter { $0 != "3,600" }
                if !figures.isEmpty {
                    offenders.append("content/\(path):\(number + 1): \(line)")
                }
            }
        }
        #expect(offenders.isEmpty, "figures typed into prose:\n\(offenders.joined(separator: "\n"))")
    }
}
