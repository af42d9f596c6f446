import ArgumentParser
import Diagnostics
import Foundation
import Preview
import Site
import SitePreview

/// `signals serve`: build into a preview folder of its own, serve it on 127.0.0.1 with live reload,
/// rebuild on every change. `public/` is written only by `signals build`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site into a preview folder, serve it on http://127.0.0.1:8080 and rebuild and reload on every change.",
        discussion: """
        The preview is rendered into <root>/.signals-cache/serve/ (as Hugo's server renders to memory), never into \
        public/: drafts shown with --drafts cannot reach the site you deploy. Watches content/ (with content/data/) \
        and templates/. After a change the site is rebuilt; open pages whose output changed reload. A save during \
        a build stops it and the next build takes both saves. When a build \
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

        let first = await session.rebuildInBackground()
        switch first {
        case .success:
            say(session.lastSummary)
        case .failure(let messages):
            printer.print(session.lastDiagnostics)
            say("\(messages.count) error(s): serving the previous site (if any) until they are fixed")
        case .superseded:
            return
        }
        let server = PreviewServer(
            configuration: PreviewConfiguration(
                host: host, port: port, siteDirectory: outputURL, sitePrefix: session.rootPath,
                watchedDirectories: [root.appendingPathComponent("content"), root.appendingPathComponent("templates")],
                poll: poll)
        ) { changed in
            say("rebuilding (\(changed.count) changed file\(changed.count == 1 ? "" : "s"))")
            let outcome = await session.rebuildInBackground()
            switch outcome {
            case .success: say(session.lastSummary)
            case .failure: printer.print(session.lastDiagnostics)
            case .superseded: say("stopped that build: a newer change came in")
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
