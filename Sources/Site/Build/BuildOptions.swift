import Diagnostics
import Foundation

/// What to build and how.
public struct BuildOptions: Sendable {
    /// The site's root folder, holding `content/` and `templates/`.
    public var root: URL
    /// Where the site is written; `root/public` by default.
    public var output: URL
    /// Include pages marked `draft: true`.
    public var includeDrafts: Bool
    /// Treat warnings (old prices, broken links set to warn) as errors.
    public var strict: Bool
    /// Build and check everything but write nothing.
    public var dryRun: Bool
    /// "Today" for date checks and freshness: `SOURCE_DATE_EPOCH` when set (see `defaultToday`), injected in tests.
    public var today: Date
    /// Called with (pages done, pages in all) while rendering.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Reuse what the previous build left in `.signals-cache/` (unchanged pages are not rendered again).
    public var useCache: Bool
    /// Replaces `baseURL` of content/site.yaml for this build (Hugo's `--baseURL`, Zola's `--base-url`), e.g. for a preview deploy.
    public var baseURL: String?
    /// Set by the caller to stop a build that is no longer wanted (the preview, after a newer save); checked
    /// between stages, never once the output is being written.
    public var cancellation: BuildCancellation?

    /// The build date: `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC, the reproducible-builds convention)
    /// when it is set to a whole number, else now. Ages of prices are computed against it.
    public static func defaultToday(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        (try? sourceDateEpoch(environment: environment)) ?? Date()
    }

    /// `SOURCE_DATE_EPOCH` as a date; nil when unset; an error naming the variable when it is not a whole number.
    public static func sourceDateEpoch(environment: [String: String] = ProcessInfo.processInfo.environment) throws(BuildFailure) -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            throw BuildFailure(diagnostics: [.error(at: SourceLocation(file: "SOURCE_DATE_EPOCH"),
                                                    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not '\(text)'",
                                                    hint: "for example SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")])
        }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false, strict: Bool = false,
                dryRun: Bool = false, today: Date = BuildOptions.defaultToday(), useCache: Bool = false, baseURL: String? = nil,
                progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.baseURL = baseURL
        self.useCache = useCache
        self.root = root
        self.output = output ?? root.appendingPathComponent("public")
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.dryRun = dryRun
        self.today = today
        self.progress = progress
    }
}

/// What a successful build produced.
public struct BuildResult: Sendable {
    public var pageCount: Int
    public var seconds: Double
    public var warnings: [Diagnostic]
    /// Pages rendered again and figures that changed since the previous build.
    public var report: ChangeReport
    /// What the build put in the output folder; nil when it wrote nothing (a dry run, or inputs unchanged).
    public var outputs: BuildOutputs?
    /// True for a dry run (`signals check`, `signals build --dry-run`): everything was checked, nothing written.
    public var wroteNothing = false
    /// The URL path the site lives under (the path of its baseURL, `/` by default), as pages link to it.
    public var rootPath = "/"

    /// Human-readable summary, e.g. `built 42 pages in 0.31 s`, or `checked 42 pages in 0.31 s: no errors, nothing written`.
    public var summary: String {
        if wroteNothing {
            return String(format: "checked %d page%@ in %.2f s: no errors, nothing written", pageCount, pageCount == 1 ? "" : "s", seconds)
        }
        let base = String(format: "built %d page%@ in %.2f s", pageCount, pageCount == 1 ? "" : "s", seconds)
        if report.unchanged { return base + " (no changes)" }
        if report.rendered.count < pageCount { return base + " (\(report.rendered.count) rendered, \(pageCount - report.rendered.count) from cache)" }
        return base
    }
}

/// The files one build put in its output folder, for a caller that tells which of them changed (the preview).
public struct BuildOutputs: Sendable {
    /// Files written with the bytes this build made (pages, site files), by path inside the output folder.
    public var written: [OutputFile]
    /// Output paths the previous build wrote that were kept as they are (pages whose output cannot have changed).
    public var kept: [String]
    /// Files copied from the sources: (path inside the output folder, source file).
    public var copied: [(String, URL)]

    public init(written: [OutputFile], kept: [String], copied: [(String, URL)]) {
        self.written = written
        self.kept = kept
        self.copied = copied
    }
}

/// A build that found errors. `diagnostics` holds every error and warning of the run, sorted.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    /// True when the build stopped because its `BuildCancellation` was set, not because of an error.
    public var cancelled = false

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
