import Diagnostics
import Markdown

/// A page's body rendered to HTML, with what the later stages need from it.
struct RenderedPage: Sendable {
    /// The body HTML; nil for a page taken from the build cache.
    var html: String?
    var headings: [Heading]
    /// Every `id` in the body HTML (headings, footnotes, generated tables): valid link anchors.
    var anchors: Set<String>
    var wordCount: Int
    /// Links to other pages' anchors, checked once every page is rendered.
    var anchorChecks: [AnchorCheck]
    var diagnostics: [Diagnostic]
    var dependencies: Set<String>
    var pricesAsOf: String?
    var figures: [String: String]
    var files: [OutputFile]
    /// For a cached page: the download files it wrote last time (relative to its folder).
    var cachedFiles: [String] = []
    var fromCache = false
    /// The body's words per section, for the search index (kept in the build cache).
    var searchSections: [SearchSection] = []
    /// For a page rendered in this build: each figure's dependency keys (for the causes in the change report).
    var figureDependencies: [String: Set<String>] = [:]
}

struct AnchorCheck: Sendable {
    var target: Int
    var fragment: String
    var location: SourceLocation
}

/// Renders one page's Markdown: directives through `directives`, links through `links`.
struct PageRenderer: Sendable {
    let options: MarkdownOptions
    let links: LinkResolver
    let directives: any DirectiveRendering
    let linkSeverity: Diagnostic.Severity

    func render(_ page: Page, body: String? = nil) -> RenderedPage {
        final class State {
            var diagnostics: [Diagnostic] = []
            var anchorChecks: [AnchorCheck] = []
            var dependencies: Set<String> = []
            var pricesAsOf: String?
            var figures: [String: String] = [:]
            var figureDependencies: [String: Set<String>] = [:]
            var files: [OutputFile] = []
            var directiveCount = 0

            func absorb(_ result: DirectiveResult) -> String {
                diagnostics += result.diagnostics
                dependencies.formUnion(result.dependencies.map(\.key))
                if let date = result.pricesAsOf, date > (pricesAsOf ?? "") { pricesAsOf = date }
                figures.merge(result.figures) { _, new in new }
                let keys = Set(result.dependencies.map(\.key))
                for figure in result.figures.keys { figureDependencies[figure, default: []].formUnion(keys) }
                files += result.files
                return result.html
            }
        }
        let state = State()
        let offset = page.bodyLineOffset
        func location(_ line: Int, _ column: Int = 0) -> SourceLocation {
            SourceLocation(file: page.file, line: line + offset, column: column)
        }
        let hooks = MarkdownHooks(
            directive: { directive in
                state.directiveCount += 1
                let at = location(directive.line, 1)
                guard self.directives.names.contains(directive.name) else {
                    let hint = Suggestion.closest(to: directive.name, in: self.directives.names).map { "did you mean '{\($0)}'? " } ?? ""
                    let known = self.directives.names.map { "{\($0)}" }.joined(separator: ", ")
                    state.diagnostics.append(.error(at: at, "unknown directive '{\(directive.name)}'",
                                                    hint: hint + (known.isEmpty ? "no directives are available" : "known directives: \(known)")))
                    return ""
                }
                let slug = "\(directive.name)-\(state.directiveCount)"
                var result = self.directives.renderBlock(name: directive.name, body: directive.body, at: at, slug: slug,
                                                         pageDate: page.frontMatter.updated ?? page.frontMatter.date)
                let linked = self.resolvingPageLinks(in: result.html, from: page, at: at)
                result.html = linked.html
                state.anchorChecks += linked.checks
                state.diagnostics += linked.diagnostics
                return state.absorb(result)
            },
            inlineFigure: { figure in
                state.absorb(self.directives.renderInline(figure.text, at: location(figure.line, figure.column)))
            },
            link: { reference in
                let at = location(reference.line, reference.column)
                switch self.links.resolve(reference.destination, from: page) {
                case .external:
                    return reference.destination
                case .file(let href):
                    return href
                case .page(let target, let href, let fragment):
                    if let fragment, !fragment.isEmpty {
                        state.anchorChecks.append(AnchorCheck(target: target, fragment: fragment, location: at))
                    }
                    return href
                case .broken(let message, let hint):
                    state.diagnostics.append(Diagnostic(self.linkSeverity, at: at, message, hint: hint))
                    return reference.destination
                }
            }
        )
        let result = MarkdownRenderer.render(body ?? page.body ?? "", options: options, hooks: hooks)
        return RenderedPage(
            html: result.html, headings: result.headings, anchors: Self.ids(in: result.html),
            wordCount: result.wordCount, anchorChecks: state.anchorChecks, diagnostics: state.diagnostics,
            dependencies: state.dependencies, pricesAsOf: state.pricesAsOf, figures: state.figures, files: state.files,
            searchSections: SearchText.sections(html: result.html),
            figureDependencies: state.figureDependencies)
    }

    /// Every value of an `id="…"` attribute in `html`.
    static func ids(in html: String) -> Set<String> {
        var ids: Set<String> = []
        let pattern: [UInt8] = Array(" id=\"".utf8)
        var html = html
        html.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index + pattern.count <= count {
                // Look for the pattern's first byte, then compare the rest.
                if bytes[index] == 0x20 && bytes[index + 1] == 0x69 && bytes[index + 2] == 0x64 && bytes[index + 3] == 0x3D && bytes[index + 4] == 0x22 {
                    let start = index + pattern.count
                    var end = start
                    while end < count && bytes[end] != 0x22 { end += 1 }
                    ids.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return ids
    }
}
