import ComputeModel
import Diagnostics

/// The one registry of fenced directives: each `{name}` and the code that renders its block.
///
/// Everything that knows directive names reads this table: `ComputeDirectives.renderBlock` dispatches through it,
/// and `names` (the "unknown directive … known directives:" hint of `PageRenderer`) lists it, for the real
/// directives and for `UnavailableDirectives` alike. A new directive is one row here and one type that renders it;
/// the data it reads is declared by that type as `DataDependency` values.
enum DirectiveRegistry {
    /// One fenced block to render.
    struct Block {
        /// The block's body (YAML).
        var body: String
        /// The line of its opening fence.
        var location: SourceLocation
        /// Names its downloads uniquely in the page (`prices-2`).
        var slug: String
        /// The page's `updated` or `date`, `YYYY-MM-DD`.
        var pageDate: String?
    }

    /// A directive: its name and how one block of it renders with the site's data.
    struct Entry: Sendable {
        let name: String
        let render: @Sendable (ComputeDirectives, Block) -> DirectiveResult
    }

    /// Every directive, in the order the hint lists them.
    static let entries: [Entry] = [
        Entry(name: CompareTable.name) { CompareTable(context: $0).render(body: $1.body, at: $1.location, slug: $1.slug) },
        Entry(name: PriceTable.name) { PriceTable(context: $0).render(body: $1.body, at: $1.location, slug: $1.slug) },
        Entry(name: PriceHistoryChart.name) { PriceHistoryChart(context: $0).render(body: $1.body, at: $1.location, slug: $1.slug) },
        Entry(name: WorkedExample.name) {
            WorkedExample(context: $0, pageDate: $1.pageDate.flatMap(Day.init)).render(body: $1.body, at: $1.location, slug: $1.slug)
        },
        Entry(name: DataChanges.name) { DataChanges(context: $0).render(body: $1.body, at: $1.location, slug: $1.slug) },
        Entry(name: BarChart.name) { BarChart(context: $0).render(body: $1.body, at: $1.location, slug: $1.slug) },
        Entry(name: FlowDiagram.name) { FlowDiagram().render(body: $1.body, at: $1.location, slug: $1.slug) },
        Entry(name: MarketMap.name) { MarketMap().render(body: $1.body, at: $1.location, slug: $1.slug) },
    ]

    /// The directive names, in table order.
    static let names: [String] = entries.map(\.name)

    private static let byName: [String: Entry] = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })

    /// The directive called `name`, or nil.
    static func entry(named name: String) -> Entry? { byName[name] }
}

extension CompareTable {
    /// The fence's name, `{compare}`. (Declared here rather than in CompareTable.swift, which still spells it in its
    /// `DirectiveParameters` call.)
    static let name = "compare"
}
