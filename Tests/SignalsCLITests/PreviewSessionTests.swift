@testable import SignalsCLI
import Testing

/// Which URL paths a rebuild tells open pages to reload.
@Suite("preview reload paths")
struct PreviewSessionTests {
    @Test("output files become the URL paths pages are open at, under the site's prefix")
    func urlPaths() {
        #expect(PreviewSession.urlPath("index.html") == "/")
        #expect(PreviewSession.urlPath("learn/x/index.html") == "/learn/x/")
        #expect(PreviewSession.urlPath("css/site.css") == "/css/site.css")
        #expect(PreviewSession.urlPath("learn/x/index.html", under: "/docs/") == "/docs/learn/x/")
        #expect(PreviewSession.urlPath("index.html", under: "/docs/") == "/docs/")
    }
}
