import Diagnostics

/// Short page facts used for lists, cards and links.
struct PageSummary: Sendable {
    var title: String
    var url: String
    var summary: String
    var kind: String
    var readingMinutes: Int
}

/// All pages of one build, routed and cross-referenced: lookups by content path and URL, sections,
/// the suggested reading path and related pages.
struct SiteIndex: Sendable {
    let pages: [Page]
    let byContentPath: [String: Int]
    let byURL: [String: Int]
    /// Suggested reading order (indices into `pages`).
    let path: [Int]
    /// Related pages per page index.
    let related: [[Int]]
    let diagnostics: [Diagnostic]
    /// Pages that exist but failed to load: references to them are not errors of their own.
    let unreadable: Set<String>
    /// Top-level section pages (the site navigation), by weight then title.
    let topSections: [Int]
    /// Pages listed by each section page (by content path), computed once.
    private let sectionChildren: [String: [Int]]

    init(pages unsorted: [Page], unreadable: Set<String> = [], settings: SiteSettings, linkSeverity: Diagnostic.Severity) {
        self.unreadable = unreadable
        let pages = unsorted.sorted { $0.contentPath < $1.contentPath }
        self.pages = pages
        var diagnostics: [Diagnostic] = []
        var byContentPath: [String: Int] = [:]
        var byURL: [String: Int] = [:]
        for (index, page) in pages.enumerated() {
            byContentPath[page.contentPath] = index
            if let other = byURL[page.url] {
                diagnostics.append(.error(
                    at: SourceLocation(file: page.file, line: 1, column: 1),
                    "\(page.file) and \(pages[other].file) both map to the URL \(page.url)",
                    hint: "rename one of them; a page `x.md` and a folder `x/` with an `_index.md` or `index.md` (a page bundle) share a URL"))
            } else {
                byURL[page.url] = index
            }
        }
        self.byContentPath = byContentPath
        self.byURL = byURL

        func lookup(_ raw: String, relativeTo folder: String) -> Int? {
            let trimmed = raw.hasPrefix("/") ? String(raw.dropFirst()) : raw
            if let index = byContentPath[trimmed] ?? byContentPath[trimmed + ".md"] { return index }
            if let normalized = Routing.normalize(folder.isEmpty ? raw : "\(folder)/\(raw)"),
               let index = byContentPath[normalized] ?? byContentPath[normalized + ".md"] {
                return index
            }
            return nil
        }
        let allPaths = pages.map(\.contentPath)
        func isUnreadable(_ raw: String, relativeTo folder: String) -> Bool {
            let trimmed = raw.hasPrefix("/") ? String(raw.dropFirst()) : raw
            let relative = Routing.normalize(folder.isEmpty ? raw : "\(folder)/\(raw)") ?? ""
            return [trimmed, trimmed + ".md", relative, relative + ".md"].contains(where: unreadable.contains)
        }

        var path: [Int] = []
        for entry in settings.path {
            if let index = lookup(entry.path, relativeTo: "") {
                path.append(index)
            } else if !isUnreadable(entry.path, relativeTo: "") {
                diagnostics.append(Diagnostic(linkSeverity, at: entry.location, "the reading path names '\(entry.path)', which is not a page",
                                              hint: Self.hint(for: entry.path, among: allPaths)))
            }
        }
        self.path = path

        var related: [[Int]] = []
        for page in pages {
            var list: [Int] = []
            for entry in page.frontMatter.related {
                if let index = lookup(entry.path, relativeTo: page.folder) {
                    list.append(index)
                } else if !isUnreadable(entry.path, relativeTo: page.folder) {
                    diagnostics.append(Diagnostic(linkSeverity, at: entry.location, "related page '\(entry.path)' does not exist",
                                                  hint: Self.hint(for: entry.path, among: allPaths)))
                }
            }
            related.append(list)
        }
        self.related = related
        self.diagnostics = diagnostics
        var children: [String: [Int]] = [:]
        var sectionByFolder: [String: String] = [:]
        for page in pages where page.isSection { sectionByFolder[page.folder] = page.contentPath }
        for (position, page) in pages.enumerated() {
            // A page belongs to its folder's section; a section page and a page bundle (`x/index.md`) to their
            // parent folder's section.
            let isBundle = page.contentPath == "index.md" || page.contentPath.hasSuffix("/index.md")
            let parentFolder = page.isSection || isBundle ? page.folder.split(separator: "/").dropLast().joined(separator: "/") : page.folder
            if page.isSection && page.folder.isEmpty { continue }
            if let owner = sectionByFolder[parentFolder] { children[owner, default: []].append(position) }
        }
        sectionChildren = children
        let top = pages.indices.filter { pages[$0].isSection && !pages[$0].isHome && !pages[$0].folder.contains("/") }
        topSections = Self.sorted(top, in: pages)
    }

    static func hint(for path: String, among paths: [String]) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let byName = Dictionary(paths.map { ($0.split(separator: "/").last.map(String.init) ?? $0, $0) }, uniquingKeysWith: { a, _ in a })
        if let close = Suggestion.closest(to: name, in: byName.keys), let full = byName[close] {
            return "did you mean '\(full)'? (paths are relative to content/)"
        }
        return "write the path of a page inside content/, e.g. 'learn/what-is-a-gpu-hour.md'"
    }

    /// Pages listed by a section page: the non-section pages in its folder, and the section pages of its direct subfolders.
    func children(ofSection section: Page) -> [Int] {
        sectionChildren[section.contentPath] ?? []
    }

    /// Non-section pages, for the home page's lesson list and the search index.
    var lessons: [Int] { pages.indices.filter { !pages[$0].isSection } }

    /// Sorted by weight (pages without one last), then title.
    func sortedByWeight(_ indices: [Int]) -> [Int] {
        Self.sorted(indices, in: pages)
    }

    static func sorted(_ indices: [Int], in pages: [Page]) -> [Int] {
        indices.sorted { a, b in
            let wa = pages[a].frontMatter.weight ?? Int.max, wb = pages[b].frontMatter.weight ?? Int.max
            if wa != wb { return wa < wb }
            if pages[a].title != pages[b].title { return pages[a].title < pages[b].title }
            return pages[a].contentPath < pages[b].contentPath
        }
    }
}
