import Foundation

/// The files every site gets besides its pages: 404.html, sitemap.xml, atom.xml, robots.txt, search-index.json,
/// the data page (`data/index.html` and JSON copies of the data files) when the site has data and a
/// `templates/data.mustache`, and the tag pages when the site asks for them.
enum SiteFiles {
    static func make(index: SiteIndex, rendered: [RenderedPage], settings: SiteSettings, links: LinkResolver,
                     templates: TemplateSet, contexts: PageContextBuilder, data: SiteData) -> [OutputFile] {
        let dataPage = DataPage.make(data: data, index: index, templates: templates, contexts: contexts, links: links)
        let tagURLs = contexts.tags.map { ["/tags/"] + $0.terms.map(\.url) } ?? []
        var files = dataPage + [
            OutputFile(path: "sitemap.xml", text: SiteFeeds.sitemap(index, settings: settings, extraURLs: tagURLs + (dataPage.isEmpty ? [] : [DataPage.url]))),
            OutputFile(path: "atom.xml", text: SiteFeeds.atom(index, settings: settings)),
            OutputFile(path: "robots.txt", text: SiteFeeds.robots(settings: settings)),
            OutputFile(path: "search-index.json", text: SiteFeeds.searchIndex(index, rendered: rendered, links: links)),
        ]
        let notFound: String
        if templates.names.contains("404") {
            var values = contexts.common(current: Page(contentPath: "404.md", file: "", url: "/404/", folder: "404", isSection: false,
                                                       frontMatter: FrontMatter(), body: "", stamp: .missing, bodyLineOffset: 0))
            values["page"] = TemplateObject(["title": "Page not found", "url": links.rootPath + "404.html", "isLesson": false])
            let context = TemplateObject(values)
            notFound = templates.render(context, template: "404") ?? ""
        } else {
            notFound = "<!doctype html><html lang=\"\(SiteFeeds.xml(settings.language))\"><head><meta charset=\"utf-8\"><title>Page not found</title></head><body><h1>Page not found</h1><p><a href=\"\(links.rootPath)\">Home</a></p></body></html>\n"
        }
        files.append(OutputFile(path: "404.html", text: notFound))
        if let tags = contexts.tags { files += TagPages.make(tags, templates: templates, contexts: contexts, links: links) }
        return files
    }
}
