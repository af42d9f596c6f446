import Foundation

/// Everything the preview server needs, handed to it by the caller (`signals serve`).
///
/// The preview knows nothing about how the site is built: it serves `siteDirectory`, watches
/// `watchedDirectories`, and calls the `rebuild` closure given to ``PreviewServer`` when files change.
public struct PreviewConfiguration: Sendable {
    /// The address to bind; loopback by default so the preview is not reachable from the network.
    public var host: String
    /// The TCP port; `0` asks the system for a free port (see ``PreviewServer/boundPort()``).
    public var port: Int
    /// The built site (`public/`) to serve. Files are read on every request, so a build that swaps
    /// this folder is picked up at once.
    public var siteDirectory: URL
    /// The URL path the site is served under: `/`, or the path of a baseURL such as `https://example.org/docs/`,
    /// so a site built for a sub-folder previews with working links at `http://127.0.0.1:8080/docs/`.
    public var sitePrefix: String
    /// Folders watched recursively for changes (`content/`, `templates/`); new subfolders are watched too.
    public var watchedDirectories: [URL]
    /// Scan the folders for modification time and size changes instead of using inotify.
    public var poll: Bool
    /// How often the polling fallback scans (ignored with inotify).
    public var pollInterval: Duration
    /// Quiet time after the last change before a rebuild starts, so an editor's burst of writes
    /// for one save triggers one rebuild.
    public var debounce: Duration
    /// Stop on SIGINT and SIGTERM (what `signals serve` wants). Tests turn this off and call
    /// ``PreviewServer/shutdown()`` instead.
    public var handlesSignals: Bool

    /// Creates a configuration; only `siteDirectory` and `watchedDirectories` have no default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        siteDirectory: URL,
        sitePrefix: String = "/",
        watchedDirectories: [URL],
        poll: Bool = false,
        pollInterval: Duration = .milliseconds(250),
        debounce: Duration = .milliseconds(60),
        handlesSignals: Bool = true
    ) {
        self.host = host
        self.port = port
        self.siteDirectory = siteDirectory
        self.sitePrefix = sitePrefix.hasSuffix("/") ? sitePrefix : sitePrefix + "/"
        self.watchedDirectories = watchedDirectories
        self.poll = poll
        self.pollInterval = pollInterval
        self.debounce = debounce
        self.handlesSignals = handlesSignals
    }
}
