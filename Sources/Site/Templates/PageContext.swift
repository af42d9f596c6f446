import Diagnostics
import Markdown
import Mustache

/// One object of a template context. Mustache finds its values through `MustacheParent` directly,
/// which is cheaper than the conditional conformance of `[String: Any]` (a large share of template time).
final class TemplateObject: MustacheParent, @unchecked Sendable {
    let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? { values[name] }
}

/// A page's tag in templates: `{{name}}` and `{{url}}` (empty without tag pages), and `{{.}}` renders the name,
/// so templates written when tags were plain strings keep working.
final class TemplateTag: MustacheParent, MustacheCustomRenderable, @unchecked Sendable {
    let name: String
    let url: String

    init(name: String, url: String) {
        self.name = name
        self.url = url
    }

    func child(named key: String) -> Any? {
        switch key {
        case "name": name
        case "url": url
        default: nil
        }
    }

    var renderText: String { name }
    var isNull: Bool { false }
}

/// Builds the dictionaries templates see (see ARCHITECTURE.md, "Templates").
struct PageContextBuilder: Sendable {
    let settings: SiteSettings
    let index: SiteIndex
    let links: LinkResolver
    /// Reading time per page index.
    let readingMinutes: [Int]
    let dataAsOf: String?
    /// The tag pages, when content/site.yaml asks for them (`taxonomies: [tags]`); tags link there.
    var tags: TagIndex? = nil
    /// `{{#asset}}css/site.css{{/asset}}` → the fingerprinted URL (see `AssetFingerprints`).
    var assets: AssetFingerprints? = nil
    /// Whether pages have a social card (`templates/cards/social.mustache` exists): `page.card` is its absolute URL.
    var cards = false
    /// What every page's context shares, built once per build by `prepared(with:)` instead of once per page:
    /// the site object, the reading path, the navigation per current section and the cached partials.
    private(set) var shared = SharedValues()

    struct SharedValues: Sendable {
        var site: TemplateObject?
        var path: [TemplateObject] = []
        /// Key: the current top section's position, -1 for none.
        var navigation: [Int: [TemplateObject]] = [:]
        var cached: [Int: TemplateObject] = [:]
    }

    /// A copy with the shared values built, and every cached partial rendered once per navigation state
    /// (see `TemplateSet.cachedPartials`).
    func prepared(with templates: TemplateSet) -> PageContextBuilder {
        var copy = self
        let site = siteContext
        let path = index.path.map(card)
        copy.shared.site = site
        copy.shared.path = path
        let names = templates.cachedPartials
        for key in [-1] + Array(index.topSections.indices) {
            let nav = navigation(currentSection: key)
            copy.shared.navigation[key] = nav
            guard !names.isEmpty else { continue }
            let context = TemplateObject(["site": site, "nav": nav, "path": path, "asset": assetHelper])
            var rendered: [String: Any] = [:]
            for name in names {
                // Without the file's final newline, as a standalone `{{> partial}}` line would be.
                var html = templates.render(context, template: TemplateSet.cachedFolder + name) ?? ""
                if html.hasSuffix("\n") { html.removeLast() }
                rendered[name] = html
            }
            copy.shared.cached[key] = TemplateObject(rendered)
        }
        return copy
    }

    /// The values of a template context every page shares: the site, the navigation, the reading path, cached partials.
    func common(current: Page) -> [String: Any] {
        let key = currentSection(of: current)
        return ["site": shared.site ?? siteContext, "path": shared.site == nil ? index.path.map(card) : shared.path,
                "nav": shared.navigation[key] ?? navigation(currentSection: key),
                "cached": shared.cached[key] ?? TemplateObject([:]), "asset": assetHelper]
    }

    /// The `asset` lambda; without fingerprints (a test's builder), the plain rooted path.
    var assetHelper: MustacheLambda {
        (assets ?? AssetFingerprints(copies: [], rootPath: links.rootPath)).templateValue
    }

    static func kindLabel(_ kind: String) -> String {
        kind.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    func card(_ pageIndex: Int) -> TemplateObject {
        TemplateObject(cardValues(pageIndex))
    }

    func cardValues(_ pageIndex: Int) -> [String: Any] {
        let page = index.pages[pageIndex]
        let kind = page.frontMatter.kind ?? ""
        return [
            "title": page.title,
            "url": links.href(forURL: page.url),
            "summary": page.frontMatter.summary ?? "",
            "kind": kind,
            "kindLabel": Self.kindLabel(kind),
            "readingMinutes": readingMinutes[pageIndex],
        ]
    }

    var siteContext: TemplateObject {
        var site: [String: Any] = [
            "title": settings.title, "baseURL": settings.baseURL,
            "language": settings.language, "description": settings.description,
            "rootPath": links.rootPath, "hasTagPages": tags != nil,
        ]
        if let dataAsOf { site["dataAsOf"] = dataAsOf }
        return TemplateObject(site)
    }

    /// Lists grouped by kind; groups ordered by their lightest page, then name.
    func groups(_ indices: [Int]) -> [TemplateObject] {
        let sorted = index.sortedByWeight(indices)
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for pageIndex in sorted {
            let kind = index.pages[pageIndex].frontMatter.kind ?? ""
            if members[kind] == nil { order.append(kind) }
            members[kind, default: []].append(pageIndex)
        }
        return order.map { kind in
            TemplateObject(["kind": kind, "kindLabel": kind.isEmpty ? "Other" : Self.kindLabel(kind), "pages": members[kind, default: []].map(card)])
        }
    }

    func context(for pageIndex: Int, rendered: RenderedPage) -> TemplateObject {
        let page = index.pages[pageIndex]
        let matter = page.frontMatter
        var pageContext = cardValues(pageIndex)
        pageContext["tags"] = matter.tags.map { tag in
            TemplateTag(name: tag, url: tags?.url(for: tag).map(links.href(forURL:)) ?? "")
        }
        pageContext["hasTags"] = !matter.tags.isEmpty
        pageContext["permalink"] = settings.baseURL + page.url.dropFirst()
        if cards { pageContext["card"] = settings.baseURL + page.url.dropFirst() + SocialCards.fileName }
        pageContext["content"] = rendered.html
        let toc = rendered.headings.filter { $0.level == 2 || $0.level == 3 }
        pageContext["toc"] = toc.map { TemplateObject(["level": $0.level, "id": $0.id, "title": $0.title, "isSub": $0.level == 3]) }
        pageContext["hasToc"] = toc.count >= 3
        pageContext["related"] = index.related[pageIndex].map(card)
        pageContext["hasRelated"] = !index.related[pageIndex].isEmpty
        pageContext["isHome"] = page.isHome
        pageContext["isSection"] = page.isSection && !page.isHome
        pageContext["isLesson"] = !page.isSection
        if let date = matter.date { pageContext["date"] = date }
        if let updated = matter.updated { pageContext["updated"] = updated }
        if let asOf = rendered.pricesAsOf { pageContext["pricesAsOf"] = asOf }
        // A live worked example (WorkedExample, `data-calc`) needs the calculator script; other pages load none.
        pageContext["hasCalculator"] = (rendered.html ?? "").contains(" data-calc>")
        if let position = index.path.firstIndex(of: pageIndex) {
            if position > 0 { pageContext["prev"] = card(index.path[position - 1]) }
            if position + 1 < index.path.count { pageContext["next"] = card(index.path[position + 1]) }
        }
        var context = common(current: page)
        context["page"] = TemplateObject(pageContext)
        if page.isSection {
            let members = page.isHome ? index.lessons : index.children(ofSection: page)
            context["section"] = TemplateObject(["groups": groups(members), "pages": index.sortedByWeight(members).map(card)])
        }
        return TemplateObject(context)
    }

    func navigation(current: Page) -> [TemplateObject] {
        navigation(currentSection: currentSection(of: current))
    }

    /// The top sections, the one at position `current` marked as current (none for -1).
    func navigation(currentSection current: Int) -> [TemplateObject] {
        index.topSections.enumerated().map { position, sectionIndex in
            let section = index.pages[sectionIndex]
            return TemplateObject(["title": section.title, "url": links.href(forURL: section.url), "isCurrent": position == current])
        }
    }

    /// The position among the top sections of the one `page` is in, or -1.
    func currentSection(of page: Page) -> Int {
        index.topSections.firstIndex { sectionIndex in
            let section = index.pages[sectionIndex]
            return page.folder == section.folder || page.folder.hasPrefix(section.folder + "/")
        } ?? -1
    }

    /// Layout for a page: front matter `layout`, else a template named after the kind, else home/section/lesson.
    func template(for page: Page, in templates: TemplateSet) -> Result<String, Diagnostic> {
        if let layout = page.frontMatter.layout {
            if templates.names.contains(layout) { return .success(layout) }
            let hint = Suggestion.closest(to: layout, in: templates.names).map { "did you mean '\($0)'? " } ?? ""
            return .failure(.error(at: page.frontMatter.layoutLocation ?? SourceLocation(file: page.file, line: 1),
                                   "unknown layout '\(layout)': there is no templates/\(layout).mustache",
                                   hint: hint + "layouts: \(templates.names.filter { !$0.hasPrefix("partials/") }.sorted().joined(separator: ", "))"))
        }
        if !page.isSection, let kind = page.frontMatter.kind, templates.names.contains(kind) { return .success(kind) }
        let fallback = page.isHome ? "home" : (page.isSection ? "section" : "lesson")
        if templates.names.contains(fallback) { return .success(fallback) }
        if !page.isHome && page.isSection == false, templates.names.contains("page") { return .success("page") }
        return .failure(.error(at: SourceLocation(file: page.file, line: 1, column: 1),
                               "no template for this page: templates/\(fallback).mustache is missing",
                               hint: "add templates/\(fallback).mustache or set `layout:` in the front matter"))
    }
}
