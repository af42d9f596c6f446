import Diagnostics

/// The pages of the `tags` taxonomy: `/tags/` (every tag, with its page count) from `templates/taxonomy.mustache`
/// and `/tags/<tag>/` (the pages carrying it) from `templates/term.mustache`. Built when content/site.yaml says
/// `taxonomies: [tags]`, as Zola does.
enum TagPages {
    static let templates = ["taxonomy", "term"]

    /// Errors that stop tag pages from being built: a missing template, or content already using `/tags/`.
    static func problems(settings: SiteSettings, templates: TemplateSet?, index: SiteIndex) -> [Diagnostic] {
        guard settings.tagPages else { return [] }
        let at = settings.taxonomiesLocation ?? SourceLocation(file: "content/site.yaml", line: 1)
        var problems: [Diagnostic] = []
        if let templates {
            for name in Self.templates where !templates.names.contains(name) {
                problems.append(.error(at: at, "`taxonomies: [tags]` needs templates/\(name).mustache, which is missing",
                                       hint: "add the template (see README, Taxonomies), or remove `tags` from taxonomies"))
            }
        }
        if let page = index.pages.first(where: { $0.url == "/tags/" || $0.url.hasPrefix("/tags/") }) {
            problems.append(.error(at: SourceLocation(file: page.file, line: 1), "\(page.file) is at \(page.url), where the tag pages go",
                                   hint: "move the page, or remove `tags` from taxonomies in content/site.yaml"))
        }
        return problems
    }

    static func make(_ tags: TagIndex, templates: TemplateSet, contexts: PageContextBuilder, links: LinkResolver) -> [OutputFile] {
        let section = Page(contentPath: "tags/_index.md", file: "", url: "/tags/", folder: "tags", isSection: true,
                           frontMatter: FrontMatter(), body: "", stamp: .missing, bodyLineOffset: 0)
        let terms = tags.terms.map { term in
            TemplateObject(["name": term.name, "url": links.href(forURL: term.url), "count": term.pages.count])
        }
        func context(page: [String: Any], extra: [String: Any]) -> TemplateObject {
            var values = contexts.common(current: section)
            values["page"] = TemplateObject(page.merging(["isLesson": false, "isSection": true]) { current, _ in current })
            values["terms"] = terms
            values.merge(extra) { _, new in new }
            return TemplateObject(values)
        }
        var files: [OutputFile] = []
        let overview = context(page: ["title": "Tags", "url": links.href(forURL: "/tags/"),
                                      "summary": "Every tag used on the site, with the number of pages that carry it."], extra: [:])
        files.append(OutputFile(path: "tags/index.html", text: templates.render(overview, template: "taxonomy") ?? ""))
        for term in tags.terms {
            let cards = term.pages.map(contexts.card)
            let termContext = context(
                page: ["title": "Tagged “\(term.name)”", "url": links.href(forURL: term.url),
                       "summary": "\(term.pages.count == 1 ? "One page carries" : "\(term.pages.count) pages carry") this tag."],
                extra: ["term": TemplateObject(["name": term.name, "url": links.href(forURL: term.url), "count": term.pages.count, "pages": cards])])
            files.append(OutputFile(path: term.outputPath, text: templates.render(termContext, template: "term") ?? ""))
        }
        return files
    }
}
