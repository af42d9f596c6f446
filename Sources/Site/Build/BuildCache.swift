import Diagnostics
import Foundation
import Markdown

/// What one build leaves for the next, in `.signals-cache/`: per page, the facts that let an unchanged page
/// skip Markdown, directives and templates (its output is hard-linked from the previous `public/`).
///
/// A page is rendered again when its file, the site's structure (the set of pages and files, the settings,
/// the date) or one of the data records it used changed; its template is applied again when the site
/// summary every page shows (titles, summaries, kinds, reading times, order) or the templates changed.
struct BuildCache: Codable {
    static let version = 6

    struct PageRecord: Codable {
        var page: Page
        /// Data record key → fingerprint, as used when the page was rendered.
        var dependencies: [String: UInt64]
        var headings: [CachedHeading]
        var anchors: [String]
        var wordCount: Int
        var anchorChecks: [CachedAnchorCheck]
        var warnings: [Diagnostic]
        var pricesAsOf: String?
        var figures: [String: String]
        /// Download files written next to the page (relative to the page's folder).
        var files: [String]
        /// The body's words per section, for the search index: section id, words, id, words, …
        var searchSections: [String] = []
    }

    struct CachedHeading: Codable {
        var level: Int, id: String, title: String, line: Int
    }

    struct CachedAnchorCheck: Codable {
        var target: String, fragment: String, location: SourceLocation
    }

    var version = BuildCache.version
    /// Output folder the cached outputs live in.
    var output: String
    /// Every input file's stamp, settings and options in one number: equal means nothing changed.
    var inputsStamp: UInt64
    var structureHash: UInt64
    var templatesHash: UInt64
    var summaryHash: UInt64
    var pages: [String: PageRecord]
    /// Digest of each site-wide file (sitemap, feed, …) and copied file, by output path.
    var siteFiles: [String: UInt64]
    var pageCount: Int

    static func location(root: URL, output: URL) -> URL {
        root.appendingPathComponent(".signals-cache").appendingPathComponent("build-\(String(StableHash.of(output.path), radix: 16)).cache")
    }

    static func stampLocation(root: URL, output: URL) -> URL {
        location(root: root, output: output).deletingPathExtension().appendingPathExtension("stamp")
    }

    /// The identity (device and inode) of the output folder now, or nil when there is none.
    static func identity(of output: URL) -> DirectoryIdentity? {
        var info = stat()
        guard stat(output.path, &info) == 0 else { return nil }
        return DirectoryIdentity(info)
    }

    /// The inputs stamp and page count the last build saved, read without decoding the whole cache; nil unless
    /// the stamp was saved for the output folder that is in place now.
    static func lastStamp(root: URL, output: URL) -> (stamp: UInt64, pageCount: Int, warnings: Data)? {
        guard let data = FileManager.default.contents(atPath: stampLocation(root: root, output: output).path),
              let text = String(data: data.prefix(96), encoding: .utf8), let current = identity(of: output) else { return nil }
        let firstLine = text.split(separator: "\n").first ?? ""
        let parts = firstLine.split(separator: " ")
        guard parts.count == 4, parts[0] == "v\(version)", let stamp = UInt64(parts[1]), let count = Int(parts[2]),
              parts[3] == Self.text(of: current) else { return nil }
        let newline = data.firstIndex(of: 0x0A).map { data.index(after: $0) } ?? data.endIndex
        return (stamp, count, data[newline...])
    }

    /// The cache of the output folder in place now: a cache saved for a staging folder that was never swapped
    /// in (the build was killed between saving and swapping) names another folder and is ignored.
    static func load(root: URL, output: URL) -> BuildCache? {
        guard let data = FileManager.default.contents(atPath: location(root: root, output: output).path),
              let current = identity(of: output), let newline = data.firstIndex(of: 0x0A),
              String(decoding: data[data.startIndex..<newline], as: UTF8.self) == "output " + Self.text(of: current),
              let cache = try? BuildCache.decode(data[data.index(after: newline)...]),
              cache.version == version, cache.output == output.path else { return nil }
        return cache
    }

    /// Saves the cache and the stamp for the output folder `outputIdentity` (the staging folder about to be
    /// swapped in). Called before the swap: the swap is the one step that commits the new site, its cache and
    /// its stamp together, since both name the folder that the swap puts in place.
    func save(root: URL, outputIdentity: DirectoryIdentity) {
        let url = Self.location(root: root, output: URL(fileURLWithPath: output))
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? (Data("output \(Self.text(of: outputIdentity))\n".utf8) + encoded()).write(to: url, options: .atomic)
        let warnings = (try? JSONEncoder().encode(pages.values.flatMap(\.warnings).sorted())) ?? Data("[]".utf8)
        try? (Data("v\(Self.version) \(inputsStamp) \(pageCount) \(Self.text(of: outputIdentity))\n".utf8) + warnings)
            .write(to: Self.stampLocation(root: URL(fileURLWithPath: root.path), output: URL(fileURLWithPath: output)), options: .atomic)
    }

    private static func text(of identity: DirectoryIdentity) -> String { "\(identity.device):\(identity.inode)" }

    static func remove(root: URL, output: URL) {
        try? FileManager.default.removeItem(at: stampLocation(root: root, output: output))
        try? FileManager.default.removeItem(at: location(root: root, output: output))
    }
}

extension RenderedPage {
    /// A page rendered by an earlier build, without its HTML (which is in the previous output).
    init(record: BuildCache.PageRecord, index: SiteIndex) {
        self.init(
            html: nil,
            headings: record.headings.map { Heading(level: $0.level, id: $0.id, title: $0.title, line: $0.line) },
            anchors: Set(record.anchors), wordCount: record.wordCount,
            anchorChecks: record.anchorChecks.compactMap { check in
                index.byContentPath[check.target].map { AnchorCheck(target: $0, fragment: check.fragment, location: check.location) }
            },
            diagnostics: record.warnings, dependencies: Set(record.dependencies.keys), pricesAsOf: record.pricesAsOf,
            figures: record.figures, files: [], cachedFiles: record.files, fromCache: true,
            searchSections: stride(from: 0, to: record.searchSections.count - 1, by: 2).map {
                SearchSection(id: record.searchSections[$0], words: record.searchSections[$0 + 1])
            })
    }

    func record(for page: Page, fingerprints: [String: UInt64], index: SiteIndex) -> BuildCache.PageRecord {
        var stored = page
        stored.body = nil
        return BuildCache.PageRecord(
            page: stored,
            dependencies: Dictionary(uniqueKeysWithValues: dependencies.map { ($0, fingerprints[$0] ?? 0) }),
            headings: headings.map { .init(level: $0.level, id: $0.id, title: $0.title, line: $0.line) },
            anchors: anchors.sorted(), wordCount: wordCount,
            anchorChecks: anchorChecks.map { .init(target: index.pages[$0.target].contentPath, fragment: $0.fragment, location: $0.location) },
            warnings: diagnostics.filter { $0.severity == .warning }, pricesAsOf: pricesAsOf, figures: figures,
            files: fromCache ? cachedFiles : files.map(\.path).sorted(),
            searchSections: searchSections.flatMap { [$0.id, $0.words] })
    }
}
