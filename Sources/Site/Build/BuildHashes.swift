import Diagnostics
import Foundation

/// The fingerprints that decide what a build can take from the previous one.
struct BuildHashes {
    /// The set of pages and files, the settings, the options and the date: when it changes, every page renders again.
    let structure: UInt64
    /// All template sources.
    let templates: UInt64
    private let index: SiteIndex
    private let dataAsOf: String?

    init(index: SiteIndex, staticFiles: StaticFiles, settingsFile: URL, options: BuildOptions, templates: TemplateSet?, dataAsOf: String? = nil) {
        self.index = index
        self.dataAsOf = dataAsOf
        var hash = StableHash()
        for page in index.pages { hash.add(page.contentPath) }
        for path in index.unreadable.sorted() { hash.add("!" + path) }
        for (path, _) in staticFiles.copies { hash.add("=" + path) }
        hash.add(FileManager.default.contents(atPath: settingsFile.path) ?? Data())
        hash.add("\(options.includeDrafts) \(options.strict) \(InputStamp.day(options.today)) \(options.baseURL ?? "")")
        let tool = FileStamp.of("/proc/self/exe")
        hash.add("\(tool.size) \(tool.modified)")
        structure = hash.value
        self.templates = templates?.sourceHash ?? 0
    }

    /// What every page shows of the others: titles, summaries, kinds, weights, reading times, dates, sections.
    func summary(readingMinutes: [Int]) -> UInt64 {
        var hash = StableHash()
        for (position, page) in index.pages.enumerated() {
            let matter = page.frontMatter
            hash.add([page.contentPath, matter.title, matter.summary ?? "", matter.kind ?? "", String(matter.weight ?? -1),
                      String(readingMinutes[position]), matter.date ?? "", matter.updated ?? "",
                      matter.related.map(\.path).joined(separator: ",")].joined(separator: "\u{1F}"))
        }
        hash.add(dataAsOf ?? "")
        return hash.value
    }

    /// Cached pages that need no new render: same file, same structure, same data behind every figure.
    /// Dependencies named in `deferring` are not compared here (the builder checks them after a first pass).
    func reusableRenders(from cache: BuildCache, fingerprints: [String: UInt64], deferring: Set<String> = []) -> [String: BuildCache.PageRecord] {
        guard cache.structureHash == structure else { return [:] }
        var result: [String: BuildCache.PageRecord] = [:]
        for page in index.pages {
            guard let record = cache.pages[page.contentPath], record.page.stamp == page.stamp, page.stamp != .missing,
                  record.dependencies.allSatisfy({ fingerprints[$0.key] ?? 0 == $0.value || deferring.contains($0.key) }) else { continue }
            result[page.contentPath] = record
        }
        return result
    }

    func cache(index: SiteIndex, rendered: [RenderedPage], fingerprints: [String: UInt64], summaryHash: UInt64,
               inputsStamp: UInt64, output: URL) -> BuildCache {
        var pages: [String: BuildCache.PageRecord] = [:]
        for (position, page) in index.pages.enumerated() {
            pages[page.contentPath] = rendered[position].record(for: page, fingerprints: fingerprints, index: index)
        }
        return BuildCache(output: output.path, inputsStamp: inputsStamp, structureHash: structure, templatesHash: templates,
                          summaryHash: summaryHash, pages: pages, siteFiles: [:], pageCount: index.pages.count)
    }
}

/// One number for every input file's size and modification time, the options and the date.
enum InputStamp {
    /// The stamp, and the walked `content/` and `templates/` folders (which later stages reuse instead of
    /// walking again). `allowed`: the real folders files may resolve into (`SitePaths.allowedFolders`).
    static func compute(paths: SitePaths, options: BuildOptions, allowed: [String]) -> (stamp: UInt64, listing: SiteListing) {
        var hash = StableHash()
        let listing = SiteListing(content: FolderWalker.walk(paths.content, label: "content", allowed: allowed),
                                  templates: FolderWalker.walk(paths.templates, label: "templates", allowed: allowed))
        for (prefix, files) in [("content/", listing.content.files), ("templates/", listing.templates.files)] {
            for file in files { hash.add("\(prefix)\(file.path) \(file.stamp.size) \(file.stamp.modified)") }
        }
        hash.add("\(options.includeDrafts) \(options.strict) \(day(options.today)) \(options.output.path) \(options.baseURL ?? "")")
        // A new signals binary may render differently: its own stamp is an input too.
        let tool = FileStamp.of("/proc/self/exe")
        hash.add("\(tool.size) \(tool.modified)")
        return (hash.value, listing)
    }

    static func day(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        return String(seconds / 86_400)
    }
}

/// The two walked folders of a site.
struct SiteListing: Sendable {
    var content: FolderListing
    var templates: FolderListing
    /// Every refused entry of both folders (links out of the site, loops, unreadable entries).
    var diagnostics: [Diagnostic] { content.diagnostics + templates.diagnostics }
}
