import Foundation

/// A temporary project: `public/` (a small built site), `content/`, `templates/`, and a secret
/// file next to them that the server must never hand out.
struct SiteFixture: Sendable {
    let root: URL
    var site: URL { root.appending(path: "public") }
    var content: URL { root.appending(path: "content") }
    var templates: URL { root.appending(path: "templates") }

    static let indexHTML = "<!doctype html><html><head><title>Home</title></head><body><h1>Home</h1></body></html>\n"
    static let lessonHTML = "<!doctype html><html><body><h1>Lesson X</h1></BODY></html>\n"
    static let notFoundHTML = "<!doctype html><html><body><h1>Page not found</h1></body></html>\n"
    static let secret = "TOP SECRET, outside the site\n"

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "preview-tests-\(UUID().uuidString)")
        let files: [String: String] = [
            "public/index.html": Self.indexHTML,
            "public/404.html": Self.notFoundHTML,
            "public/learn/x/index.html": Self.lessonHTML,
            "public/learn/empty/.keep": "",
            "public/style.css": "body { color: black; }\n",
            "public/app.js": "console.log('hi');\n",
            "public/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
            "public/search-index.json": "[]\n",
            "public/sitemap.xml": "<urlset/>\n",
            "public/data/prices.csv": "gpu,price\nh100,2.5\n",
            "public/robots.txt": "User-agent: *\n",
            "public/favicon.ico": "ico",
            "public/image.png": "png",
            "content/learn/x.md": "---\ntitle: X\n---\nHello\n",
            "content/data/prices.csv": "gpu,price\n",
            "templates/base.mustache": "{{$main}}{{/main}}\n",
            "secret.txt": Self.secret,
            "outside/other.txt": Self.secret,
        ]
        for (path, text) in files {
            try write(text, to: path)
        }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: site.appending(path: "leak.txt").path, withDestinationPath: "../secret.txt")
        try manager.createSymbolicLink(atPath: site.appending(path: "leakdir").path, withDestinationPath: "../outside")
        try manager.createSymbolicLink(atPath: site.appending(path: "inside.css").path, withDestinationPath: "style.css")
    }

    func write(_ text: String, to relativePath: String) throws {
        let url = root.appending(path: relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appending(path: relativePath), encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
