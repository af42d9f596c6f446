import Diagnostics
import Foundation

/// Stage 5: every page through its template, except pages whose previous output can stay: a page whose render
/// was kept, when the summary every page shows, the templates and the structure are unchanged, keeps the file
/// the previous build wrote (`kept`). A kept render whose template must be applied again is rendered again.
struct TemplatedSite {
    /// Pages written now, with the files their directives made (downloads beside the page).
    var files: [OutputFile] = []
    /// Output paths the previous build wrote that stay as they are.
    var kept: [String] = []
    /// The page contexts, for the site-wide files (lists, feeds, the data page) that show pages too.
    let contexts: PageContextBuilder

    static func apply(_ templates: TemplateSet, to rendered: inout RenderedSite, site: AssembledSite, inputs: LoadedInputs, paths: SitePaths,
                      options: BuildOptions, previous: PreviousBuild, diagnostics: inout DiagnosticCollector) -> TemplatedSite {
        let index = site.index
        let settings = inputs.settings
        let contexts = PageContextBuilder(settings: settings, index: index, links: site.links, readingMinutes: rendered.readingMinutes,
                                          dataAsOf: inputs.data.asOf, tags: settings.tagPages ? TagIndex(index: index) : nil,
                                          assets: site.assets, cards: SocialCards.enabled(templates))
            .prepared(with: templates)
        let firstPass = rendered.pages
        let renderer = rendered.renderer
        let keepOutputs = previous.keepsOutputs(summaryHash: rendered.summaryHash, hashes: site.hashes)
        let outputs = Parallel.map(Array(index.pages.indices)) { position -> Result<PageOutput, Diagnostic> in
            let page = index.pages[position]
            var pageRendered = firstPass[position]
            if pageRendered.fromCache {
                let previousFile = options.output.appendingPathComponent(page.outputPath).path
                if keepOutputs && FileManager.default.fileExists(atPath: previousFile) {
                    return .success(PageOutput(files: [], kept: [page.outputPath] + pageRendered.cachedFiles.map { page.folderPath + $0 }, rendered: nil))
                }
                pageRendered = renderer.render(page, body: ContentLoader.body(of: page, contentDirectory: paths.content))
            }
            return contexts.template(for: page, in: templates).map { name in
                let html = templates.render(contexts.context(for: position, rendered: pageRendered), template: name) ?? ""
                return PageOutput(files: [OutputFile(path: page.outputPath, text: html)]
                    + pageRendered.files.map { OutputFile(path: page.folderPath + $0.path, contents: $0.contents) },
                                  kept: [], rendered: pageRendered.fromCache ? nil : pageRendered)
            }
        }
        var templated = TemplatedSite(contexts: contexts)
        for (position, output) in outputs.enumerated() {
            switch output {
            case .success(let pageOutput):
                templated.files += pageOutput.files
                templated.kept += pageOutput.kept
                if let fresh = pageOutput.rendered, rendered.pages[position].fromCache { rendered.pages[position] = fresh }
            case .failure(let diagnostic): diagnostics.add([diagnostic])
            }
        }
        return templated
    }
}

/// One page's share of the output: files to write, or outputs of the previous build to keep.
struct PageOutput: Sendable {
    var files: [OutputFile]
    var kept: [String]
    /// Set when a cached page had to be rendered again (its template changed).
    var rendered: RenderedPage?
}
