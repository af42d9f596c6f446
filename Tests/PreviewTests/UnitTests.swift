import Foundation
import Testing
@testable import Preview

@Suite("Pieces of the preview")
struct UnitTests {
    @Test("The snippet goes before the last </body>, or at the end without one")
    func injection() {
        let snippet = LiveReloadScript.snippet
        #expect(LiveReloadScript.inject(into: "<body>a</body>") == "<body>a\(snippet)</body>")
        #expect(LiveReloadScript.inject(into: "<p></body>x</Body>") == "<p></body>x\(snippet)</Body>")
        #expect(LiveReloadScript.inject(into: "<p>no body") == "<p>no body\(snippet)")
    }

    @Test("The overlay sets text, never HTML, and listens for both event kinds")
    func scriptShape() {
        let snippet = LiveReloadScript.snippet
        #expect(snippet.contains("textContent = messages.join"))
        #expect(!snippet.contains("innerHTML"))
        #expect(snippet.contains("addEventListener(\"reload\""))
        #expect(snippet.contains("addEventListener(\"build-error\""))
        #expect(snippet.contains("new EventSource(\"/__signals/events\")"))
    }

    @Test("Events are framed as Server-Sent Events with JSON on one data line")
    func eventFraming() throws {
        #expect(ServerEvent(.superseded) == nil)
        let reload = try #require(ServerEvent(.success(changedPaths: ["/b/", "/a/"])))
        #expect(reload.serverSentEvent == "event: reload\ndata: {\"paths\":[\"/a/\",\"/b/\"]}\n\n")
        let failure = try #require(ServerEvent(.failure(messages: ["x.md:1:1: error: a\n  hint: b"])))
        #expect(failure.serverSentEvent.hasPrefix("event: build-error\ndata: {\"messages\":[\"x.md:1:1: error: a\\n  hint: b\"]}"))
        #expect(failure.serverSentEvent.filter { $0 == "\n" }.count == 3)
    }

    @Test("Path segments that could climb out are refused before touching the disk")
    func unsafeSegments() {
        for segment in ["", ".", "..", "a/b", "a\\b", "a\0b"] {
            #expect(!SiteFileResolver.isSafeSegment(segment), "\(segment)")
        }
        #expect(SiteFileResolver.isSafeSegment("..hidden"))
        #expect(SiteFileResolver.isInside("/site/a", root: "/site"))
        #expect(!SiteFileResolver.isInside("/site-other/a", root: "/site"))
    }

    @Test("A burst of changes is rebuilt once, after it settles")
    func debounce() {
        let collector = ChangeCollector(debounce: .seconds(60))
        #expect(collector.decide() == .idle)
        collector.record(["/a"])
        collector.record(["/b", "/a"])
        guard case .wait(let delay) = collector.decide() else {
            Issue.record("expected to wait")
            return
        }
        #expect(delay > .seconds(59))
        let quick = ChangeCollector(debounce: .zero)
        quick.record(["/b", "/a"])
        #expect(quick.decide() == .rebuild(["/a", "/b"]))
        #expect(quick.decide() == .idle)
    }

    @Test("Content types by extension")
    func types() {
        #expect(ContentTypes.forPath("/a/b.HTML") == "text/html; charset=utf-8")
        #expect(ContentTypes.forPath("/a/feed.xml") == "application/xml")
        #expect(ContentTypes.forPath("/a/.hidden") == "application/octet-stream")
        #expect(ContentTypes.forPath("/a/blob") == "application/octet-stream")
    }
}
