import Foundation

/// What a build changed compared with the previous one: the pages rendered again and every computed figure
/// that moved, appeared or went away, with the data rows that moved it. `signals build` prints `lines` and
/// `--report FILE` writes the same report as JSON, so the console and the file always say the same.
public struct ChangeReport: Sendable, Codable, Equatable {
    public struct FigureChange: Sendable, Codable, Hashable {
        /// A figure whose value changed, one a page shows for the first time, or one no page shows any more.
        public enum Kind: String, Sendable, Codable, Hashable {
            case moved, new, gone
        }

        public var page: String
        public var figure: String
        public var old: String?
        public var new: String?
        public var kind: Kind
        /// The data that moved it, e.g. `Lambda, 2026-12-01, $2.49/GPU-hour` (a row added or changed),
        /// `removed: …` (a row deleted), `assumption mfu` (a record changed).
        public var causes: [String]

        public init(page: String, figure: String, old: String?, new: String?, causes: [String] = []) {
            self.page = page
            self.figure = figure
            self.old = old
            self.new = new
            self.kind = old == nil ? .new : (new == nil ? .gone : .moved)
            self.causes = causes
        }

        /// `moved: page: figure old → new (because: …)`, `new: page: figure = value`, `gone: page: figure (was value)`.
        public var line: String {
            let because = causes.isEmpty ? "" : " (because: \(causes.joined(separator: "; ")))"
            switch kind {
            case .moved: return "moved: \(page): \(figure) \(old ?? "") → \(new ?? "")\(because)"
            case .new: return "new: \(page): \(figure) = \(new ?? "")\(because)"
            case .gone: return "gone: \(page): \(figure) (was \(old ?? ""))\(because)"
            }
        }
    }

    /// Content paths of pages whose Markdown and figures were rendered again.
    public var rendered: [String]
    public var figureChanges: [FigureChange]
    /// Nothing was rebuilt: every input was as the previous build left it.
    public var unchanged: Bool
    /// There was a previous build to compare with (false for a first or `--no-cache` build, which reports nothing).
    public var comparedWithPrevious: Bool

    public init(rendered: [String], figureChanges: [FigureChange], unchanged: Bool, comparedWithPrevious: Bool = true) {
        self.rendered = rendered
        self.figureChanges = figureChanges
        self.unchanged = unchanged
        self.comparedWithPrevious = comparedWithPrevious
    }

    /// What `signals build` prints before its summary: the pages rendered again, then one line per figure
    /// (moved, new, gone). Empty when nothing changed or there was no previous build.
    public var lines: [String] {
        guard comparedWithPrevious, !unchanged, !rendered.isEmpty || !figureChanges.isEmpty else { return [] }
        var lines: [String] = []
        if !rendered.isEmpty {
            let shown = rendered.prefix(20).joined(separator: ", ")
            lines.append("rendered again: \(shown)\(rendered.count > 20 ? ", … (\(rendered.count) in all)" : "")")
        }
        for change in figureChanges { lines.append("  \(change.line)") }
        return lines
    }

    /// - Parameter causes: for each dependency key whose records changed since the previous build, what changed.
    static func make(index: SiteIndex, rendered: [RenderedPage], cache: BuildCache?, isFullBuild: Bool,
                     causes: [String: [String]] = [:]) -> ChangeReport {
        var pages: [String] = []
        var changes: [FigureChange] = []
        for (position, page) in index.pages.enumerated() where !rendered[position].fromCache {
            pages.append(page.contentPath)
            guard !isFullBuild else { continue }
            let old = cache?.pages[page.contentPath]?.figures ?? [:]
            let new = rendered[position].figures
            let name = String(page.contentPath.dropLast(3))
            for key in Set(old.keys).union(new.keys).sorted() where old[key] != new[key] {
                var because: [String] = []
                for dependency in (rendered[position].figureDependencies[key] ?? []).sorted() {
                    for cause in causes[dependency] ?? [] where !because.contains(cause) { because.append(cause) }
                }
                changes.append(FigureChange(page: name, figure: key, old: old[key], new: new[key], causes: because))
            }
        }
        return ChangeReport(rendered: pages, figureChanges: changes, unchanged: false, comparedWithPrevious: !isFullBuild)
    }

    /// JSON for `signals build --report FILE`: `rendered`, `figureChanges` (`page`, `figure`, `old`, `new`, `kind`,
    /// `causes`), `unchanged`, `comparedWithPrevious` and `lines` (exactly what the console printed).
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    private enum CodingKeys: String, CodingKey {
        case rendered, figureChanges, unchanged, comparedWithPrevious, lines
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rendered, forKey: .rendered)
        try container.encode(figureChanges, forKey: .figureChanges)
        try container.encode(unchanged, forKey: .unchanged)
        try container.encode(comparedWithPrevious, forKey: .comparedWithPrevious)
        try container.encode(lines, forKey: .lines)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rendered = try container.decode([String].self, forKey: .rendered)
        figureChanges = try container.decode([FigureChange].self, forKey: .figureChanges)
        unchanged = try container.decode(Bool.self, forKey: .unchanged)
        comparedWithPrevious = try container.decodeIfPresent(Bool.self, forKey: .comparedWithPrevious) ?? true
    }
}
