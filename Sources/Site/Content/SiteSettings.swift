import Diagnostics
import Foundation

/// Site-wide settings from `content/site.yaml`. Every key is optional.
public struct SiteSettings: Sendable {
    public static let keys = ["title", "baseURL", "language", "description", "allowRawHTML", "brokenLinks",
                              "maxPriceAgeDays", "chartMinProviders", "path", "taxonomies", "allowSymlinksInto"]
    /// The taxonomies Signals can build pages for (front matter `tags`).
    public static let knownTaxonomies = ["tags"]

    public var title = "Untitled site"
    /// Absolute base URL ending in `/`, used for permalinks, the sitemap and the feed.
    public var baseURL = "http://localhost/"
    public var language = "en"
    public var description = ""
    /// Pass raw HTML in Markdown through (off: it is omitted).
    public var allowRawHTML = false
    /// Whether broken internal links fail the build (`error`) or only warn (`warning`).
    public var brokenLinksAreErrors = true
    /// Price figures whose newest observation is older than this are flagged as old.
    public var maxPriceAgeDays = 90
    /// The default of `chartMinProviders`.
    public static let defaultChartMinProviders = 3
    /// A price-history chart draws its median line only where at least this many providers have a price within
    /// the statistics window; elsewhere it shows the observations alone.
    public var chartMinProviders = SiteSettings.defaultChartMinProviders
    /// The suggested reading order, as content paths (`learn/what-is-ai-compute.md`), with their locations.
    public var path: [PathReference] = []
    /// `taxonomies: [tags]` (Zola's opt-in): build /tags/ and one page per tag; where the key was written.
    public var tagPages = false
    public var taxonomiesLocation: SourceLocation?
    /// Folders outside the site that symbolic links in `content/` and `templates/` may point into (absolute,
    /// or relative to the site root), as Hugo's module mounts name an outside folder explicitly. Empty: none.
    public var allowSymlinksInto: [String] = []

    public init() {}

    /// `url` with a trailing slash, or why it cannot be a base URL ("must be an absolute http(s) URL, got …").
    public static func checkedBaseURL(_ url: String) -> Result<String, BaseURLProblem> {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            return .failure(BaseURLProblem(message: "must be an absolute http(s) URL, got '\(url)'"))
        }
        return .success(url.hasSuffix("/") ? url : url + "/")
    }

    /// Why a base URL was refused.
    public struct BaseURLProblem: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// Parses the settings file's YAML.
    public static func parse(_ yaml: String, file: String) -> Result<SiteSettings, DiagnosticList> {
        var fields = YAMLFields(file: file, lineOffset: 0)
        var settings = SiteSettings()
        if fields.load(yaml, what: "site setting", allowedKeys: keys) {
            if let title = fields.string("title") { settings.title = title }
            if let base = fields.string("baseURL") {
                switch Self.checkedBaseURL(base) {
                case .success(let url): settings.baseURL = url
                case .failure(let message): fields.error(fields.value("baseURL"), "'baseURL' \(message)")
                }
            }
            if let language = fields.string("language") { settings.language = language }
            if let description = fields.string("description") { settings.description = description }
            if let raw = fields.bool("allowRawHTML") { settings.allowRawHTML = raw }
            if let level = fields.string("brokenLinks") {
                switch level {
                case "error": settings.brokenLinksAreErrors = true
                case "warning": settings.brokenLinksAreErrors = false
                default: fields.error(fields.value("brokenLinks"), "'brokenLinks' must be 'error' or 'warning', got '\(level)'")
                }
            }
            if let days = fields.int("maxPriceAgeDays") { settings.maxPriceAgeDays = days }
            if let count = fields.int("chartMinProviders") {
                if count >= 1 { settings.chartMinProviders = count } else {
                    fields.error(fields.value("chartMinProviders"), "'chartMinProviders' must be at least 1, got \(count)")
                }
            }
            settings.allowSymlinksInto = fields.strings("allowSymlinksInto")?.map(\.0) ?? []
            settings.path = fields.strings("path")?.map { PathReference(path: $0.0, location: $0.1) } ?? []
            for (name, location) in fields.strings("taxonomies") ?? [] {
                if Self.knownTaxonomies.contains(name) {
                    settings.tagPages = true
                    settings.taxonomiesLocation = location
                } else {
                    let hint = Suggestion.closest(to: name, in: Self.knownTaxonomies).map { "did you mean '\($0)'? " } ?? ""
                    fields.error(at: location, "unknown taxonomy '\(name)'", hint: hint + "Signals builds pages for: \(Self.knownTaxonomies.joined(separator: ", ")) (front matter `tags`)")
                }
            }
        }
        return fields.diagnostics.isEmpty ? .success(settings) : .failure(DiagnosticList(fields.diagnostics))
    }
}
