import ArgumentParser
import Diagnostics
import Foundation
import Preview
import Site

/// `signals serve`: build into a preview folder of its own, serve it on 127.0.0.1 with live reload,
/// rebuild on every change. `public/` is written only by `signals build`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site into a preview folder, serve it on http://127.0.0.1:8080 and rebuild and reload on every change.",
        discussion: """
        The preview is rendered into <root>/.signals-cache/serve/ (as Hugo's server renders to memory), never into \
        public/: drafts shown with --drafts cannot reach the site you deploy. Watches content/ (with content/data/) \
        and templates/. After a change the site is rebuilt; open pages whose output changed reload. When a build \
        fails, the last good site keeps being served and every open page shows the errors until the next good \
        build. Only files inside the preview folder are served. A busy port is reported before any build; \
        --port 0 picks a free one. Ctrl-C stops the server.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "root"))
    var source: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to render the preview (default: <root>/.signals-cache/serve/site); never <root>/public.", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: "The address to listen on (loopback by default; the preview is not meant to be exposed).")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on; 0 picks a free port (the URL is printed).")
    var port: Int = 8080

    @Flag(name: .long, help: "Watch by scanning the folders instead of inotify (for network or container file systems).")
    var poll = false

    @Flag(name: .long, help: "Include pages marked `draft: true` (in the preview only).")
    var drafts = false

    @Flag(name: .long, help: "Open the preview in the browser (xdg-open) once it is listening.")
    var open = false

    /// The folder the preview renders into when `--output` is not given.
    static func previewFolder(root: URL) -> URL {
        root.appendingPathComponent(".signals-cache").appendingPathComponent("serve").appendingPathComponent("site")
    }

    func run() async throws {
        let root = URL(fileURLWithPath: source).standardizedFileURL
        let outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? Self.previewFolder(root: root)
        if outputURL.path == root.appendingPathComponent("public").standardizedFileURL.path {
            DiagnosticPrinter.standardError("error: the preview never writes public/ (only `signals build` does); leave out --output to preview from .signals-cache/serve/\n")
            throw ExitCode(1)
        }
        // A busy port is reported before any build work.
        do {
            try PreviewServer.ensurePortAvailable(host: host, port: port)
        } catch {
            DiagnosticPrinter.standardError("error: \(error)\n")
            throw ExitCode(1)
        }
        try? FileManager.default.createDirectory(at: outputURL.deletingLastPathComponent(), withIntermediateDirectories: true)

        let printer = DiagnosticPrinter(root: root)
        let session = PreviewSession(options: BuildOptions(root: root, output: outputURL, includeDrafts: drafts, useCache: true))

        let first = await session.rebuildAbandoningOnCancel()
        switch first {
        case .success:
            say(session.lastSummary)
        case .failure(let messages):
            printer.print(session.lastDiagnostics)
            say("\(messages.count) error(s): serving the previous site (if any) until they are fixed")
        }
        let server = PreviewServer(
            configuration: PreviewConfiguration(
                host: host, port: port, siteDirectory: outputURL, sitePrefix: session.rootPath,
                watchedDirectories: [root.appendingPathComponent("content"), root.appendingPathComponent("templates")],
                poll: poll)
        ) { changed in
            say("rebuilding (\(changed.count) changed file\(changed.count == 1 ? "" : "s"))")
            let outcome = await session.rebuildAbandoningOnCancel()
            switch outcome {
            case .success: say(session.lastSummary)
            case .failure: printer.print(session.lastDiagnostics)
            }
            return outcome
        }
        if case .failure = first { server.report(first) }
        let open = self.open
        do {
            try await server.run { url in
                say("Serving \(url) (Ctrl-C to stop)")
                if open { BrowserOpener.open(url) }
            }
        } catch let error as PreviewError {
            DiagnosticPrinter.standardError("error: \(error)\n")
            throw ExitCode(1)
        }
    }
}

/// Opens a URL in the user's browser with `xdg-open` (`open` on macOS), when one is on the PATH.
enum BrowserOpener {
    /// The opener program found on `PATH`, if any.
    static func opener(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        #if os(macOS)
        let names = ["open"]
        #else
        let names = ["xdg-open"]
        #endif
        for folder in (path ?? "").split(separator: ":") {
            for name in names {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }

    /// Starts the opener without waiting for it; says so when there is none.
    static func open(_ url: URL) {
        guard let opener = opener() else {
            say("--open: no browser opener (xdg-open) found on PATH; open \(url) yourself")
            return
        }
        let process = Process()
        process.executableURL = opener
        process.arguments = [url.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            say("opened \(url) with \(opener.lastPathComponent)")
        } catch {
            say("--open: could not run \(opener.path): \(error.localizedDescription); open \(url) yourself")
        }
    }
}

/// Writes a line to standard output at once (print is block-buffered when the output is not a terminal).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Keeps what one build needs to know of the previous one, and turns build results into reload events.
final class PreviewSession: @unchecked Sendable {
    private let options: BuildOptions
    private let lock = NSLock()
    private var digests: [String: Int]?
    private(set) var lastSummary = ""
    private(set) var lastDiagnostics: [Diagnostic] = []
    /// The URL path the site lives under, from the first good build (`/docs/` for baseURL `https://example.org/docs/`).
    private(set) var rootPath = "/"

    /// The build date of each rebuild: `SOURCE_DATE_EPOCH` when set, else now (a preview left open for days
    /// ages its prices as `signals build` would on each of those days); fixed in tests.
    private let today: @Sendable () -> Date

    init(options: BuildOptions, today: @escaping @Sendable () -> Date = { BuildOptions.defaultToday() }) {
        self.options = options
        self.today = today
    }

    /// Rebuilds the whole site (pages whose output is unchanged are not reloaded).
    func rebuild() -> RebuildOutcome {
        lock.lock()
        defer { lock.unlock() }
        var options = options
        options.today = today()
        do {
            let result = try SiteBuilder.build(options, previousDigests: digests ?? [:])
            let first = digests == nil
            if first { rootPath = result.rootPath }
            digests = result.digests
            lastSummary = result.summary
            lastDiagnostics = result.warnings
            let prefix = rootPath
            return .success(changedPaths: first ? [RebuildOutcome.everyPath] : Set(result.changedFiles.map { Self.urlPath($0, under: prefix) }))
        } catch {
            lastDiagnostics = error.diagnostics
            return .failure(messages: error.diagnostics.map(\.description))
        }
    }

    /// Rebuilds on a thread of its own. When the calling task is cancelled (Ctrl-C during a build), returns at
    /// once with an empty failure instead of waiting: the build writes only to its staging folder beside the
    /// preview folder and swaps it in atomically, so abandoning it leaves nothing half-written that is served.
    func rebuildAbandoningOnCancel() async -> RebuildOutcome {
        let gate = ResumeOnce<RebuildOutcome>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<RebuildOutcome, Never>) in
                gate.set(continuation)
                if Task.isCancelled {
                    gate.resume(.failure(messages: []))
                    return
                }
                let thread = Thread { [self] in
                    let outcome = self.rebuild()
                    gate.resume(outcome)
                }
                thread.name = "signals.serve.build"
                thread.stackSize = 8 << 20
                thread.start()
            }
        } onCancel: {
            gate.resume(.failure(messages: []))
        }
    }

    /// `learn/x/index.html` → `/learn/x/`; `css/site.css` → `/css/site.css`; under `/docs/`, `/docs/learn/x/`.
    static func urlPath(_ outputPath: String, under prefix: String = "/") -> String {
        if outputPath == "index.html" { return prefix }
        if outputPath.hasSuffix("/index.html") { return prefix + outputPath.dropLast("index.html".count) }
        return prefix + outputPath
    }
}

/// A continuation resumed by whichever comes first (the build or a cancellation), exactly once.
final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var pending: Value?

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        if let pending {
            lock.unlock()
            continuation.resume(returning: pending)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: Value) {
        lock.lock()
        guard let continuation else {
            if pending == nil { pending = value }
            lock.unlock()
            return
        }
        self.continuation = nil
        pending = value
        lock.unlock()
        continuation.resume(returning: value)
    }
}
