import ComputeModel
import Foundation

/// Which pages show figures computed from the price rows of each (accelerator, pricing type) pair: the pages
/// whose directives and inline figures declared a `.prices(gpu:type:)` dependency (the pair they show;
/// `.pricesOfGPU`, what a directive may read, is not counted).
///
/// `{data-changes}` lists them beside every move of a median ("shown on"). It is known only once every other
/// page is rendered (or taken from the cache with its dependencies), so the builder renders the pages that
/// declare `.pricePages` in a second pass; `fingerprint` is the value of that dependency in the build cache.
public struct PricePages: Sendable, Equatable {
    /// A page that shows price figures.
    public struct Link: Sendable, Equatable {
        public var title: String
        /// Rooted URL (with the site's prefix): `/learn/x/`.
        public var url: String
    }

    private struct Entry: Sendable, Equatable {
        var link: Link
        var pairs: Set<String>
    }

    /// In the site's page order.
    private var entries: [Entry]

    /// From the pages of `index` and each page's dependency keys (`dependencies[i]` for `index.pages[i]`).
    /// Pages that list price pages themselves are left out.
    init(pages: [Page], dependencies: [Set<String>], rootPath: String) {
        entries = []
        for (page, keys) in zip(pages, dependencies) where !keys.contains(DataDependency.pricePages.key) {
            var pairs: Set<String> = []
            for key in keys {
                if case .prices(let gpu, let type) = DataDependency(key: key) { pairs.insert(Self.pair(gpu, type)) }
            }
            guard !pairs.isEmpty else { continue }
            entries.append(Entry(link: Link(title: page.title, url: rootPath + page.url.dropFirst()), pairs: pairs))
        }
    }

    private static func pair(_ gpu: String, _ type: PricingType) -> String { "\(gpu)\u{1F}\(type.rawValue)" }

    /// The pages that show a figure computed from the rows of `gpu` and `type`, in the site's page order.
    public func pages(gpu: String, type: PricingType) -> [Link] {
        let key = Self.pair(gpu, type)
        return entries.filter { $0.pairs.contains(key) }.map(\.link)
    }

    /// A hash of every entry: a page that lists them is rendered again when a page starts or stops showing a
    /// pair's figures, or is renamed or moved.
    public var fingerprint: UInt64 {
        var hash = StableHash()
        for entry in entries {
            hash.add([entry.link.title, entry.link.url, entry.pairs.sorted().joined(separator: ",")].joined(separator: "\u{1E}"))
        }
        return hash.value | 1
    }
}
