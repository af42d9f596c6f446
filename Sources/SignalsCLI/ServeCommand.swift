import ArgumentParser
import Diagnostics
import Foundation
import Preview
import Site

/// `signals serve`: build, serve on 127.0.0.1 with live reload, rebuild on every change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on http://127.0.0.1:8080 and rebuild and reload on every change.",
        discussion: """
        Watches content/ (with content/data/) and templates/. After a change the site is rebuilt; open \
        pages whose output changed reload. When a build fails, the last good site keeps being served and \
        every open page shows the errors until the next good build. Only files inside the output folder \
        are served. Ctrl-C stops the server.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "root"))
    var source: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the site (default: <root>/public).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: "The address to listen on (loopback by default; the preview is not meant to be exposed).")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on.")
    var port: Int = 8080

    @Flag(name: .long, help: "Watch by scanning the folders instead of inotify (for network or container file systems).")
    var poll = false

    @Flag(name: .long, help: "Include pages marked `draft: true`.")
    var drafts = false

    func run() async throws {
        let root = URL(fileURLWithPath: source).standardizedFileURL
        let outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? root.appendingPathComponent("public")
        let printer = DiagnosticPrinter(root: root)
        let session = PreviewSession(options: BuildOptions(root: root, output: outputURL, includeDrafts: drafts, useCache: true))

        switch session.rebuild() {
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
        ) { _ in
            let outcome = session.rebuild()
            switch outcome {
            case .success: say(session.lastSummary)
            case .failure: printer.print(session.lastDiagnostics)
            }
            return outcome
        }
        do {
            try await server.run { url in say("Serving \(url) (Ctrl-C to stop)") }
        } catch let error as PreviewError {
            DiagnosticPrinter.standardError("error: \(error)\n")
            throw ExitCode(1)
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

    init(options: BuildOptions) {
        self.options = options
    }

    /// Rebuilds the whole site (pages whose output is unchanged are not reloaded).
    func rebuild() -> RebuildOutcome {
        lock.lock()
        defer { lock.unlock() }
        var options = options
        options.today = Date()
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

    /// `learn/x/index.html` → `/learn/x/`; `css/site.css` → `/css/site.css`; under `/docs/`, `/docs/learn/x/`.
    static func urlPath(_ outputPath: String, under prefix: String = "/") -> String {
        if outputPath == "index.html" { return prefix }
        if outputPath.hasSuffix("/index.html") { return prefix + outputPath.dropLast("index.html".count) }
        return prefix + outputPath
    }
}
