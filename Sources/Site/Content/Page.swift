import Foundation
import Diagnostics

/// One Markdown file of the site, located and routed, before rendering.
public struct Page: Sendable, Codable {
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
    /// The Markdown after the front matter; nil for a page taken from the build cache (read again when needed).
    public var body: String?
    /// Size and modification time of the file when it was read, to tell whether it changed since.
    public var stamp: FileStamp
    /// File lines before the body.
    public var bodyLineOffset: Int

    /// `public/`-relative output file, e.g. `learn/what-is-a-gpu-hour/index.html`.
    public var outputPath: String {
        url == "/" ? "index.html" : String(url.dropFirst()) + "index.html"
    }

    public var title: String { frontMatter.title }
}

/// Size and modification time of a file: a cheap "has it changed?" check (as make, Hugo and Zola do).
public struct FileStamp: Sendable, Codable, Hashable {
    public var size: Int64
    public var modified: Int64

    public static let missing = FileStamp(size: -1, modified: 0)

    /// The stamp of the file at `path`, or `missing`.
    public static func of(_ path: String) -> FileStamp {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return FileStamp(size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}

/// Maps content paths to URLs.
public enum Routing {
    /// `learn/x.md` → `/learn/x/`; `learn/_index.md` → `/learn/`; `_index.md` → `/`; a page bundle's
    /// `learn/x/index.md` → `/learn/x/` (as in Hugo and Zola).
    public static func url(forContentPath path: String) -> String {
        var parts = path.split(separator: "/").map(String.init)
        guard let last = parts.popLast() else { return "/" }
        if last != "_index.md" && last != "index.md" {
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
