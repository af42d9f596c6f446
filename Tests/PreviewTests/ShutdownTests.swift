import Foundation
import Testing
@testable import Preview

@Suite("Starting and stopping")
struct ShutdownTests {
    @Test("Shutdown with an open event stream finishes within 2 seconds and closes the stream")
    func shutdownWithOpenStream() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let stream = try await EventStreamClient.open(port: server.port)
        let second = try await EventStreamClient.open(port: server.port)
        defer {
            stream.close()
            second.close()
        }
        #expect(server.server.openEventStreams == 2)

        let clock = ContinuousClock()
        let start = clock.now
        server.server.shutdown()
        let result = try await server.finished.wait(for: "run() to return", timeout: 2) { !$0.isEmpty }
        let elapsed = clock.now - start
        #expect(result == ["ok"])
        #expect(elapsed < .seconds(2))
        try await stream.closed.wait(for: "the event stream to be closed by the server", timeout: 2) { !$0.isEmpty }
        try await second.closed.wait(for: "the second event stream to close", timeout: 2) { !$0.isEmpty }
    }

    @Test("Cancelling the task that runs the server stops it too")
    func cancellationStops() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let finished = Recorder<String>()
        let server = PreviewServer(
            configuration: PreviewConfiguration(
                port: 0, siteDirectory: fixture.site, watchedDirectories: [fixture.content], handlesSignals: false
            )
        ) { _ in .success(changedPaths: []) }
        let task = Task {
            do {
                try await server.run()
                finished.append("ok")
            } catch {
                finished.append("\(error)")
            }
        }
        let port = try await server.boundPort()
        let stream = try await EventStreamClient.open(port: port)
        defer { stream.close() }
        task.cancel()
        try await finished.wait(for: "run() to return after cancellation", timeout: 2) { !$0.isEmpty }
        try await stream.closed.wait(for: "the stream to close", timeout: 2) { !$0.isEmpty }
    }

    @Test("A port in use is a clear error naming the port and --port")
    func portInUse() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let first = try await RunningServer.start(fixture)
        let second = PreviewServer(
            configuration: PreviewConfiguration(
                port: first.port, siteDirectory: fixture.site, watchedDirectories: [], handlesSignals: false
            )
        ) { _ in .success(changedPaths: []) }

        let error = await #expect(throws: PreviewError.self) { try await second.run() }
        #expect(error == .portInUse(host: "127.0.0.1", port: first.port))
        let text = error.map(String.init(describing:)) ?? ""
        #expect(text.contains("port \(first.port)"))
        #expect(text.contains("--port"))
        await #expect(throws: PreviewError.self) { try await second.boundPort() }

        // Without the pre-check, the server's own bind error is recognised the same way.
        var third = PreviewServer(
            configuration: PreviewConfiguration(
                port: first.port, siteDirectory: fixture.site, watchedDirectories: [], handlesSignals: false
            )
        ) { _ in .success(changedPaths: []) }
        third.checksPortFirst = false
        let bindError = await #expect(throws: PreviewError.self) { try await third.run() }
        #expect(bindError == .portInUse(host: "127.0.0.1", port: first.port))
        try await first.stop()
    }

    @Test("The address in use is recognised in the server's own bind error")
    func bindErrorMapping() {
        #expect(PortCheck.isAddressInUse(SocketErrorStub("bind(descriptor:ptr:bytes:): Address already in use (errno: 98)")))
        #expect(!PortCheck.isAddressInUse(SocketErrorStub("Connection refused")))
    }

    @Test("shutdown() before run() makes run() return at once")
    func shutdownBeforeRun() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = PreviewServer(
            configuration: PreviewConfiguration(
                port: 0, siteDirectory: fixture.site, watchedDirectories: [fixture.content], handlesSignals: false
            )
        ) { _ in .success(changedPaths: []) }
        server.shutdown()
        try await server.run()
        #expect(server.openEventStreams == 0)
    }
}

struct SocketErrorStub: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@Suite("Before the first good build")
struct FirstBuildTests {
    @Test("Without a site, pages get a 404 that still carries the script, and a reported failure reaches new pages")
    func noSiteYet() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        try FileManager.default.removeItem(at: fixture.site)
        let server = PreviewServer(
            configuration: PreviewConfiguration(
                port: 0, siteDirectory: fixture.site, watchedDirectories: [fixture.content], handlesSignals: false
            )
        ) { _ in .success(changedPaths: ["*"]) }
        server.report(.failure(messages: ["content/_index.md:1:1: error: missing title"]))
        let finished = Recorder<String>()
        Task {
            try? await server.run()
            finished.append("ok")
        }
        let port = try await server.boundPort()

        let page = try await LoopbackHTTP.request(port: port, path: "/")
        #expect(page.status == 404)
        #expect(page.text.contains("404 Not Found"))
        #expect(page.text.contains(LiveReloadScript.marker))

        let stream = try await EventStreamClient.open(port: port)
        defer { stream.close() }
        let events = try await stream.events.wait(for: "the reported failure") { $0.contains { $0.name == "build-error" } }
        #expect(events.last?.list("messages") == ["content/_index.md:1:1: error: missing title"])

        server.shutdown()
        try await finished.wait(for: "run() to return", timeout: 2) { !$0.isEmpty }
    }
}
