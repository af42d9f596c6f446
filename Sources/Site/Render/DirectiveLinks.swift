import Diagnostics
import Foundation
import Markdown

extension PageRenderer {
    /// Resolves the page links a directive wrote into its HTML as Markdown links are written (`other.md`,
    /// `../learn/x.md#anchor`, relative to the page's file): each `href` ending in `.md` (before any `#`) becomes the
    /// page's URL, its anchor is checked with the page's own links, and a missing page is the same error as in prose,
    /// at the directive's line. Other `href`s (downloads, `/data/`, in-page `#` links, external sites) are left as written.
    func resolvingPageLinks(in html: String, from page: Page, at location: SourceLocation) -> (html: String, checks: [AnchorCheck], diagnostics: [Diagnostic]) {
        guard html.contains(".md") else { return (html, [], []) }
        var checks: [AnchorCheck] = []
        var diagnostics: [Diagnostic] = []
        var out = ""
        var rest = Substring(html)
        let marker = " href=\""
        while let start = rest.range(of: marker) {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let written = String(rest[..<end])
            rest = rest[end...]
            let destination = written.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            let path = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard path.hasSuffix(".md") else {
                out += written
                continue
            }
            switch links.resolve(destination, from: page) {
            case .external:
                out += written
            case .file(let href):
                out += HTMLText.escapeAttribute(href)
            case .page(let target, let href, let fragment):
                if let fragment, !fragment.isEmpty { checks.append(AnchorCheck(target: target, fragment: fragment, location: location)) }
                out += HTMLText.escapeAttribute(href)
            case .broken(let message, let hint):
                diagnostics.append(Diagnostic(linkSeverity, at: location, message, hint: hint))
                out += written
            }
        }
        out += rest
        return (out, checks, diagnostics)
    }
}
