import Diagnostics
import Foundation

/// The folders and files of a site root.
struct SitePaths: Sendable {
    let root: URL
    var content: URL { root.appendingPathComponent("content") }
    var templates: URL { root.appendingPathComponent("templates") }
    var staticFolder: URL { templates.appendingPathComponent("static") }
    var data: URL { content.appendingPathComponent("data") }
    var settings: URL { content.appendingPathComponent("site.yaml") }
    let settingsLabel = "content/site.yaml"

    /// The real paths that site files may resolve into: `content/`, `templates/` and the settings'
    /// `allowSymlinksInto` folders (relative ones from the site root; missing ones are skipped).
    func allowedFolders(_ settings: SiteSettings) -> [String] {
        let named = settings.allowSymlinksInto.map { $0.hasPrefix("/") ? $0 : root.appendingPathComponent($0).path }
        return ([content.path, templates.path] + named).compactMap(FolderWalker.realPath)
    }

    /// Fails with one clear error per missing folder.
    func requireFolders() throws(BuildFailure) {
        var missing: [Diagnostic] = []
        for (name, url) in [("content", content), ("templates", templates)] {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
                missing.append(.error(at: SourceLocation(file: "\(name)/"),
                                      "no \(name)/ folder in \(root.path)",
                                      hint: "run signals from the site's root folder, or pass --source ROOT (a folder holding content/ and templates/)"))
            }
        }
        if !missing.isEmpty { throw BuildFailure(diagnostics: missing) }
    }
}

extension SiteSettings {
    /// The path part of `baseURL` (`/` for `https://example.com/`, `/docs/` for `https://example.com/docs/`).
    var rootPath: String {
        guard let url = URL(string: baseURL) else { return "/" }
        let path = url.path
        if path.isEmpty || path == "/" { return "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }
}

/// Files copied as they are: `templates/static/**` to the output root, and non-Markdown files of `content/`.
struct StaticFiles: Sendable {
    /// (output path, source file), sorted by output path.
    let copies: [(String, URL)]
    /// URL paths of the copied files, for link checking.
    let urlPaths: Set<String>

    /// `templateFiles`: the walked `templates/` folder (its `static/` files are copied); `contentAssets`: the
    /// non-Markdown files of `content/`. Sources are real paths, so a link is copied as the file it names.
    init(templateFiles: [WalkedFile], contentAssets: [WalkedFile], extra: [(String, URL)] = []) {
        var copies: [(String, URL)] = extra
        for file in templateFiles where file.path.hasPrefix("static/") {
            copies.append((String(file.path.dropFirst("static/".count)), URL(fileURLWithPath: file.source)))
        }
        for asset in contentAssets {
            copies.append((asset.path, URL(fileURLWithPath: asset.source)))
        }
        copies.sort { $0.0 < $1.0 }
        self.copies = copies
        urlPaths = Set(copies.map { "/" + $0.0 } + ["/sitemap.xml", "/atom.xml", "/robots.txt", "/404.html", "/search-index.json"])
    }
}

extension Page {
    /// The page's folder in the output, with a trailing slash (`learn/x/`), or `""` for the home page.
    var folderPath: String { url == "/" ? "" : String(url.dropFirst()) }
}
