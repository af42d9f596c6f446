import Foundation
import Testing

/// `signals serve` as a user runs it: the built binary, a real site, signals and sockets.
@Suite("signals serve (the command)", .serialized)
struct ServeCommandTests {
    @Test("The preview renders into .signals-cache/serve/, drafts included, and never creates public/")
    func neverTouchesPublic() async throws {
        let site = try ServeSite()
        defer { site.remove() }
        let serve = try ServeProcess(["serve", "--port", "0", "--drafts"], in: site.root)
        defer { serve.terminate() }
        let port = try await serve.waitForPort()
        #expect(port > 0)

        let draft = try await LoopbackHTTP.request(port: port, path: "/learn/draft/")
        #expect(draft.status == 200)
        #expect(draft.text.contains("Draft lesson"))
        let css = try await LoopbackHTTP.request(port: port, path: "/css/site.css")
        #expect(css.status == 200)
        #expect(site.exists(".signals-cache/serve/site/learn/draft/index.html"))
        #expect(!site.exists("public"))

        serve.interrupt()
        let status = try await serve.exited.wait(for: "serve to exit", timeout: 5) { !$0.isEmpty }
        #expect(status == [0])
        #expect(!site.exists("public"))
    }

    @Test("A busy port is one error line naming --port and --port 0, before any build work")
    func busyPort() async throws {
        let first = try ServeSite()
        let second = try ServeSite()
        defer {
            first.remove()
            second.remove()
        }
        let running = try ServeProcess(["serve", "--port", "0"], in: first.root)
        defer { running.terminate() }
        let port = try await running.waitForPort()

        let clash = try ServeProcess(["serve", "--port", "\(port)"], in: second.root)
        defer { clash.terminate() }
        let status = try await clash.exited.wait(for: "the second serve to fail", timeout: 30) { !$0.isEmpty }
        #expect(status == [1])
        let errors = clash.stderr.all.filter { !$0.isEmpty }
        #expect(errors == ["error: port \(port) on 127.0.0.1 is already in use; choose another with --port (for example --port \(port + 1)), or --port 0 to pick a free port"])
        #expect(clash.stdout.all.filter { $0.hasPrefix("built") }.isEmpty)
        #expect(!second.exists(".signals-cache"))
        #expect(!second.exists("public"))
    }

    @Test("Ctrl-C exits within 200 ms after 20 rebuilds, with a live-reload client and a kept-alive page connection")
    func interruptAfterRebuilds() async throws {
        let site = try ServeSite()
        defer { site.remove() }
        let serve = try ServeProcess(["serve", "--port", "0"], in: site.root)
        defer { serve.terminate() }
        let port = try await serve.waitForPort()

        let stream = try await EventStreamClient.open(port: port)
        defer { stream.close() }
        // A page fetched over a connection the browser keeps open.
        let page = try await onThread { try LoopbackSocket(port: port) }
        defer { page.close() }
        try page.send("GET /learn/x/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        _ = try await onThread { page.receive() }

        for round in 1...20 {
            try site.write("content/learn/x.md", "---\ntitle: Lesson X\nsummary: X.\n---\nVersion \(round).\n")
            try await stream.events.wait(for: "reload \(round)", timeout: 30) { events in
                events.filter { $0.name == "reload" && $0.list("paths").contains("/learn/x/") }.count >= round
            }
        }
        let lesson = try await LoopbackHTTP.request(port: port, path: "/learn/x/")
        #expect(lesson.text.contains("Version 20."))

        let clock = ContinuousClock()
        let start = clock.now
        serve.interrupt()
        let status = try await serve.exited.wait(for: "serve to exit after Ctrl-C", timeout: 5) { !$0.isEmpty }
        let elapsed = clock.now - start
        #expect(status == [0])
        #expect(elapsed < .milliseconds(200), "Ctrl-C took \(elapsed)")
        try await stream.closed.wait(for: "the event stream to close", timeout: 2) { !$0.isEmpty }
    }

    @Test("Ctrl-C during a rebuild exits within 200 ms too")
    func interruptDuringRebuild() async throws {
        let site = try ServeSite()
        defer { site.remove() }
        // Enough pages that a rebuild takes a while on a busy machine.
        for index in 0..<400 {
            try site.write("content/learn/p\(index).md", "---\ntitle: Page \(index)\n---\n" + String(repeating: "Some *text* with a [link](x.md).\n\n", count: 40))
        }
        let serve = try ServeProcess(["serve", "--port", "0"], in: site.root)
        defer { serve.terminate() }
        _ = try await serve.waitForPort(timeout: 120)
        // Touch a template: every page renders again.
        try site.write("templates/lesson.mustache", "{{<base}}{{$main}}<h2>{{page.title}}</h2>{{{page.content}}}{{/main}}{{/base}}\n")
        try await serve.stdout.wait(for: "the rebuild to start") { $0.contains { $0.hasPrefix("rebuilding") } }
        let clock = ContinuousClock()
        let start = clock.now
        serve.interrupt()
        let status = try await serve.exited.wait(for: "serve to exit after Ctrl-C", timeout: 10) { !$0.isEmpty }
        let elapsed = clock.now - start
        #expect(status == [0])
        #expect(elapsed < .milliseconds(200), "Ctrl-C took \(elapsed)")
        #expect(!site.exists("public"))
    }

    @Test("The fingerprinted stylesheet and its .br and .gz siblings are served with their encoding")
    func precompressedSiblings() async throws {
        let site = try ServeSite()
        defer { site.remove() }
        try site.write("templates/base.mustache", "<!doctype html><html><head><link rel=\"stylesheet\" href=\"{{#asset}}css/site.css{{/asset}}\"></head><body>{{$main}}{{/main}}</body></html>\n")
        try site.write("templates/static/css/site.css", String(repeating: ".rule { margin: 0 auto; padding: 1rem; }\n", count: 60))
        let serve = try ServeProcess(["serve", "--port", "0"], in: site.root)
        defer { serve.terminate() }
        let port = try await serve.waitForPort()

        let home = try await LoopbackHTTP.request(port: port, path: "/")
        let href = try #require(home.text.firstMatch(of: /href="(\/css\/site\.[0-9a-f]{8}\.css)"/)).1
        let plain = try await LoopbackHTTP.request(port: port, path: String(href))
        #expect(plain.status == 200)
        #expect(plain.headers["content-encoding"] == nil)
        #expect(plain.text.hasPrefix(".rule"))

        let brotli = try await LoopbackHTTP.request(port: port, path: String(href), method: "HEAD", headers: ["Accept-Encoding": "gzip, deflate, br"])
        #expect(brotli.status == 200)
        #expect(brotli.headers["content-encoding"] == "br")
        #expect(brotli.headers["content-type"] == "text/css; charset=utf-8")
        #expect(brotli.headers["vary"] == "Accept-Encoding")
        let gzip = try await LoopbackHTTP.request(port: port, path: String(href), headers: ["Accept-Encoding": "gzip"])
        #expect(gzip.headers["content-encoding"] == "gzip")
        #expect(gzip.body.starts(with: [0x1f, 0x8b]))
        let refused = try await LoopbackHTTP.request(port: port, path: String(href), headers: ["Accept-Encoding": "br;q=0, gzip;q=0"])
        #expect(refused.headers["content-encoding"] == nil)
        let sibling = try await LoopbackHTTP.request(port: port, path: String(href) + ".br", method: "HEAD")
        #expect(sibling.status == 200)
        // HTML keeps its live-reload script, so it is never sent precompressed.
        let page = try await LoopbackHTTP.request(port: port, path: "/", headers: ["Accept-Encoding": "br"])
        #expect(page.headers["content-encoding"] == nil)

        serve.interrupt()
        try await serve.exited.wait(for: "serve to exit", timeout: 5) { !$0.isEmpty }
    }

    @Test("--open runs xdg-open with the URL; without one it says so and serves anyway")
    func openBrowser() async throws {
        let site = try ServeSite()
        defer { site.remove() }
        let bin = site.root.appending(path: "fakebin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = site.root.appending(path: "opened.txt")
        let script = bin.appending(path: "xdg-open")
        try Data("#!/bin/sh\necho \"$1\" > '\(log.path)'\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)

        let serve = try ServeProcess(["serve", "--port", "0", "--open"], in: site.root, environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        defer { serve.terminate() }
        let port = try await serve.waitForPort()
        try await serve.stdout.wait(for: "the opened line") { $0.contains("opened http://127.0.0.1:\(port)/ with xdg-open") }
        serve.interrupt()
        try await serve.exited.wait(for: "serve to exit", timeout: 5) { !$0.isEmpty }
        // xdg-open was started before the line above was printed; it has written its argument by now or within the deadline.
        let written = Recorder<String>()
        let poller = Task {
            while !Task.isCancelled {
                if let text = try? String(contentsOf: log, encoding: .utf8), !text.isEmpty { written.append(text); return }
                await Task.yield()
            }
        }
        defer { poller.cancel() }
        let seen = try await written.wait(for: "the fake xdg-open to record its argument", timeout: 5) { !$0.isEmpty }
        #expect(seen.first == "http://127.0.0.1:\(port)/\n")

        let empty = site.root.appending(path: "emptybin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let without = try ServeProcess(["serve", "--port", "0", "--open"], in: site.root, environment: ["PATH": empty.path])
        defer { without.terminate() }
        let otherPort = try await without.waitForPort()
        try await without.stdout.wait(for: "the no-opener line") {
            $0.contains("--open: no browser opener (xdg-open) found on PATH; open http://127.0.0.1:\(otherPort)/ yourself")
        }
        let home = try await LoopbackHTTP.request(port: otherPort, path: "/")
        #expect(home.status == 200)
        without.interrupt()
        try await without.exited.wait(for: "serve to exit", timeout: 5) { !$0.isEmpty }
    }
}
