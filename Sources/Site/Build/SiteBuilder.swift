import Diagnostics
import Foundation
import Markdown

/// Builds a site: content/ and templates/ (and content/data/) into the output folder.
///
/// Stages, in order: settings → data → templates → pages → assemble → render → check links →
/// apply templates → site files → write (atomically, only when there are no errors).
public enum SiteBuilder {
    public static func build(_ options: BuildOptions, previousDigests: [String: Int]? = nil) throws(BuildFailure) -> BuildResult {
        let start = DispatchTime.now()
        var diagnostics = DiagnosticCollector()
        let paths = SitePaths(root: options.root)
        try paths.requireFolders()

        let settings = diagnostics.take(loadSettings(paths)) ?? SiteSettings()
        let linkSeverity: Diagnostic.Severity = settings.brokenLinksAreErrors || options.strict ? .error : .warning
        let data = SiteData.load(paths: paths, today: options.today, settings: settings)
        diagnostics.add(data.diagnostics)
        let templates = diagnostics.take(TemplateSet.load(directory: paths.templates))
        let content = ContentLoader.load(contentDirectory: paths.content, includeDrafts: options.includeDrafts)
        diagnostics.add(content.diagnostics)

        let index = SiteIndex(pages: content.pages, unreadable: content.unreadable, settings: settings, linkSeverity: linkSeverity)
        diagnostics.add(index.diagnostics)
        let staticFiles = StaticFiles(paths: paths, contentAssets: content.assets, extra: data.files)
        let links = LinkResolver(index: index, files: staticFiles.urlPaths, rootPath: settings.rootPath)

        let renderer = PageRenderer(options: MarkdownOptions(allowRawHTML: settings.allowRawHTML), links: links,
                                    directives: data.directives, linkSeverity: linkSeverity)
        let progress = ProgressCounter(total: index.pages.count, report: options.progress)
        let rendered = Parallel.map(index.pages) { page in
            defer { progress.step() }
            return renderer.render(page)
        }
        for page in rendered {
            diagnostics.add(page.diagnostics)
            for check in page.anchorChecks where !rendered[check.target].anchors.contains(check.fragment) {
                let target = index.pages[check.target]
                let hint = Suggestion.closest(to: check.fragment, in: rendered[check.target].headings.map(\.id))
                    .map { "did you mean '#\($0)'?" } ?? Self.anchorHint(rendered[check.target].headings, file: target.file)
                diagnostics.add([Diagnostic(linkSeverity, at: check.location, "link to a missing anchor '#\(check.fragment)' in \(target.file)", hint: hint)])
            }
        }

        var files: [OutputFile] = []
        if let templates {
            let contexts = PageContextBuilder(settings: settings, index: index, links: links,
                                              readingMinutes: rendered.map { max(1, ($0.wordCount + 219) / 220) },
                                              dataAsOf: data.asOf)
            let outputs = Parallel.map(Array(index.pages.indices)) { position -> Result<[OutputFile], Diagnostic> in
                let page = index.pages[position]
                switch contexts.template(for: page, in: templates) {
                case .failure(let diagnostic): return .failure(diagnostic)
                case .success(let name):
                    let html = templates.render(contexts.context(for: position, rendered: rendered[position]), template: name) ?? ""
                    let folder = page.url == "/" ? "" : String(page.url.dropFirst())
                    return .success([OutputFile(path: page.outputPath, text: html)]
                        + rendered[position].files.map { OutputFile(path: folder + $0.path, contents: $0.contents) })
                }
            }
            for output in outputs {
                switch output {
                case .success(let pageFiles): files += pageFiles
                case .failure(let diagnostic): diagnostics.add([diagnostic])
                }
            }
            files += SiteFiles.make(index: index, rendered: rendered, settings: settings, links: links,
                                    templates: templates, contexts: contexts)
        }

        let warnings = diagnostics.all.filter { $0.severity == .warning }
        if diagnostics.hasErrors || (options.strict && !warnings.isEmpty) {
            throw BuildFailure(diagnostics: diagnostics.all.sorted())
        }
        var digests: [String: Int] = [:]
        for file in files { digests[file.path] = file.contents.hashValue }
        if !options.dryRun {
            do {
                try OutputWriter.replace(options.output, with: files.sorted { $0.path < $1.path }, copies: staticFiles.copies)
            } catch {
                throw BuildFailure(diagnostics: error.diagnostics)
            }
        }
        let changed = previousDigests.map { previous in Set(digests.keys.filter { previous[$0] != digests[$0] }) } ?? Set(digests.keys)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return BuildResult(pageCount: index.pages.count, seconds: seconds, warnings: warnings.sorted(),
                           digests: digests, changedFiles: changed)
    }

    static func anchorHint(_ headings: [Heading], file: String) -> String {
        headings.isEmpty ? "\(file) has no headings to link to"
            : "anchors of \(file): \(headings.map { "#\($0.id)" }.joined(separator: ", "))"
    }

    static func loadSettings(_ paths: SitePaths) -> Result<SiteSettings, DiagnosticList> {
        guard let data = FileManager.default.contents(atPath: paths.settings.path) else { return .success(SiteSettings()) }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(DiagnosticList([.error(at: SourceLocation(file: paths.settingsLabel, line: 1), "the file is not valid UTF-8")]))
        }
        return SiteSettings.parse(text, file: paths.settingsLabel)
    }
}

/// Collects diagnostics from every stage.
struct DiagnosticCollector {
    private(set) var all: [Diagnostic] = []
    var hasErrors: Bool { all.contains { $0.severity == .error } }

    mutating func add(_ diagnostics: [Diagnostic]) { all += diagnostics }

    mutating func take<T>(_ result: Result<T, DiagnosticList>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let list):
            all += list.diagnostics
            return nil
        }
    }
}

/// Counts rendered pages for the progress line.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func step() {
        guard let report else { return }
        lock.lock()
        done += 1
        let now = done
        lock.unlock()
        if now % 500 == 0 || now == total { report(now, total) }
    }
}
