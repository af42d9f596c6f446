import Foundation

/// What a build changed compared with the previous one: the pages rendered again and every computed
/// figure whose value moved (`learn/h100-vs-h200-vs-b200: H100 SXM median price 3.99 → 3.49`).
public struct ChangeReport: Sendable, Codable {
    public struct FigureChange: Sendable, Codable, Hashable {
        public var page: String
        public var figure: String
        public var old: String?
        public var new: String?

        /// `page: figure old → new`.
        public var line: String { "\(page): \(figure) \(old ?? "(none)") → \(new ?? "(none)")" }
    }

    /// Content paths of pages whose Markdown and figures were rendered again.
    public var rendered: [String]
    public var figureChanges: [FigureChange]
    /// Nothing was rebuilt: every input was as the previous build left it.
    public var unchanged: Bool

    static func make(index: SiteIndex, rendered: [RenderedPage], cache: BuildCache?, isFullBuild: Bool) -> ChangeReport {
        var pages: [String] = []
        var changes: [FigureChange] = []
        for (position, page) in index.pages.enumerated() where !rendered[position].fromCache {
            pages.append(page.contentPath)
            guard !isFullBuild, let old = cache?.pages[page.contentPath]?.figures else { continue }
            let new = rendered[position].figures
            let name = String(page.contentPath.dropLast(3))
            for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
                changes.append(FigureChange(page: name, figure: key, old: old[key], new: new[key]))
            }
        }
        return ChangeReport(rendered: pages, figureChanges: changes, unchanged: false)
    }

    /// JSON for `signals build --report FILE`.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}
