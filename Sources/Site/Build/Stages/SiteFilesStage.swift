import Diagnostics
import Foundation

/// Stage 6: the files that belong to the site rather than to one page: lists, feeds, sitemap, search index,
/// the data page and its downloads, tag pages, `_headers`, and a social card per page.
enum SiteFilesStage {
    static func make(_ templates: TemplateSet, rendered: RenderedSite, templated: TemplatedSite, site: AssembledSite, inputs: LoadedInputs,
                     options: BuildOptions, diagnostics: inout DiagnosticCollector) -> [OutputFile] {
        let index = site.index
        var files = SiteFiles.make(index: index, rendered: rendered.pages, settings: inputs.settings, links: site.links, templates: templates,
                                   contexts: templated.contexts, data: inputs.data)
        files.append(site.assets.headersFile)
        if SocialCards.enabled(templates) {
            let cards = SocialCards.make(pages: index.pages.indices.map { position in
                let page = index.pages[position]
                let pageRendered = rendered.pages[position]
                return (page.folderPath, page.title, page.frontMatter.summary ?? "", pageRendered.figures, pageRendered.pricesAsOf ?? inputs.data.asOf)
            }, siteTitle: inputs.settings.title, templates: templates, cacheFolder: options.root.appendingPathComponent(".signals-cache/cards"))
            files += cards.files
            diagnostics.add(cards.diagnostics)
        }
        return files
    }
}
