import Diagnostics

/// One tag (a term of the `tags` taxonomy) and the pages that carry it.
struct TagTerm: Sendable {
    /// The tag as first written in front matter (`supply chain`).
    let name: String
    /// URL segment: lowercase, runs of other characters as one `-` (`supply-chain`).
    let slug: String
    /// Page indices, in the order pages are listed (weight, then title).
    let pages: [Int]

    var url: String { "/tags/\(slug)/" }
    var outputPath: String { "tags/\(slug)/index.html" }
}

/// The `tags` taxonomy of a site: every tag used in front matter, sorted by name, each with its pages
/// (Hugo's and Zola's taxonomy pages). Tags that differ only in case or punctuation share one page.
struct TagIndex: Sendable {
    let terms: [TagTerm]
    private let slugs: [String: String]

    init(index: SiteIndex) {
        var names: [String: String] = [:]
        var members: [String: [Int]] = [:]
        for (position, page) in index.pages.enumerated() {
            for tag in page.frontMatter.tags {
                let slug = Self.slug(tag)
                guard !slug.isEmpty else { continue }
                if names[slug] == nil { names[slug] = tag }
                if members[slug]?.last != position { members[slug, default: []].append(position) }
            }
        }
        terms = names.keys.sorted().map { slug in
            TagTerm(name: names[slug] ?? slug, slug: slug, pages: index.sortedByWeight(members[slug] ?? []))
        }
        slugs = names
    }

    /// `Supply Chain!` → `supply-chain`.
    static func slug(_ tag: String) -> String {
        var out = ""
        var pendingDash = false
        for character in tag.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !out.isEmpty { out.append("-") }
                out.append(character)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// The URL of the page for `tag`, if the tag has one.
    func url(for tag: String) -> String? {
        let slug = Self.slug(tag)
        return slugs[slug] == nil ? nil : "/tags/\(slug)/"
    }
}
