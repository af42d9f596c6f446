import Foundation
import Markdown

/// The site-wide files written beside the pages: sitemap, Atom feed, robots.txt, search index.
enum SiteFeeds {
    static func xml(_ text: String) -> String { HTMLText.escape(text) }

    /// `sitemap.xml`: every page URL, with `lastmod` from `updated` or `date` when present.
    static func sitemap(_ index: SiteIndex, settings: SiteSettings, extraURLs: [String] = []) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var entries: [(url: String, date: String?)] = index.pages.map { ($0.url, $0.frontMatter.updated ?? $0.frontMatter.date) }
        entries += extraURLs.map { ($0, nil) }
        for entry in entries.sorted(by: { $0.url < $1.url }) {
            out += "  <url><loc>\(xml(settings.baseURL + entry.url.dropFirst()))</loc>"
            if let date = entry.date { out += "<lastmod>\(date)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    /// `atom.xml`: dated pages, newest first (at most 50). The feed's `updated` is the newest page date, never the build time.
    static func atom(_ index: SiteIndex, settings: SiteSettings) -> String {
        let dated = index.pages.filter { !$0.isSection && ($0.frontMatter.updated ?? $0.frontMatter.date) != nil }
            .sorted { a, b in
                let da = a.frontMatter.updated ?? a.frontMatter.date ?? "", db = b.frontMatter.updated ?? b.frontMatter.date ?? ""
                return da != db ? da > db : a.url < b.url
            }
            .prefix(50)
        let newest = dated.first.flatMap { $0.frontMatter.updated ?? $0.frontMatter.date } ?? "1970-01-01"
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xml(settings.language))">
          <title>\(xml(settings.title))</title>
          <subtitle>\(xml(settings.description))</subtitle>
          <link href="\(xml(settings.baseURL))atom.xml" rel="self" type="application/atom+xml"/>
          <link href="\(xml(settings.baseURL))"/>
          <id>\(xml(settings.baseURL))</id>
          <updated>\(newest)T00:00:00Z</updated>

        """
        for page in dated {
            let link = settings.baseURL + page.url.dropFirst()
            let published = page.frontMatter.date ?? newest
            let updated = page.frontMatter.updated ?? published
            out += """
              <entry>
                <title>\(xml(page.title))</title>
                <link href="\(xml(link))"/>
                <id>\(xml(link))</id>
                <published>\(published)T00:00:00Z</published>
                <updated>\(updated)T00:00:00Z</updated>
                <summary>\(xml(page.frontMatter.summary ?? ""))</summary>
              </entry>

            """
        }
        return out + "</feed>\n"
    }

    static func robots(settings: SiteSettings) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(settings.baseURL)sitemap.xml\n"
    }

    /// `search-index.json`: titles, URLs, summaries, kinds and headings of every page, sorted by URL, with the words of
    /// the body: `text` for the words before the first heading, and each heading's `text` for the words of its section.
    static func searchIndex(_ index: SiteIndex, rendered: [RenderedPage], links: LinkResolver) -> String {
        var entries: [String] = []
        for (position, page) in index.pages.enumerated().sorted(by: { $0.element.url < $1.element.url }) {
            let headings = rendered[position].headings.filter { $0.level >= 2 && $0.level <= 3 }
            let ids = Set(headings.map(\.id))
            var sections: [String: String] = [:]
            var pageWords: [String] = []
            for section in rendered[position].searchSections {
                if ids.contains(section.id) { sections[section.id] = section.words } else if !section.words.isEmpty { pageWords.append(section.words) }
            }
            let headingJSON = headings.map { "{\"title\":\(json($0.title)),\"id\":\(json($0.id)),\"text\":\(json(sections[$0.id] ?? ""))}" }.joined(separator: ",")
            let text = SearchText.words(pageWords.joined(separator: " "))
            entries.append("{\"title\":\(json(page.title)),\"url\":\(json(links.href(forURL: page.url))),\"summary\":\(json(page.frontMatter.summary ?? "")),\"kind\":\(json(page.frontMatter.kind ?? "")),\"headings\":[\(headingJSON)],\"text\":\(json(text))}")
        }
        return "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON string literal that cannot close the `<script>` element the search index is inlined into.
    static func json(_ text: String) -> String { JSONCell.literal(text, scriptSafe: true) }
}
