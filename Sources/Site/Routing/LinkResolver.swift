import Diagnostics

/// What a link in a page points at.
enum LinkTarget: Equatable {
    /// Outside the site (has a scheme, or `//host`): left alone, not checked.
    case external
    /// A page of the site, with the URL to write and the anchor to check (if any).
    case page(index: Int, href: String, fragment: String?)
    /// A file that is copied into the site (CSS, an image).
    case file(href: String)
    case broken(message: String, hint: String?)
}

/// Resolves link destinations written in Markdown: `other.md#anchor` relative to the file, or URL-style
/// `../other/` relative to the page's URL.
struct LinkResolver: Sendable {
    let index: SiteIndex
    /// URL paths of non-page files in the output (`/css/site.css`).
    let files: Set<String>
    /// Path prefix of the base URL (`/` or `/docs/`), put in front of every site URL written.
    let rootPath: String

    func href(forURL url: String) -> String {
        rootPath + url.dropFirst()
    }

    func resolve(_ destination: String, from page: Page) -> LinkTarget {
        if destination.isEmpty { return .external }
        if destination.hasPrefix("//") || Self.hasScheme(destination) { return .external }
        var pathPart = Substring(destination)
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = pathPart[..<hash]
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        let rawPath = pathPart.contains("%") ? (String(pathPart).removingPercentEncoding ?? String(pathPart)) : String(pathPart)
        guard let selfIndex = index.byContentPath[page.contentPath] else { return .external }

        if rawPath.isEmpty {
            return .page(index: selfIndex, href: "#" + (fragment ?? ""), fragment: fragment)
        }
        if rawPath.hasSuffix(".md") {
            let joined = rawPath.hasPrefix("/") ? String(rawPath.dropFirst()) : (page.folder.isEmpty ? rawPath : "\(page.folder)/\(rawPath)")
            guard let normalized = Routing.normalize(joined) else {
                return .broken(message: "link '\(destination)' points outside the content folder", hint: "link to a page inside content/")
            }
            if index.unreadable.contains(normalized) { return .external }
            guard let target = index.byContentPath[normalized] else {
                return .broken(message: "link to a missing page '\(rawPath)' (no content/\(normalized))",
                               hint: SiteIndex.hint(for: normalized, among: index.pages.map(\.contentPath)))
            }
            return .page(index: target, href: href(forURL: index.pages[target].url) + (fragment.map { "#\($0)" } ?? ""), fragment: fragment)
        }
        let base = rawPath.hasPrefix("/") ? "" : String(page.url.dropFirst())
        guard let normalized = Routing.normalize(base + rawPath) else {
            return .broken(message: "link '\(destination)' points outside the site", hint: nil)
        }
        let asFile = "/" + normalized
        let asPage = normalized.isEmpty ? "/" : "/" + normalized + "/"
        // Relative URL-style links are already right relative to the page; absolute ones get the base path.
        let suffix = fragment.map { "#\($0)" } ?? ""
        if let target = index.byURL[asPage] {
            let href = rawPath.hasPrefix("/") ? href(forURL: asPage) + suffix : destination
            return .page(index: target, href: href, fragment: fragment)
        }
        if files.contains(asFile) || files.contains(asPage + "index.html") {
            return .file(href: rawPath.hasPrefix("/") ? href(forURL: asFile) + suffix : destination)
        }
        let pageURLs = index.pages.map(\.url)
        let hint = Suggestion.closest(to: asPage, in: pageURLs).map { "did you mean '\($0)'?" }
        return .broken(message: "link to a missing page or file '\(destination)' (nothing is built at \(asPage))", hint: hint)
    }

    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}
