import Dispatch
import Foundation
import Hummingbird

/// The `signals serve` preview: serves the built site with a live-reload script injected into
/// HTML responses, watches the source folders, calls `rebuild` after each (debounced) change, and
/// tells open pages to reload, or to show the build errors, over Server-Sent Events.
///
/// The server knows nothing about how the site is built; the caller hands it a closure:
///
/// ```swift
/// let server = PreviewServer(
///     configuration: PreviewConfiguration(
///         port: options.port,
///         siteDirectory: root.appending(path: "public"),
///         watchedDirectories: [root.appending(path: "content"), root.appending(path: "templates")],
///         poll: options.poll
///     )
/// ) { changedFiles in
///     do {
///         let report = try await builder.rebuild(changed: changedFiles)   // writes public/ only on success
///         return .success(changedPaths: report.changedURLPaths)          // ["/learn/x/"], or ["*"]
///     } catch let list as DiagnosticList {
///         return .failure(messages: list.diagnostics.map(\.description))
///     } catch {
///         return .failure(messages: ["error: \(error)"])
///     }
/// }
/// server.report(firstBuildOutcome)   // optional: a failed first build shows its overlay at once
/// try await server.run { url in print("Serving on \(url)  (Ctrl-C to stop)") }
/// ```
///
/// `run` returns after SIGINT/SIGTERM (when ``PreviewConfiguration/handlesSignals`` is on), after
/// ``shutdown()``, or when its task is cancelled, within a fraction of a second even with pages
/// connected. A busy port throws ``PreviewError/portInUse(host:port:)``.
///
/// A server runs once: after `run` returns, make a new one.
///
/// Rebuilds run one at a time; a change made during a rebuild cancels the task running `rebuild` (which may
/// stop early and return ``RebuildOutcome/superseded``) and is collected, with the superseded rebuild's
/// changes, for the next one.
/// `changedFiles` holds absolute file URLs that were created, modified or deleted (after an
/// inotify overflow, a watched root folder itself, meaning "anything below may have changed").
/// While a build fails, the files in `siteDirectory` keep being served as they are.
public struct PreviewServer: Sendable {
    /// Seconds a connection may stay without a complete request before it is closed.
    public static let idleSeconds: Int64 = 5
    /// The configuration the server was created with.
    public let configuration: PreviewConfiguration
    private let rebuild: @Sendable (_ changedFiles: [URL]) async -> RebuildOutcome
    private let control = ServerControl()
    private let broadcaster = ReloadBroadcaster()
    /// Tests turn this off to see the server's own bind error being mapped to `portInUse`.
    var checksPortFirst = true

    /// Creates a server; nothing happens until ``run(onListening:)``.
    /// - Parameters:
    ///   - configuration: where to listen, what to serve and what to watch.
    ///   - rebuild: called with the changed files after each settled burst of changes, never twice
    ///     at once; it rebuilds `siteDirectory` and reports which URL paths changed, or the errors. Its
    ///     task is cancelled when a newer change makes it stale: it may then return `.superseded`.
    public init(
        configuration: PreviewConfiguration,
        rebuild: @escaping @Sendable (_ changedFiles: [URL]) async -> RebuildOutcome
    ) {
        self.configuration = configuration
        self.rebuild = rebuild
    }

    /// Serves until SIGINT/SIGTERM, ``shutdown()`` or task cancellation.
    /// - Parameter onListening: called once the socket is bound, with the server's URL
    ///   (`http://127.0.0.1:8080/`), e.g. to print it.
    /// - Throws: ``PreviewError`` when the port is taken or a folder cannot be watched.
    public func run(onListening: (@Sendable (_ url: URL) -> Void)? = nil) async throws {
        do {
            try await serve(onListening: onListening)
        } catch {
            let mapped: any Error = PortCheck.isAddressInUse(error)
                ? PreviewError.portInUse(host: configuration.host, port: configuration.port)
                : error
            control.didFail(mapped)
            throw mapped
        }
        control.didFail(CancellationError())
    }

    /// The port the server listens on, once it does (useful with port `0`). Throws if the server
    /// fails to start or stops before binding.
    public func boundPort() async throws -> Int {
        try await control.boundPort()
    }

    /// Asks a running server to stop; ``run(onListening:)`` then returns. Safe to call at any time,
    /// also before `run` (which then returns at once) and more than once.
    public func shutdown() {
        control.requestShutdown()
    }

    /// Tells pages about a build made outside the watcher, typically the first build before
    /// `run`: after `.failure`, every page (also ones opened later) shows the overlay until a
    /// success; `.success` makes the listed pages reload. Safe to call at any time.
    public func report(_ outcome: RebuildOutcome) {
        broadcaster.publish(outcome)
    }

    /// The number of open live-reload event streams.
    public var openEventStreams: Int {
        broadcaster.subscriberCount
    }

    // MARK: Running

    private func serve(onListening: (@Sendable (URL) -> Void)?) async throws {
        let configuration = self.configuration
        if checksPortFirst {
            try PortCheck.ensureAvailable(host: configuration.host, port: configuration.port)
        }

        let siteRoot = SiteFileResolver.realPath(configuration.siteDirectory.path) ?? configuration.siteDirectory.path
        let walker = DirectoryWalker(excluded: [configuration.siteDirectory.standardizedFileURL.path, siteRoot])
        let roots = configuration.watchedDirectories.map { $0.standardizedFileURL.path }
        let collector = ChangeCollector(debounce: configuration.debounce)
        let watcher = try Watcher(roots: roots, walker: walker, configuration: configuration)

        let control = self.control
        let host = configuration.host
        let responder = PreviewResponder(
            resolver: SiteFileResolver(siteDirectory: configuration.siteDirectory, sitePrefix: configuration.sitePrefix),
            broadcaster: broadcaster
        )
        var app = Application(
            responder: responder,
            // A connection that has sent no complete request within a few seconds is closed (half-open
            // connections are otherwise held forever); a live-reload stream is a response in progress, not idle.
            server: .http1(configuration: .init(idleTimeout: .seconds(PreviewServer.idleSeconds))),
            configuration: .init(address: .hostname(host, port: configuration.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                control.didBind(port: port)
                if let onListening, let url = PreviewServer.url(host: host, port: port, prefix: configuration.sitePrefix) { onListening(url) }
            },
            logger: .init(label: "signals.preview")
        )
        // Hummingbird logs per-connection noise (including one error line per open connection
        // when the server is cancelled); start-up failures are thrown instead. LOG_LEVEL=debug
        // brings the logs back when debugging the server itself.
        app.logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { .init(rawValue: $0) } ?? .critical

        let signals = configuration.handlesSignals ? SignalWatch(onSignal: { control.requestShutdown() }) : nil
        defer {
            signals?.cancel()
            watcher.stop()
            collector.finish()
            broadcaster.finish()
        }

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [app] in try await app.run() }
            group.addTask {
                await watcher.run(onChange: { collector.record($0) })
            }
            group.addTask { [rebuild, broadcaster] in
                await Self.rebuildLoop(collector: collector, rebuild: rebuild, broadcaster: broadcaster)
            }
            group.addTask { await control.waitForShutdownRequest() }
            defer { group.cancelAll() }
            // The first child to finish decides: a shutdown request, or the server failing.
            try await group.next()
            // End the event streams first so open connections close cleanly.
            broadcaster.finish()
        }
    }

    /// Waits for changes to settle, rebuilds, and publishes the outcome; one rebuild at a time.
    static func rebuildLoop(
        collector: ChangeCollector,
        rebuild: @escaping @Sendable ([URL]) async -> RebuildOutcome,
        broadcaster: ReloadBroadcaster
    ) async {
        for await _ in collector.wakeUps {
            settling: while !Task.isCancelled {
                switch collector.decide() {
                case .idle:
                    break settling
                case .wait(let delay):
                    do {
                        try await Task.sleep(for: delay)
                    } catch {
                        return
                    }
                case .rebuild(let paths):
                    // A change saved while this build runs makes it stale: the build is cancelled, and its
                    // files join the next one (which waits for the changes to settle again).
                    let work = Task { await rebuild(paths.map { URL(fileURLWithPath: $0) }) }
                    let outcome = await collector.whileRebuilding(
                        stale: { work.cancel() },
                        rebuild: { await withTaskCancellationHandler(operation: { await work.value }, onCancel: { work.cancel() }) })
                    if Task.isCancelled { return }
                    if outcome == .superseded {
                        collector.record(paths)
                        continue settling
                    }
                    broadcaster.publish(outcome)
                    break settling
                }
            }
        }
    }

    static func url(host: String, port: Int, prefix: String = "/") -> URL? {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(shownHost):\(port)\(prefix)")
    }
}
