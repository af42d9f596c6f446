import Diagnostics
import Foundation

/// Stage 1: the settings and every input file's stamp, in one number (`InputStamp`). Cheap on purpose: when
/// the number equals the previous build's, the build stops here.
struct StampedInputs {
    var settings: SiteSettings
    let listing: SiteListing
    let stamp: UInt64
    /// True when the settings loaded and every input file was listed without a problem.
    let clean: Bool

    static func read(paths: SitePaths, options: BuildOptions, diagnostics: inout DiagnosticCollector) -> StampedInputs {
        let settingsLoad = SiteBuilder.loadSettings(paths)
        let settings = (try? settingsLoad.get()) ?? SiteSettings()
        if case .failure(let list) = settingsLoad { diagnostics.add(list.diagnostics) }
        let (stamp, listing) = InputStamp.compute(paths: paths, options: options, allowed: paths.allowedFolders(settings))
        let clean = diagnostics.all.isEmpty && listing.diagnostics.isEmpty
        diagnostics.add(listing.diagnostics)
        var stamped = StampedInputs(settings: settings, listing: listing, stamp: stamp, clean: clean)
        if let baseURL = options.baseURL {
            switch SiteSettings.checkedBaseURL(baseURL) {
            case .success(let url): stamped.settings.baseURL = url
            case .failure(let message):
                diagnostics.add([.error(at: SourceLocation(file: "--base-url"), "the base URL \(message)", hint: "for example --base-url https://preview.example.org/")])
            }
        }
        return stamped
    }
}

/// Stage 2: the data (`content/data/`), the templates and every page's front matter (bodies are read when
/// rendered). A page whose file is unchanged keeps the front matter the previous build read.
struct LoadedInputs {
    let settings: SiteSettings
    let data: SiteData
    let templates: TemplateSet?
    let content: LoadedContent
    /// Broken links are errors when the settings or `--strict` say so, else warnings.
    let linkSeverity: Diagnostic.Severity

    static func load(_ stamped: StampedInputs, paths: SitePaths, options: BuildOptions, previous: PreviousBuild,
                     diagnostics: inout DiagnosticCollector) -> LoadedInputs {
        let settings = stamped.settings
        let data = SiteData.load(paths: paths, listing: stamped.listing.content, today: options.today, settings: settings)
        diagnostics.add(data.diagnostics)
        let templates = diagnostics.take(TemplateSet.load(directory: paths.templates, files: stamped.listing.templates.files))
        let content = ContentLoader.load(contentDirectory: paths.content, files: stamped.listing.content.files,
                                         includeDrafts: options.includeDrafts, cached: previous.pages)
        diagnostics.add(content.diagnostics)
        return LoadedInputs(settings: settings, data: data, templates: templates, content: content,
                            linkSeverity: settings.brokenLinksAreErrors || options.strict ? .error : .warning)
    }
}
