import Foundation
import Testing
@testable import Site

/// Builds the real site into a temp folder and follows every internal link of the output, as a reader's browser
/// (or a crawler) would: `href`, `src`, `action` and `data-index` in HTML, `url(…)` in CSS, links and locations in the
/// sitemap and the feed, and URLs in JSON files (the search index). A URL ending in `/` needs its `index.html`;
/// a `#fragment` on a page needs that `id` in the page.
@Suite("Every internal link of the published site leads to a page and anchor") struct PublishedLinksTests {
    @Test func everyInternalLinkInTheOutputLandsOnAFileAndAnchor() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signals-crawl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try SiteBuilder.build(BuildOptions(root: TestSite.repository, output: output))
        let baseURL = try #require(try? SiteBuilder.loadSettings(SitePaths(root: TestSite.repository)).get().baseURL)
        let crawl = LinkCrawl(folder: output, baseURL: baseURL)
        let misses = crawl.misses()
        #expect(crawl.checked > 500, "only \(crawl.checked) links were found: the crawl is not reading the output")
        #expect(misses.isEmpty, "\(misses.count) broken internal link(s) in public/:\n\(misses.joined(separator: "\n"))")
    }

    /// The crawl itself: a folder with a missing page, a missing anchor and a missing stylesheet image is reported in full.
    @Test func theCrawlNamesEveryMiss() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signals-crawl-fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [
            "index.html": ##"<a href="/a/">a</a> <a href="/data/">data</a> <a href="a/#there">ok</a> <a href="/a/#gone">x</a> <a href="https://other.example/x">out</a> <a href="#top" id="top">top</a>"##,
            "a/index.html": ##"<h2 id="there">There</h2><img src="../missing.png">"##,
            "css/site.css": #"body { background: url("/img/none.svg"); }"#,
            "sitemap.xml": "<urlset><url><loc>https://example.org/a/</loc></url><url><loc>https://example.org/b/</loc></url></urlset>",
            "search-index.json": #"[{"title":"A","url":"/a/","headings":[{"title":"T","id":"there"},{"title":"U","id":"nowhere"}]}]"#,
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(LinkCrawl(folder: folder, baseURL: "https://example.org/").misses() == [
            "a/index.html: ../missing.png (no file public/missing.png)",
            "css/site.css: /img/none.svg (no file public/img/none.svg)",
            "index.html: /a/#gone (no id 'gone' in public/a/index.html)",
            "index.html: /data/ (no file public/data/index.html)",
            "search-index.json: /a/#nowhere (no id 'nowhere' in public/a/index.html)",
            "sitemap.xml: https://example.org/b/ (no file public/b/index.html)",
        ])
    }

    /// Figures and tables link their sources to /data/: the page exists and has an anchor per file and per source code.
    @Test func theDataPageDescribesEveryFileAndSourceCode() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signals-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try SiteBuilder.build(BuildOptions(root: TestSite.repository, output: output))
        let html = try String(contentsOf: output.appendingPathComponent("data/index.html"), encoding: .utf8)
        for file in ["prices-csv", "accelerators-yaml", "assumptions-yaml", "cpus-yaml", "facts-yaml"] {
            #expect(html.contains("id=\"\(file)\""), "no section for \(file)")
        }
        let prices = try String(contentsOf: TestSite.repository.appendingPathComponent("content/data/prices.csv"), encoding: .utf8)
        let codes = Set(prices.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: ",").first { $0.hasPrefix("R-") }.map(String.init)
        })
        #expect(codes.contains("R-SILYBENCH"))
        for code in codes.sorted() {
            #expect(html.contains("id=\"\(DataPage.anchor(source: code))\"><dt><code>\(code)</code>"), "\(code) is not in the sources list")
        }
        #expect(html.contains("<a href=\"/data/prices.json\" download>JSON</a>"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("data/prices.json"))) as? [[String: Any]]
        #expect(json?.count == prices.split(separator: "\n").count - 1, "prices.json has one object per row of prices.csv")
    }

    /// A word that is only in a page's body ("sparsity", in the compare tables' note) is in that page's search entry.
    @Test func theSearchIndexHoldsTheWordsOfEveryPage() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("signals-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try SiteBuilder.build(BuildOptions(root: TestSite.repository, output: output))
        let data = try Data(contentsOf: output.appendingPathComponent("search-index.json"))
        let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        func words(_ entry: [String: Any]) -> String {
            ([entry["text"] as? String ?? ""] + (entry["headings"] as? [[String: Any]] ?? []).map { $0["text"] as? String ?? "" }).joined(separator: " ")
        }
        let withSparsity = entries.filter { words($0).split(separator: " ").contains("sparsity") }.compactMap { $0["url"] as? String }
        #expect(withSparsity.contains("/learn/h100-vs-h200-vs-b200/"), "pages whose words include 'sparsity': \(withSparsity)")
        let glossary = try #require(entries.first { $0["url"] as? String == "/about/glossary/" })
        #expect(words(glossary).split(separator: " ").count > 200, "the glossary's entries are searchable by their text")
    }
}

/// Follows the internal links of a built site (see `PublishedLinksTests`).
final class LinkCrawl {
    let folder: URL
    let baseURL: String
    private(set) var checked = 0
    private var idCache: [String: Set<String>] = [:]

    init(folder: URL, baseURL: String) {
        self.folder = folder
        self.baseURL = baseURL
    }

    /// `file: link (why)` for every internal link that leads nowhere, sorted.
    func misses() -> [String] {
        var found: [String] = []
        for path in files() {
            let kind = (path as NSString).pathExtension
            guard ["html", "css", "xml", "json"].contains(kind),
                  let text = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) else { continue }
            for link in Self.links(in: text, kind: kind) {
                if let why = check(link, from: path) { found.append("\(path): \(link) (\(why))") }
            }
        }
        return found.sorted()
    }

    private func files() -> [String] {
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String { paths.append(path) }
        return paths.sorted()
    }

    static func links(in text: String, kind: String) -> [String] {
        let patterns: [String]
        switch kind {
        case "html": patterns = [#"(?:href|src|action|data-index)="([^"]*)""#]
        case "css": patterns = [#"url\(\s*['"]?([^'")]+)['"]?\s*\)"#]
        case "xml": patterns = [#"href="([^"]*)""#, #"<loc>([^<]*)</loc>"#, #"<id>([^<]*)</id>"#]
        default: patterns = [#""(?:url|href|src)"\s*:\s*"([^"]*)""#]
        }
        var links: [String] = []
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                // In JSON, `\/` is an escaped `/` (JSONEncoder writes it so), as a crawler decoding it would read.
                if let range = Range(match.range(at: 1), in: text) {
                    let link = decodeEntities(String(text[range]))
                    links.append(kind == "json" ? link.replacingOccurrences(of: "\\/", with: "/") : link)
                }
            }
        }
        if kind == "json" { links += searchIndexAnchors(in: text) }
        return links
    }

    /// The search index's `url#heading-id` links (the search box opens them).
    static func searchIndexAnchors(in text: String) -> [String] {
        guard let entries = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] else { return [] }
        return entries.flatMap { entry -> [String] in
            guard let url = entry["url"] as? String, let headings = entry["headings"] as? [[String: Any]] else { return [] }
            return headings.compactMap { ($0["id"] as? String).map { url + "#" + $0 } }
        }
    }

    static func decodeEntities(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Why `link` (found in the output file `path`) leads nowhere, or nil when it lands (or is not internal).
    func check(_ link: String, from path: String) -> String? {
        var target = link
        if target.hasPrefix(baseURL) {
            target = "/" + target.dropFirst(baseURL.count)
        } else if target.isEmpty || target.hasPrefix("//") || target.range(of: #"^[a-zA-Z][a-zA-Z0-9+.-]*:"#, options: .regularExpression) != nil {
            return nil
        }
        checked += 1
        var fragment: String?
        if let hash = target.firstIndex(of: "#") {
            fragment = String(target[target.index(after: hash)...])
            target = String(target[..<hash])
        }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        let resolved: String
        if target.isEmpty {
            resolved = path
        } else {
            let base = URL(string: "http://site/" + path) ?? URL(fileURLWithPath: "/")
            guard let url = URL(string: target, relativeTo: base)?.absoluteURL else { return "not a valid URL" }
            var file = String((url.path.removingPercentEncoding ?? url.path).dropFirst())
            if url.absoluteString.hasSuffix("/") || file.isEmpty { file += file.isEmpty || file.hasSuffix("/") ? "index.html" : "/index.html" }
            resolved = file
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(resolved).path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return "no file public/\(resolved)"
        }
        if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html") {
            let decoded = fragment.removingPercentEncoding ?? fragment
            if !ids(in: resolved).contains(decoded) { return "no id '\(decoded)' in public/\(resolved)" }
        }
        return nil
    }

    private func ids(in path: String) -> Set<String> {
        if let cached = idCache[path] { return cached }
        let html = (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)) ?? ""
        var ids: Set<String> = []
        if let regex = try? NSRegularExpression(pattern: #"\sid="([^"]*)""#) {
            for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
                if let range = Range(match.range(at: 1), in: html) { ids.insert(Self.decodeEntities(String(html[range]))) }
            }
        }
        idCache[path] = ids
        return ids
    }
}
