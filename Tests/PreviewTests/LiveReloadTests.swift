import Foundation
import Testing
@testable import Preview

@Suite("Watching, rebuilding and live-reload events")
struct LiveReloadTests {
    @Test("Saving a watched file rebuilds once and sends a reload event naming the changed page", arguments: [false, true])
    func editTriggersReload(poll: Bool) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture, poll: poll) { _, _ in
            // The "build" writes the new page, as the real one would.
            try? fixture.write("<html><body><h1>Lesson X, edited</h1></body></html>", to: "public/learn/x/index.html")
            return .success(changedPaths: ["/learn/x/"])
        }
        let stream = try await EventStreamClient.open(port: server.port)
        defer { stream.close() }

        // An editor-like save: write, rewrite, plus a swap file that must be ignored.
        try fixture.write("---\ntitle: X\n---\nHello again\n", to: "content/learn/x.md")
        try fixture.write("---\ntitle: X\n---\nHello again!\n", to: "content/learn/x.md")
        try fixture.write("swap", to: "content/learn/.x.md.swp")

        let events = try await stream.events.wait(for: "a reload event") { $0.contains { $0.name == "reload" } }
        let reload = try #require(events.first { $0.name == "reload" })
        #expect(reload.list("paths") == ["/learn/x/"])
        let calls = server.rebuilds.all
        #expect(calls.first == ["content/learn/x.md"])

        let page = try await server.get("/learn/x/")
        #expect(page.text.contains("Lesson X, edited"))
        try await server.stop()
    }

    @Test("Files in a folder created after start are seen, including ones written right away")
    func newFolders() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let stream = try await EventStreamClient.open(port: server.port)
        defer { stream.close() }

        try fixture.write("---\ntitle: New\n---\n", to: "content/guides/deep/new.md")
        try await server.rebuilds.wait(for: "a rebuild with the new file") {
            $0.joined().contains("content/guides/deep/new.md")
        }
        // The new folder is now watched itself.
        try fixture.write("---\ntitle: Newer\n---\n", to: "content/guides/deep/newer.md")
        try await server.rebuilds.wait(for: "a rebuild with the second new file") {
            $0.joined().contains("content/guides/deep/newer.md")
        }
        // Data and template folders are watched too.
        try fixture.write("gpu,price\nh100,3\n", to: "content/data/prices.csv")
        try fixture.write("{{$main}}changed{{/main}}\n", to: "templates/base.mustache")
        try await server.rebuilds.wait(for: "rebuilds with the data and template files") {
            let all = $0.joined()
            return all.contains("content/data/prices.csv") && all.contains("templates/base.mustache")
        }
        try await server.stop()
    }

    @Test("A failed build sends the errors to open pages and to pages opened later; the old site stays")
    func failureShowsErrors() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let message = "content/learn/x.md:2:1: error: unknown front-matter key 'titel' <b>"
        let server = try await RunningServer.start(fixture) { call, _ in
            call == 0 ? .failure(messages: [message]) : .success(changedPaths: ["*"])
        }
        let stream = try await EventStreamClient.open(port: server.port)
        defer { stream.close() }

        try fixture.write("---\ntitel: X\n---\n", to: "content/learn/x.md")
        let events = try await stream.events.wait(for: "a build-error event") { $0.contains { $0.name == "build-error" } }
        let failure = try #require(events.first { $0.name == "build-error" })
        #expect(failure.list("messages") == [message])

        // The last good page is still served.
        let page = try await server.get("/learn/x/")
        #expect(page.status == 200)
        #expect(page.text.contains("<h1>Lesson X</h1>"))

        // A page opened now learns about the failure at once.
        let late = try await EventStreamClient.open(port: server.port)
        let lateEvents = try await late.events.wait(for: "the current failure") { $0.contains { $0.name == "build-error" } }
        #expect(lateEvents.last?.list("messages") == [message])
        late.close()

        // The fix clears it: a reload event for every page.
        try fixture.write("---\ntitle: X\n---\n", to: "content/learn/x.md")
        let after = try await stream.events.wait(for: "a reload after the fix") { $0.contains { $0.name == "reload" } }
        #expect(after.last?.list("paths") == ["*"])
        try await server.stop()
    }

    @Test("Rebuilds never overlap; changes during a rebuild trigger one more")
    func serialRebuilds() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let release = Recorder<Bool>()
        let started = Recorder<Int>()
        let server = try await RunningServer.start(fixture) { call, _ in
            started.append(call)
            if call == 0 {
                // Hold the first rebuild until the test has made more changes.
                _ = try? await release.wait(for: "release", timeout: 10) { !$0.isEmpty }
            }
            return .success(changedPaths: ["/learn/x/"])
        }
        try fixture.write("one", to: "content/learn/x.md")
        try await started.wait(for: "the first rebuild to start") { !$0.isEmpty }
        try fixture.write("two", to: "content/learn/y.md")
        try fixture.write("three", to: "content/learn/z.md")
        release.append(true)
        let calls = try await server.rebuilds.wait(for: "the second rebuild") { $0.count >= 2 }
        #expect(calls[0] == ["content/learn/x.md"])
        #expect(Set(calls.dropFirst().joined()) == ["content/learn/y.md", "content/learn/z.md"])
        #expect(server.concurrency.state.withLock { $0.maximum } == 1)
        try await server.stop()
    }

    @Test("A save during a rebuild cancels it; its files join the next rebuild, and pages hear only of that one")
    func staleRebuildIsCancelled() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let started = Recorder<Int>()
        let cancelled = Recorder<Int>()
        let server = try await RunningServer.start(fixture) { call, _ in
            started.append(call)
            guard call == 0 else { return .success(changedPaths: ["/learn/y/"]) }
            // A build that runs until it is made stale: it waits for its own cancellation (deadline 30 s).
            let stop = Recorder<Bool>()
            await withTaskCancellationHandler {
                _ = try? await stop.wait(for: "the stale build to be cancelled", timeout: 30) { !$0.isEmpty }
            } onCancel: {
                stop.append(true)
            }
            guard Task.isCancelled else { return .success(changedPaths: ["/stale/"]) }
            cancelled.append(call)
            return .superseded
        }
        let stream = try await EventStreamClient.open(port: server.port)
        defer { stream.close() }
        try fixture.write("one", to: "content/learn/x.md")
        try await started.wait(for: "the first rebuild to start") { !$0.isEmpty }
        try fixture.write("two", to: "content/learn/y.md")
        try await cancelled.wait(for: "the stale rebuild to be cancelled") { !$0.isEmpty }
        let calls = try await server.rebuilds.wait(for: "the next rebuild") { $0.count >= 2 }
        #expect(Set(calls[1]) == ["content/learn/x.md", "content/learn/y.md"])
        let events = try await stream.events.wait(for: "a reload event") { $0.contains { $0.name == "reload" } }
        #expect(events.filter { $0.name == "reload" }.map { $0.list("paths") } == [["/learn/y/"]])
        #expect(server.concurrency.state.withLock { $0.maximum } == 1)
        try await server.stop()
    }
}
