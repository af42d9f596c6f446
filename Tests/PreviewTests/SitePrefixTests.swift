import Foundation
import Testing
@testable import Preview

/// A site built for a sub-folder (baseURL `https://example.org/docs/`) is previewed under `/docs/`.
@Suite("Serving under a site prefix")
struct SitePrefixTests {
    @Test("Paths under the prefix map to the site folder; / redirects there; other paths and escapes are not found")
    func prefixMapsToTheSiteFolder() throws {
        let fixture = try SiteFixture()
        defer { fixture.remove() }
        let resolver = SiteFileResolver(siteDirectory: fixture.site, sitePrefix: "/docs/")
        let real = try #require(SiteFileResolver.realPath(fixture.site.path))
        #expect(resolver.resolve(rawPath: "/docs/") == .file(real + "/index.html"))
        #expect(resolver.resolve(rawPath: "/docs/learn/x/") == .file(real + "/learn/x/index.html"))
        #expect(resolver.resolve(rawPath: "/docs/learn/x") == .redirect("/docs/learn/x/"))
        #expect(resolver.resolve(rawPath: "/") == .redirect("/docs/"))
        #expect(resolver.resolve(rawPath: "/docs") == .redirect("/docs/"))
        #expect(resolver.resolve(rawPath: "/learn/x/") == .notFound)
        #expect(resolver.resolve(rawPath: "/docs/../secret.txt") == .notFound)
        #expect(resolver.resolve(rawPath: "/docs/%2e%2e/secret.txt") == .notFound)
        #expect(resolver.notFoundPage() == real + "/404.html")
        #expect(PreviewServer.url(host: "127.0.0.1", port: 8080, prefix: "/docs/")?.absoluteString == "http://127.0.0.1:8080/docs/")
    }
}
