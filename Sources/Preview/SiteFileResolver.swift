import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps a request path to a file inside the site folder, refusing anything that would leave it.
///
/// Rules: each `/`-separated segment is percent-decoded on its own; a decoded segment that is `.`,
/// `..`, empty-after-decoding or contains `/`, `\` or NUL is refused (so `%2e%2e` and `%2f` cannot
/// climb out). The file's real path (symlinks resolved) must still lie inside the real path of the
/// site folder. `/dir/` serves `/dir/index.html`; `/dir` redirects to `/dir/`; folders without an
/// `index.html` are not listed.
struct SiteFileResolver: Sendable {
    enum Resolution: Equatable, Sendable {
        /// A regular file inside the site.
        case file(String)
        /// The path names a folder: redirect to this location (with a trailing slash).
        case redirect(String)
        case notFound
    }

    let siteDirectory: URL
    /// The URL path the site lives under (its baseURL's path: `/`, or `/docs/` for a site published in a sub-folder).
    var sitePrefix = "/"

    /// Resolves the raw (still percent-encoded) request path, without the query. Under a `sitePrefix` other than
    /// `/`, `/` redirects to the prefix and paths outside it are not found.
    func resolve(rawPath: String) -> Resolution {
        guard sitePrefix != "/" else { return resolveInSite(rawPath: rawPath) }
        if rawPath == "/" || rawPath + "/" == sitePrefix { return .redirect(sitePrefix) }
        guard rawPath.hasPrefix(sitePrefix) else { return .notFound }
        switch resolveInSite(rawPath: "/" + rawPath.dropFirst(sitePrefix.count)) {
        case .redirect(let location): return .redirect(sitePrefix + location.dropFirst())
        case let other: return other
        }
    }

    /// Resolves a path relative to the site folder's root.
    private func resolveInSite(rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), let root = Self.realPath(siteDirectory.path) else { return .notFound }
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding, Self.isSafeSegment(decoded) else {
                return .notFound
            }
            segments.append(decoded)
        }
        let candidate = ([root] + segments).joined(separator: "/")
        guard let real = Self.realPath(candidate), Self.isInside(real, root: root) else { return .notFound }
        switch Self.kind(of: real) {
        case .regular:
            return .file(real)
        case .directory:
            guard rawPath.hasSuffix("/") else { return .redirect(rawPath + "/") }
            guard let index = Self.realPath(real + "/index.html"), Self.isInside(index, root: root),
                  Self.kind(of: index) == .regular
            else { return .notFound }
            return .file(index)
        case .other:
            return .notFound
        }
    }

    /// `path` + `suffix` (a precompressed sibling of a resolved file), when it is a regular file inside the site folder.
    func sibling(of path: String, suffix: String) -> String? {
        guard let root = Self.realPath(siteDirectory.path), let real = Self.realPath(path + suffix),
              Self.isInside(real, root: root), Self.kind(of: real) == .regular else { return nil }
        return real
    }

    /// The site's own `404.html`, when it has one inside the site folder.
    func notFoundPage() -> String? {
        guard case .file(let path) = resolveInSite(rawPath: "/404.html") else { return nil }
        return path
    }

    static func isSafeSegment(_ segment: String) -> Bool {
        if segment.isEmpty || segment == "." || segment == ".." { return false }
        return !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
    }

    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    enum Kind { case regular, directory, other }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
