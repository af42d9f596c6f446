import Foundation
import Testing
@testable import Preview

@Suite("Serving the built site")
struct FileServingTests {
    @Test("An HTML page gets the live-reload script; the file on disk does not")
    func injectsScriptIntoResponsesOnly() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)

        let home = try await server.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text.contains("<h1>Home</h1>"))
        #expect(home.text.contains(LiveReloadScript.marker))
        #expect(home.text.contains("/__signals/events"))
        // Inserted right before </body>, nothing lost.
        #expect(home.text.contains("</script></body></html>"))
        #expect(home.text.replacingOccurrences(of: LiveReloadScript.snippet, with: "") == SiteFixture.indexHTML)
        #expect(try fixture.read("public/index.html") == SiteFixture.indexHTML)

        // An upper-case </BODY> works too.
        let lesson = try await server.get("/learn/x/")
        #expect(lesson.status == 200)
        #expect(lesson.text.contains("</script></BODY>"))
        #expect(try fixture.read("public/learn/x/index.html") == SiteFixture.lessonHTML)

        try await server.stop()
    }

    @Test("Content types follow the file extension; non-HTML files are sent untouched")
    func contentTypes() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let expected: [(String, String)] = [
            ("/style.css", "text/css; charset=utf-8"),
            ("/app.js", "text/javascript; charset=utf-8"),
            ("/logo.svg", "image/svg+xml"),
            ("/search-index.json", "application/json"),
            ("/sitemap.xml", "application/xml"),
            ("/data/prices.csv", "text/csv; charset=utf-8"),
            ("/image.png", "image/png"),
            ("/favicon.ico", "image/x-icon"),
            ("/robots.txt", "text/plain; charset=utf-8"),
            ("/learn/x/index.html", "text/html; charset=utf-8"),
        ]
        for (path, type) in expected {
            let response = try await server.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
        }
        let css = try await server.get("/style.css")
        #expect(css.text == "body { color: black; }\n")
        let csv = try await server.get("/data/prices.csv")
        #expect(csv.text == "gpu,price\nh100,2.5\n")
        try await server.stop()
    }

    @Test("Folders: /dir/ serves index.html, /dir redirects, no listings")
    func folders() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)

        let redirect = try await server.get("/learn/x?ref=1")
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/learn/x/?ref=1")

        let listing = try await server.get("/learn/")
        #expect(listing.status == 404)
        #expect(listing.text.contains("Page not found"))
        #expect(!listing.text.contains("empty"))

        let empty = try await server.get("/learn/empty/")
        #expect(empty.status == 404)

        let head = try await server.get("/learn/x/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(SiteFixture.lessonHTML.utf8.count + LiveReloadScript.snippet.utf8.count))

        let post = try await server.get("/", method: "POST")
        #expect(post.status == 405)
        try await server.stop()
    }

    @Test("Missing pages get the site's 404 page with status 404")
    func missingPage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let response = try await server.get("/no/such/page/")
        #expect(response.status == 404)
        #expect(response.headers["content-type"] == "text/html; charset=utf-8")
        #expect(response.text.contains("<h1>Page not found</h1>"))
        #expect(response.text.contains(LiveReloadScript.marker))
        try await server.stop()
    }

    @Test(
        "Traversal attempts get the 404 page and never the secret",
        arguments: [
            "/../secret.txt",
            "/../../etc/passwd",
            "/learn/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/learn/%2e%2e/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/learn%2f..%2f..%2fsecret.txt",
            "/leak.txt",
            "/leakdir/other.txt",
            "/leakdir/",
            "/%00",
            "/.",
            "/learn/./x/",
        ]
    )
    func traversal(path: String) async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let response = try await server.get(path)
        #expect(response.status == 404)
        #expect(response.text.contains("Page not found"))
        #expect(!response.text.contains("SECRET"))
        try await server.stop()
    }

    @Test("A symlink that stays inside the site is served")
    func symlinkInside() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let response = try await server.get("/inside.css")
        #expect(response.status == 200)
        #expect(response.text == "body { color: black; }\n")
        try await server.stop()
    }
}

@Suite("Connections that send no request")
struct HalfOpenConnectionTests {
    /// 1,000 half-open connections were held forever: a connection with no complete request is closed after
    /// `PreviewServer.idleSeconds`, while a page request on a fresh connection is still answered.
    @Test("A connection that sends half a request is closed by the server within a few seconds")
    func halfOpenConnectionIsClosed() async throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let server = try await RunningServer.start(fixture)
        let port = server.port
        let sockets = try (0..<20).map { _ in try LoopbackSocket(port: port) }
        // Wait up to 60 s on each: only the server's own timeout closes them sooner.
        for socket in sockets {
            var timeout = timeval(tv_sec: 60, tv_usec: 0)
            _ = setsockopt(socket.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        for socket in sockets { try socket.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n") }  // no blank line: never complete
        let clock = ContinuousClock()
        let start = clock.now
        // receive() returns nil when the server closes the connection (or after the 60 s above).
        let closed = try await onThread { sockets.map { $0.receive() == nil } }
        let elapsed = clock.now - start
        #expect(closed.allSatisfy { $0 }, "every half-open connection was closed by the server")
        // The server closes them after `idleSeconds` (5 s); 30 s leaves room for a loaded machine.
        #expect(elapsed < .seconds(30), "closed after \(elapsed)")
        let page = try await server.get("/")
        #expect(page.status == 200)
        try await server.stop()
    }
}
