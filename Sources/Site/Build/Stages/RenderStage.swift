import Diagnostics
import Foundation
import Markdown
import Synchronization

/// Stage 4: every page's Markdown and directives to HTML, except pages whose render the previous build can
/// give back. Two passes: which pages show which price figures is known only once every page is rendered,
/// so the few pages that list them (`DataDependency.pricePages`) are rendered again after the first pass.
/// Links to `#anchor`s of other pages are checked last, when every page's anchors are known.
struct RenderedSite {
    /// One per page of the index, in its order; `fromCache` for renders taken from the previous build.
    var pages: [RenderedPage]
    /// The renderer that knows the price pages: it renders a cached page again when its template must be applied.
    let renderer: PageRenderer
    /// Data record key → fingerprint, the price pages included: what the cache remembers each page used.
    let fingerprints: [String: UInt64]
    /// Each page's reading time in minutes (220 words a minute, at least 1), in index order.
    let readingMinutes: [Int]
    /// What every page shows of the others (`BuildHashes.summary`) and the asset names: when it changes,
    /// every page's template is applied again.
    let summaryHash: UInt64

    static func render(_ site: AssembledSite, inputs: LoadedInputs, paths: SitePaths, options: BuildOptions, previous: PreviousBuild,
                       diagnostics: inout DiagnosticCollector) -> RenderedSite {
        let index = site.index
        let pricePagesKey = DataDependency.pricePages.key
        let firstPassRenderer = PageRenderer(options: MarkdownOptions(allowRawHTML: inputs.settings.allowRawHTML), links: site.links,
                                             directives: inputs.data.directives, linkSeverity: inputs.linkSeverity)
        let reusable = previous.reusableRenders(hashes: site.hashes, fingerprints: site.dataFingerprints, deferring: [pricePagesKey])
        let progress = ProgressCounter(total: index.pages.count, report: options.progress)
        var rendered = Parallel.map(index.pages) { page -> RenderedPage in
            defer { progress.step() }
            if let record = reusable[page.contentPath] { return RenderedPage(record: record, index: index) }
            return firstPassRenderer.render(page, body: ContentLoader.body(of: page, contentDirectory: paths.content))
        }

        let pricePages = PricePages(pages: index.pages, dependencies: rendered.map(\.dependencies), rootPath: inputs.settings.rootPath)
        let fingerprints = site.dataFingerprints.merging([pricePagesKey: pricePages.fingerprint]) { _, new in new }
        let renderer = PageRenderer(options: firstPassRenderer.options, links: site.links,
                                    directives: inputs.data.directives.with(pricePages: pricePages), linkSeverity: inputs.linkSeverity)
        for position in index.pages.indices where rendered[position].dependencies.contains(pricePagesKey) {
            let page = index.pages[position]
            if rendered[position].fromCache, previous.keeps(page, dependency: pricePagesKey, fingerprint: pricePages.fingerprint) { continue }
            rendered[position] = renderer.render(page, body: ContentLoader.body(of: page, contentDirectory: paths.content))
        }
        diagnostics.add(rendered.flatMap(\.diagnostics))
        diagnostics.add(checkAnchors(rendered, index: index, severity: inputs.linkSeverity))
        let readingMinutes = rendered.map { max(1, ($0.wordCount + 219) / 220) }
        // A new asset name (CSS or JS changed) changes every page's HTML.
        let summaryHash = site.hashes.summary(readingMinutes: readingMinutes) ^ site.assets.stamp
        return RenderedSite(pages: rendered, renderer: renderer, fingerprints: fingerprints, readingMinutes: readingMinutes, summaryHash: summaryHash)
    }

    /// Links to `#anchor`s of other pages, checked once every page is rendered (or known from the cache).
    static func checkAnchors(_ rendered: [RenderedPage], index: SiteIndex, severity: Diagnostic.Severity) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for page in rendered {
            for check in page.anchorChecks where !rendered[check.target].anchors.contains(check.fragment) {
                let target = index.pages[check.target]
                let hint = Suggestion.closest(to: check.fragment, in: rendered[check.target].headings.map(\.id))
                    .map { "did you mean '#\($0)'?" } ?? anchorHint(rendered[check.target].headings, file: target.file)
                found.append(Diagnostic(severity, at: check.location, "link to a missing anchor '#\(check.fragment)' in \(target.file)", hint: hint))
            }
        }
        return found
    }

    static func anchorHint(_ headings: [Heading], file: String) -> String {
        headings.isEmpty ? "\(file) has no headings to link to"
            : "anchors of \(file): \(headings.map { "#\($0.id)" }.joined(separator: ", "))"
    }
}

/// Counts rendered pages for the progress line.
final class ProgressCounter: Sendable {
    private let done = Mutex(0)
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func step() {
        guard let report else { return }
        let now = done.withLock { count in
            count += 1
            return count
        }
        if now % 500 == 0 || now == total { report(now, total) }
    }
}
