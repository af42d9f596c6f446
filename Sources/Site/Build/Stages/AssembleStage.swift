import Diagnostics
import Foundation

/// Stage 3: the site as a whole, before any page is rendered: the page index (URLs, sections, menus), the
/// files copied as they are (with fingerprinted CSS and JS names), what links may point at, the data's
/// fingerprints and the hashes that decide what the previous build's output can still serve.
struct AssembledSite {
    let index: SiteIndex
    let staticFiles: StaticFiles
    let assets: AssetFingerprints
    let links: LinkResolver
    /// Data record key → fingerprint (see `DataDependency`), before the price-pages pass.
    let dataFingerprints: [String: UInt64]
    let hashes: BuildHashes

    static func assemble(_ inputs: LoadedInputs, stamped: StampedInputs, paths: SitePaths, options: BuildOptions,
                         diagnostics: inout DiagnosticCollector) -> AssembledSite {
        let settings = inputs.settings
        let index = SiteIndex(pages: inputs.content.pages, unreadable: inputs.content.unreadable, settings: settings,
                              linkSeverity: inputs.linkSeverity)
        diagnostics.add(index.diagnostics)
        diagnostics.add(TagPages.problems(settings: settings, templates: inputs.templates, index: index))
        let staticFiles = StaticFiles(templateFiles: stamped.listing.templates.files, contentAssets: inputs.content.assets,
                                      extra: inputs.data.files)
        let assets = AssetFingerprints(copies: staticFiles.copies, rootPath: settings.rootPath)
        return AssembledSite(
            index: index, staticFiles: staticFiles, assets: assets,
            links: LinkResolver(index: index, files: staticFiles.urlPaths, rootPath: settings.rootPath),
            dataFingerprints: inputs.data.directives.fingerprints(),
            hashes: BuildHashes(index: index, staticFiles: staticFiles, settingsFile: paths.settings, options: options,
                                templates: inputs.templates, dataAsOf: inputs.data.asOf))
    }
}
