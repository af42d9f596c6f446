import Diagnostics

/// One Markdown file of the site, located and routed, before rendering.
public struct Page: Sendable {
    /// Path inside `content/`, e.g. `learn/what-is-a-gpu-hour.md`.
    public var contentPath: String
    /// Path as shown in messages, e.g. `content/learn/what-is-a-gpu-hour.md`.
    public var file: String
    /// Site URL path, e.g. `/learn/what-is-a-gpu-hour/`.
    public var url: String
    /// The folder (inside `content/`) whose list this page belongs to; `""` for the top level.
    public var folder: String
    /// `_index.md` of a folder: a section list page (the top-level one is the home page).
    public var isSection: Bool
    public var isHome: Bool { isSection && folder.isEmpty }
    public var frontMatter: FrontMatter
    public var body: String
    /// File lines before the body.
    public var bodyLineOffset: Int

    /// `public/`-relative output file, e.g. `learn/what-is-a-gpu-hour/index.html`.
    public var outputPath: String {
        url == "/" ? "index.html" : String(url.dropFirst()) + "index.html"
    }

    public var title: String { frontMatter.title }
}

/// Maps content paths to URLs.
public enum Routing {
    /// `learn/x.md` → `/learn/x/`; `learn/_index.md` → `/learn/`; `_index.md` → `/`.
    public static func url(forContentPath path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { return "/" }
        if last != "_index.md" {
            parts.append(String(last.dropLast(3)))
        }
        return parts.isEmpty ? "/" : "/" + parts.joined(separator: "/") + "/"
    }

    /// Resolves `.`/`..` segments of a `/`-separated path; nil when it climbs above the root.
    public static func normalize(_ path: String) -> String? {
        var result: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                if result.popLast() == nil { return nil }
                continue
            }
            result.append(segment)
        }
        return result.joined(separator: "/")
    }
}
