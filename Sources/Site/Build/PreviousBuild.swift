import Diagnostics
import Foundation

/// What the previous build left in `.signals-cache/`, and the one place the build consults it: every question
/// "can this build take something from the last one?" is a method here, so the stages never read the cache.
///
/// Without a cache (the first build, `--no-cache`, a dry run of `signals check`) every answer is "no": the
/// build renders and writes everything.
struct PreviousBuild {
    private let cache: BuildCache?

    /// True when there is nothing to take from (a full build).
    var isEmpty: Bool { cache == nil }

    /// The previous build's cache for `options.output`, when the options ask for it and it is intact.
    static func load(_ options: BuildOptions) -> PreviousBuild {
        PreviousBuild(cache: options.useCache ? BuildCache.load(root: options.root, output: options.output) : nil)
    }

    /// The result of a build that has nothing to do: the inputs' stamp equals the one the last build saved for
    /// the output folder in place, so that folder is already this build's output. Nil when anything differs.
    static func unchanged(_ options: BuildOptions, stamp: UInt64, clock: BuildClock) -> BuildResult? {
        guard options.useCache, !options.dryRun,
              let last = BuildCache.lastStamp(root: options.root, output: options.output), last.stamp == stamp else { return nil }
        let warnings = (try? JSONDecoder().decode([Diagnostic].self, from: last.warnings)) ?? []
        return BuildResult(pageCount: last.pageCount, seconds: clock.seconds, warnings: warnings,
                           report: ChangeReport(rendered: [], figureChanges: [], unchanged: true))
    }

    /// Each page's front matter as last read, by content path (reused when its file's stamp is unchanged).
    var pages: [String: Page] { cache?.pages.mapValues(\.page) ?? [:] }

    /// Pages whose render can be reused: same file, same structure, same data behind every figure.
    /// Dependencies named in `deferring` are not compared (the builder checks them after a first pass).
    func reusableRenders(hashes: BuildHashes, fingerprints: [String: UInt64], deferring: Set<String>) -> [String: BuildCache.PageRecord] {
        cache.map { hashes.reusableRenders(from: $0, fingerprints: fingerprints, deferring: deferring) } ?? [:]
    }

    /// True when the page's render was kept and the deferred dependency `key` still has `fingerprint`.
    func keeps(_ page: Page, dependency key: String, fingerprint: UInt64) -> Bool {
        cache?.pages[page.contentPath]?.dependencies[key] == fingerprint
    }

    /// True when every page the previous build wrote can stay as it is, given a kept render: the summary every
    /// page shows, the templates and the structure are the same.
    func keepsOutputs(summaryHash: UInt64, hashes: BuildHashes) -> Bool {
        cache.map { $0.summaryHash == summaryHash && $0.templatesHash == hashes.templates && $0.structureHash == hashes.structure } ?? false
    }

    /// What changed since the previous build: pages rendered again, figures that moved and the rows that moved
    /// them (read from the data the previous build published in its output's `data/` folder).
    func report(index: SiteIndex, rendered: [RenderedPage], data: SiteData, output: URL) -> ChangeReport {
        let causes = cache == nil ? [:] : data.directives.changes(since: output.appendingPathComponent("data"))
        return ChangeReport.make(index: index, rendered: rendered, cache: cache, isFullBuild: cache == nil, causes: causes)
    }
}
