import Diagnostics
import Foundation

/// Builds a site: content/ and templates/ (and content/data/) into the output folder.
///
/// The build is a sequence of stages, each in a file of its own under `Build/Stages/`; what a stage may take
/// from the previous build it asks `PreviousBuild`, the one place the cache is read:
///
/// 1. `StampedInputs`: settings and every input file's stamp. Equal to the last build's: done.
/// 2. `LoadedInputs`: data, templates, front matter.
/// 3. `AssembledSite`: page index, links, copied files, fingerprints and hashes.
/// 4. `RenderedSite`: Markdown and directives to HTML (two passes), anchors checked.
/// 5. `TemplatedSite`: pages through their templates (unchanged outputs kept).
/// 6. `SiteFilesStage`: lists, feeds, search index, data page, social cards.
/// 7. `WriteStage`: with no errors, the new folder swapped in atomically and the cache saved with it.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildResult {
        let clock = BuildClock()
        let paths = SitePaths(root: options.root)
        try paths.requireFolders()
        // Two builds of one site (a `signals build` while `signals serve` runs) take turns.
        let lock = options.dryRun ? nil : BuildLock(root: options.root)
        defer { lock?.release() }
        var diagnostics = DiagnosticCollector()

        let stamped = StampedInputs.read(paths: paths, options: options, diagnostics: &diagnostics)
        if stamped.clean, let unchanged = PreviousBuild.unchanged(options, stamp: stamped.stamp, clock: clock) { return unchanged }
        let previous = PreviousBuild.load(options)
        clock.mark("stamp+cache")
        try options.checkCancelled()

        let inputs = LoadedInputs.load(stamped, paths: paths, options: options, previous: previous, diagnostics: &diagnostics)
        clock.mark("load")
        let site = AssembledSite.assemble(inputs, stamped: stamped, paths: paths, options: options, diagnostics: &diagnostics)
        clock.mark("assemble")
        try options.checkCancelled()

        var rendered = RenderedSite.render(site, inputs: inputs, paths: paths, options: options, previous: previous, diagnostics: &diagnostics)
        clock.mark("render")
        try options.checkCancelled()

        var files: [OutputFile] = []
        var kept: [String] = []
        if let templates = inputs.templates {
            let templated = TemplatedSite.apply(templates, to: &rendered, site: site, inputs: inputs, paths: paths, options: options,
                                                previous: previous, diagnostics: &diagnostics)
            files = templated.files
            kept = templated.kept
            files += SiteFilesStage.make(templates, rendered: rendered, templated: templated, site: site, inputs: inputs,
                                         options: options, diagnostics: &diagnostics)
        }
        clock.mark("templates+files")

        let warnings = diagnostics.all.filter { $0.severity == .warning }
        if diagnostics.hasErrors || (options.strict && !warnings.isEmpty) {
            throw BuildFailure(diagnostics: diagnostics.all.sorted())
        }
        try options.checkCancelled()
        let report = previous.report(index: site.index, rendered: rendered.pages, data: inputs.data, output: options.output)
        if !options.dryRun {
            try WriteStage.write(files: files, kept: kept, site: site, rendered: rendered, stamp: stamped.stamp, options: options, clock: clock)
        }
        clock.mark("cache save")
        return BuildResult(pageCount: site.index.pages.count, seconds: clock.seconds, warnings: warnings.sorted(), report: report,
                           outputs: options.dryRun ? nil : BuildOutputs(written: files, kept: kept, copied: site.assets.copies),
                           wroteNothing: options.dryRun, rootPath: inputs.settings.rootPath)
    }

    static func loadSettings(_ paths: SitePaths) -> Result<SiteSettings, DiagnosticList> {
        if let real = FolderWalker.realPath(paths.settings.path),
           !FolderWalker.isInside(real, [paths.content.path, paths.templates.path].compactMap(FolderWalker.realPath)) {
            return .failure(DiagnosticList([.error(at: SourceLocation(file: paths.settingsLabel),
                "'\(paths.settingsLabel)' is a symbolic link to '\(real)', outside the site",
                hint: "the build reads only files inside content/ and templates/: copy the settings into content/site.yaml")]))
        }
        guard let data = FileManager.default.contents(atPath: paths.settings.path) else { return .success(SiteSettings()) }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(DiagnosticList([.error(at: SourceLocation(file: paths.settingsLabel, line: 1), "the file is not valid UTF-8")]))
        }
        return SiteSettings.parse(TextNormalizer.normalize(text), file: paths.settingsLabel)
    }
}
