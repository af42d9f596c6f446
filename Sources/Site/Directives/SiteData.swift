import Diagnostics
import Foundation

/// The compute data of a site (content/data/) and the directives that render it.
struct SiteData: Sendable {
    var directives: any DirectiveRendering
    var diagnostics: [Diagnostic]
    /// Newest observation date in the data, `YYYY-MM-DD`.
    var asOf: String?

    static func load(paths: SitePaths, today: Date, settings: SiteSettings, strict: Bool) -> SiteData {
        SiteData(directives: NoDirectives(), diagnostics: [], asOf: nil)
    }
}
