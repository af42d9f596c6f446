import Foundation
import Testing
@testable import Site

/// Builds the repository's own content/ and templates/: every page, link and figure must check out.
@Suite("The real site: every page, link and figure checks out") struct RealSiteTests {
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

    /// What an editor does each week, on a copy of the real site: ten valid price rows appended (a new provider,
    /// a (GPU, type) pair that had none, a newer on-demand row for every accelerator), an accelerator added and an
    /// assumption changed. The build still succeeds, every figure is still sourced and dated, and the incremental
    /// build gives the same bytes as a clean one.
    @Test func aWeeklyDataEditKeepsEveryInvariant() throws {
        let copy = try RealSiteCopy()
        let before = try copy.build(useCache: true)
        let accelerators = try copy.data().accelerators.map(\.id)
        let rows = try copy.appendTenPriceRows()
        #expect(rows.count == 2 + accelerators.count, "ten rows with today's eight accelerators")
        let newID = (1...).lazy.map { "signals-test-x\($0)" }.first { !accelerators.contains($0) } ?? "signals-test-x1"
        try copy.addAccelerator(id: newID)
        try copy.changeAssumption()
        let after = try copy.build(useCache: true)
        #expect(after.pageCount == before.pageCount)
        #expect(!after.report.rendered.isEmpty, "the edit moved figures, so some page renders again")
        let incremental = GoldenSiteTests.files(in: copy.root.appendingPathComponent("public"))
        let clean = try copy.cleanBuild()
        #expect(incremental.keys.sorted() == clean.keys.sorted())
        let differing = clean.keys.sorted().filter { incremental[$0] != clean[$0] }
        #expect(differing.isEmpty, "incremental and clean builds differ in \(differing)")
        #expect(RealSiteInvariants.problems(in: incremental).isEmpty, "\(RealSiteInvariants.problems(in: incremental).prefix(10))")
        let data = try copy.data()
        #expect(data.accelerators.contains { $0.id == newID })
    }

    /// The real site's output: every inline figure opens its source and says how old it is.
    @Test func everyFigureOfTheRealSiteHasASourceAndADate() throws {
        let copy = try RealSiteCopy()
        try copy.build(useCache: false)
        let files = GoldenSiteTests.files(in: copy.root.appendingPathComponent("public"))
        #expect(files.keys.filter { $0.hasSuffix(".html") }.count >= 10)
        let problems = RealSiteInvariants.problems(in: files)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }
}

/// Checks on a built site that hold whatever the data says.
enum RealSiteInvariants {
    /// Every inline figure is a popover button (no hover-only `title=`) whose popover exists once in the page,
    /// gives a date and links to a source or to the data page, and every page that shows a price says "Prices
    /// as of"; returns one line per problem.
    static func problems(in files: [String: Data]) -> [String] {
        var problems: [String] = []
        let figure = try? NSRegularExpression(pattern: #"<button type="button" class="figure[^"]*" popovertarget="([^"]*)""#)
        let date = try? NSRegularExpression(pattern: #"[0-9]{4}-[0-9]{2}-[0-9]{2}"#)
        var figures = 0
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            if html.contains("GPU-hour</data>") && !html.contains("Prices as of") {
                problems.append("\(path): shows a price but does not say \"Prices as of\"")
            }
            if html.contains("<a class=\"figure") { problems.append("\(path): an inline figure is a plain link (its source only in a tooltip)") }
            let opened = html.components(separatedBy: "class=\"figure\"").count + html.components(separatedBy: "class=\"figure stale\"").count - 2
            let matches = figure?.matches(in: html, range: NSRange(html.startIndex..., in: html)) ?? []
            if matches.count != opened { problems.append("\(path): \(opened - matches.count) inline figures that open no popover") }
            for match in matches {
                figures += 1
                guard let idRange = Range(match.range(at: 1), in: html) else { continue }
                let id = String(html[idRange])
                let parts = html.components(separatedBy: "<span class=\"figure-source\" id=\"\(id)\" popover")
                guard parts.count == 2, let popover = parts.last?.components(separatedBy: "</span>").first else {
                    problems.append("\(path): figure \(id) has \(parts.count - 1) popovers (expected 1)")
                    continue
                }
                if date?.firstMatch(in: popover, range: NSRange(popover.startIndex..., in: popover)) == nil {
                    problems.append("\(path): the source of figure \(id) gives no date: \(popover.prefix(120))")
                }
                if !popover.contains("<a href=") { problems.append("\(path): the source of figure \(id) links nowhere") }
            }
        }
        if figures == 0 { problems.append("no figures found at all") }
        return problems
    }
}
