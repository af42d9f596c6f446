import Diagnostics
import Foundation
import Preview
import Site
import Synchronization

/// What `signals serve` keeps from one build to the next: the digests of the served files, to tell open pages
/// which of them changed, and the last build's summary and diagnostics. Builds run one at a time, each on a
/// thread of its own (never on the cooperative pool the server's tasks share); a build a newer save made
/// stale stops at its next stage.
public final class PreviewSession: Sendable {
    /// What only builds touch, held for a whole build (which serializes them).
    private struct Builds {
        /// Nil until the first good build.
        var digests: OutputDigests?
        /// Paths a finished build changed whose outcome nobody received (its caller had given up on it):
        /// the next outcome carries them, so no changed page misses its reload.
        var unreported: Set<String> = []
    }

    /// What callers read while a build may run.
    private struct Published {
        var summary = ""
        var diagnostics: [Diagnostic] = []
        var rootPath = "/"
    }

    private let options: BuildOptions
    /// The build date of each rebuild: `SOURCE_DATE_EPOCH` when set, else now (a preview left open for days
    /// ages its prices as `signals build` would on each of those days); fixed in tests.
    private let today: @Sendable () -> Date
    private let builds = Mutex(Builds())
    private let published = Mutex(Published())

    /// The summary line of the last good build (`built 14 pages in 0.31 s (1 rendered, 13 from cache)`).
    public var lastSummary: String { published.withLock { $0.summary } }
    /// The warnings of the last good build, or every diagnostic of the last failed one.
    public var lastDiagnostics: [Diagnostic] { published.withLock { $0.diagnostics } }
    /// The URL path the site lives under, from the first good build (`/docs/` for baseURL `https://example.org/docs/`).
    public var rootPath: String { published.withLock { $0.rootPath } }

    /// A session building with `options` (their `today` is replaced by `today()` at each rebuild).
    public init(options: BuildOptions, today: @escaping @Sendable () -> Date = { BuildOptions.defaultToday() }) {
        self.options = options
        self.today = today
    }

    /// Rebuilds the whole site on the calling thread (pages whose output is unchanged are not reloaded).
    /// `deliver` receives the outcome before the next build can start and says whether its caller took it;
    /// changes of an outcome not taken are added to the next one.
    public func rebuild(cancellation: BuildCancellation? = nil, deliver: (RebuildOutcome) -> Bool = { _ in true }) -> RebuildOutcome {
        builds.withLock { builds in
            var options = options
            options.today = today()
            options.cancellation = cancellation
            let outcome: RebuildOutcome
            do throws(BuildFailure) {
                let result = try SiteBuilder.build(options)
                let first = builds.digests == nil
                var digests = builds.digests ?? OutputDigests()
                let changed = digests.update(with: result.outputs)
                builds.digests = digests
                let rootPath = published.withLock { published in
                    if first { published.rootPath = result.rootPath }
                    published.summary = result.summary
                    published.diagnostics = result.warnings
                    return published.rootPath
                }
                let paths = first ? [RebuildOutcome.everyPath] : Set(changed.map { Self.urlPath($0, under: rootPath) })
                outcome = .success(changedPaths: paths.union(builds.unreported))
            } catch where error.cancelled {
                return .superseded
            } catch {
                published.withLock { $0.diagnostics = error.diagnostics }
                outcome = .failure(messages: error.diagnostics.map(\.description))
            }
            if case .success(let paths) = outcome { builds.unreported = deliver(outcome) ? [] : paths } else { _ = deliver(outcome) }
            return outcome
        }
    }

    /// Rebuilds on a thread of its own. When the calling task is cancelled (a newer save, or Ctrl-C during a
    /// build), the build is asked to stop at its next stage and this returns `.superseded` at once instead of
    /// waiting: the build writes only to its staging folder beside the preview folder and swaps it in
    /// atomically, so abandoning it leaves nothing half-written that is served.
    public func rebuildInBackground() async -> RebuildOutcome {
        let gate = ResumeOnce<RebuildOutcome>()
        let cancellation = BuildCancellation()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<RebuildOutcome, Never>) in
                gate.set(continuation)
                if Task.isCancelled {
                    gate.resume(.superseded)
                    return
                }
                let thread = Thread { [self] in
                    _ = self.rebuild(cancellation: cancellation) { outcome in gate.resume(outcome) }
                    gate.resume(.superseded)
                }
                thread.name = "signals.serve.build"
                thread.stackSize = 8 << 20
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
            gate.resume(.superseded)
        }
    }

    /// `learn/x/index.html` → `/learn/x/`; `css/site.css` → `/css/site.css`; under `/docs/`, `/docs/learn/x/`.
    public static func urlPath(_ outputPath: String, under prefix: String = "/") -> String {
        if outputPath == "index.html" { return prefix }
        if outputPath.hasSuffix("/index.html") { return prefix + outputPath.dropLast("index.html".count) }
        return prefix + outputPath
    }
}

/// A continuation resumed by whichever comes first (the build or a cancellation), exactly once.
final class ResumeOnce<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var pending: Value?
    }

    private let state = Mutex(State())

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        let ready = state.withLock { state -> Value? in
            if let pending = state.pending { return pending }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    /// Resumes with `value` unless a value came first; true when `value` is the one the waiter receives.
    @discardableResult
    func resume(_ value: Value) -> Bool {
        let (continuation, taken) = state.withLock { state -> (CheckedContinuation<Value, Never>?, Bool) in
            guard state.pending == nil else { return (nil, false) }
            state.pending = value
            defer { state.continuation = nil }
            return (state.continuation, true)
        }
        continuation?.resume(returning: value)
        return taken
    }
}
