import Foundation
import Synchronization
@testable import Preview

/// A preview server started on an ephemeral port for one test, with its rebuild calls recorded.
struct RunningServer: Sendable {
    let server: PreviewServer
    let port: Int
    /// The changed files of every rebuild call, in order (paths relative to the fixture root).
    let rebuilds: Recorder<[String]>
    /// Receives one value when `run()` returns: "ok" or the error's description.
    let finished: Recorder<String>
    /// Receives the largest number of rebuilds seen running at once.
    let concurrency: ConcurrencyGauge

    /// Starts a server for `fixture`; `outcome` decides what each rebuild reports.
    static func start(
        _ fixture: SiteFixture,
        poll: Bool = false,
        outcome: @escaping @Sendable (_ call: Int, _ changed: [String]) async -> RebuildOutcome = { _, _ in
            .success(changedPaths: ["/learn/x/"])
        }
    ) async throws -> RunningServer {
        let rebuilds = Recorder<[String]>()
        let finished = Recorder<String>()
        let concurrency = ConcurrencyGauge()
        let rootPath = fixture.root.standardizedFileURL.path
        let configuration = PreviewConfiguration(
            port: 0,
            siteDirectory: fixture.site,
            watchedDirectories: [fixture.content, fixture.templates],
            poll: poll,
            pollInterval: .milliseconds(50),
            handlesSignals: false
        )
        let server = PreviewServer(configuration: configuration) { changed in
            concurrency.state.withLock { state in
                state.running += 1
                state.maximum = max(state.maximum, state.running)
            }
            let relative = changed.map { url in
                let path = url.standardizedFileURL.path
                return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
            }
            let call = rebuilds.all.count
            let result = await outcome(call, relative)
            concurrency.state.withLock { $0.running -= 1 }
            rebuilds.append(relative)
            return result
        }
        Task {
            do {
                try await server.run()
                finished.append("ok")
            } catch {
                finished.append(String(describing: error))
            }
        }
        let port = try await server.boundPort()
        return RunningServer(server: server, port: port, rebuilds: rebuilds, finished: finished, concurrency: concurrency)
    }

    func get(_ path: String, method: String = "GET") async throws -> HTTPResult {
        try await LoopbackHTTP.request(port: port, path: path, method: method)
    }

    /// Stops the server and waits (up to 5 s) for `run()` to return.
    func stop() async throws {
        server.shutdown()
        try await finished.wait(for: "run() to return", timeout: 5) { !$0.isEmpty }
    }
}

/// How many rebuilds run at once, and the most seen so far.
final class ConcurrencyGauge: Sendable {
    let state = Mutex((running: 0, maximum: 0))
}
