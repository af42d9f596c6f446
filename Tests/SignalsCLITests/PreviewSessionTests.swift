import Foundation
import Preview
import Site
import SitePreview
import SiteTestSupport
import Testing

/// Which URL paths a rebuild tells open pages to reload, and what a cancelled or unheard rebuild does.
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

    @Test("a build cancelled by a newer save leaves the served site as it was, and the next build reloads the page")
    func cancelledBuild() async throws {
        try await SiteFixtureFiles.onOwnThread {
            let (root, served, session) = try Self.servedSite()
            defer { try? FileManager.default.removeItem(at: root) }
            let before = SiteFixtureFiles.files(in: served)
            try Self.editHome(root)
            let stale = BuildCancellation()
            stale.cancel()
            #expect(session.rebuild(cancellation: stale) == .superseded)
            #expect(SiteFixtureFiles.files(in: served) == before)
            guard case .success(let paths) = session.rebuild() else { Issue.record("the next build failed"); return }
            #expect(paths.contains("/"))
        }
    }

    @Test("the pages a build changed reload with the next outcome when nobody received its own")
    func unheardOutcome() async throws {
        try await SiteFixtureFiles.onOwnThread {
            let (root, _, session) = try Self.servedSite()
            defer { try? FileManager.default.removeItem(at: root) }
            try Self.editHome(root)
            guard case .success(let unheard) = session.rebuild(deliver: { _ in false }) else { Issue.record("the build failed"); return }
            #expect(unheard.contains("/"))
            // A body-only edit of another page: on its own it reloads only that page.
            let history = root.appendingPathComponent("content/learn/history.md")
            try (try Data(contentsOf: history) + Data("\nOne more paragraph.\n".utf8)).write(to: history)
            guard case .success(let paths) = session.rebuild() else { Issue.record("the next build failed"); return }
            #expect(paths.isSuperset(of: ["/", "/learn/history/"]))
            guard case .success(let after) = session.rebuild() else { Issue.record("the third build failed"); return }
            #expect(!after.contains("/"))
        }
    }

    /// The property-test site, served once (the first outcome, which reloads everything, is taken).
    static func servedSite() throws -> (URL, URL, PreviewSession) {
        let root = try PropertySite.create()
        let served = root.appendingPathComponent(".signals-cache/serve/site")
        try FileManager.default.createDirectory(at: served.deletingLastPathComponent(), withIntermediateDirectories: true)
        let session = PreviewSession(options: BuildOptions(root: root, output: served, useCache: true), today: { PropertySite.today })
        guard case .success(let paths) = session.rebuild(), paths == [RebuildOutcome.everyPath] else {
            throw CancellationError()
        }
        return (root, served, session)
    }

    static func editHome(_ root: URL) throws {
        try Data("---\ntitle: Home, renamed\n---\nNothing computed here.\n".utf8).write(to: root.appendingPathComponent("content/_index.md"))
    }
}
