import Diagnostics
import Foundation
import Markdown

/// Builds a site: content/ and templates/ (and content/data/) into the output folder.
///
/// Stages, in order: inputs unchanged? → settings → data → templates → pages → assemble → render
/// (cached pages skipped) → check links → apply templates → site files → write (atomically, only when
/// there are no errors) → remember for next time.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions, previousDigests: [String: Int]? = nil) throws(BuildFailure) -> BuildResult {
        let clock = BuildClock()
        let paths = SitePaths(root: options.root)
        try paths.requireFolders()
        // Two builds of one site (a `signals build` while `signals serve` runs) take turns.
        let lock = options.dryRun ? nil : BuildLock(root: options.root)
        defer { lock?.release() }
        var diagnostics = DiagnosticCollector()
        var settings = diagnostics.take(loadSettings(paths)) ?? SiteSettings()
        let (inputsStamp, listing) = InputStamp.compute(paths: paths, options: options, allowed: paths.allowedFolders(settings))
        clock.mark("stamp")
        if options.useCache, previousDigests == nil, !options.dryRun, diagnostics.all.isEmpty, listing.diagnostics.isEmpty,
           let last = BuildCache.lastStamp(root: options.root, output: options.output), last.stamp == inputsStamp {
            let warnings = (try? JSONDecoder().decode([Diagnostic].self, from: last.warnings)) ?? []
            return BuildResult(pageCount: last.pageCount, seconds: clock.seconds, warnings: warnings, digests: [:], changedFiles: [],
                               report: ChangeReport(rendered: [], figureChanges: [], unchanged: true))
        }
        let cache = options.useCache ? BuildCache.load(root: options.root, output: options.output) : nil
        clock.mark("cache load")

        diagnostics.add(listing.diagnostics)
        if let baseURL = options.baseURL {
            switch SiteSettings.checkedBaseURL(baseURL) {
            case .success(let url): settings.baseURL = url
            case .failure(let message):
                diagnostics.add([.error(at: SourceLocation(file: "--base-url"), "the base URL \(message)", hint: "for example --base-url https://preview.example.org/")])
            }
        }
        let linkSeverity: Diagnostic.Severity = settings.brokenLinksAreErrors || options.strict ? .error : .warning
        let data = SiteData.load(paths: paths, listing: listing.content, today: options.today, settings: settings)
        diagnostics.add(data.diagnostics)
        let templateSet = diagnostics.take(TemplateSet.load(directory: paths.templates, files: listing.templates.files))
        clock.mark("settings+data+tpl")
        let content = ContentLoader.load(contentDirectory: paths.content, files: listing.content.files, includeDrafts: options.includeDrafts,
                                         cached: cache?.pages.mapValues(\.page) ?? [:])
        diagnostics.add(content.diagnostics)
        clock.mark("content load")

        let index = SiteIndex(pages: content.pages, unreadable: content.unreadable, settings: settings, linkSeverity: linkSeverity)
        diagnostics.add(index.diagnostics)
        diagnostics.add(TagPages.problems(settings: settings, templates: templateSet, index: index))
        let staticFiles = StaticFiles(templateFiles: listing.templates.files, contentAssets: content.assets, extra: data.files)
        let assets = AssetFingerprints(copies: staticFiles.copies, rootPath: settings.rootPath)
        let links = LinkResolver(index: index, files: staticFiles.urlPaths, rootPath: settings.rootPath)
        let dataFingerprints = data.directives.fingerprints()
        let hashes = BuildHashes(index: index, staticFiles: staticFiles, settingsFile: paths.settings, options: options,
                                 templates: templateSet, dataAsOf: data.asOf)
        clock.mark("index+hashes")

        // Render: Markdown and directives, except for pages the cache shows are unchanged.
        let firstPassRenderer = PageRenderer(options: MarkdownOptions(allowRawHTML: settings.allowRawHTML), links: links,
                                             directives: data.directives, linkSeverity: linkSeverity)
        // Which pages show which price figures is known only after this pass: pages that list them are checked after it.
        let reusable = cache.map { hashes.reusableRenders(from: $0, fingerprints: dataFingerprints, deferring: [DataDependency.pricePages.key]) } ?? [:]
        let progress = ProgressCounter(total: index.pages.count, report: options.progress)
        var rendered = Parallel.map(index.pages) { page -> RenderedPage in
            defer { progress.step() }
            if let record = reusable[page.contentPath] { return RenderedPage(record: record, index: index) }
            return firstPassRenderer.render(page, body: ContentLoader.body(of: page, contentDirectory: paths.content))
        }
        let pricePages = PricePages(pages: index.pages, dependencies: rendered.map(\.dependencies), rootPath: settings.rootPath)
        let fingerprints = dataFingerprints.merging([DataDependency.pricePages.key: pricePages.fingerprint]) { _, new in new }
        let renderer = PageRenderer(options: firstPassRenderer.options, links: links, directives: data.directives.with(pricePages: pricePages), linkSeverity: linkSeverity)
        for position in index.pages.indices where rendered[position].dependencies.contains(DataDependency.pricePages.key) {
            let page = index.pages[position]
            if rendered[position].fromCache, cache?.pages[page.contentPath]?.dependencies[DataDependency.pricePages.key] == pricePages.fingerprint { continue }
            rendered[position] = renderer.render(page, body: ContentLoader.body(of: page, contentDirectory: paths.content))
        }
        diagnostics.add(rendered.flatMap(\.diagnostics))
        diagnostics.add(checkAnchors(rendered, index: index, severity: linkSeverity))
        clock.mark("render")

        // Templates: every page whose own output or the summary all pages show changed.
        var files: [OutputFile] = []
        var reusedOutputs: [String] = []
        let readingMinutes = rendered.map { max(1, ($0.wordCount + 219) / 220) }
        // A new asset name (CSS or JS changed) changes every page's HTML.
        let summaryHash = hashes.summary(readingMinutes: readingMinutes) ^ assets.stamp
        if let templateSet {
            let contexts = PageContextBuilder(settings: settings, index: index, links: links, readingMinutes: readingMinutes, dataAsOf: data.asOf,
                                              tags: settings.tagPages ? TagIndex(index: index) : nil, assets: assets,
                                              cards: SocialCards.enabled(templateSet))
                .prepared(with: templateSet)
            let firstPass = rendered
            let keepOutputs = cache.map { $0.summaryHash == summaryHash && $0.templatesHash == hashes.templates && $0.structureHash == hashes.structure } ?? false
            let outputs = Parallel.map(Array(index.pages.indices)) { position -> Result<PageOutput, Diagnostic> in
                let page = index.pages[position]
                var pageRendered = firstPass[position]
                if pageRendered.fromCache {
                    let previous = options.output.appendingPathComponent(page.outputPath).path
                    if keepOutputs && FileManager.default.fileExists(atPath: previous) {
                        return .success(PageOutput(files: [], reused: [page.outputPath] + pageRendered.cachedFiles.map { page.folderPath + $0 }, rendered: nil))
                    }
                    pageRendered = renderer.render(page, body: ContentLoader.body(of: page, contentDirectory: paths.content))
                }
                return contexts.template(for: page, in: templateSet).map { name in
                    let html = templateSet.render(contexts.context(for: position, rendered: pageRendered), template: name) ?? ""
                    return PageOutput(files: [OutputFile(path: page.outputPath, text: html)]
                        + pageRendered.files.map { OutputFile(path: page.folderPath + $0.path, contents: $0.contents) },
                                      reused: [], rendered: pageRendered.fromCache ? nil : pageRendered)
                }
            }
            for (position, output) in outputs.enumerated() {
                switch output {
                case .success(let pageOutput):
                    files += pageOutput.files
                    reusedOutputs += pageOutput.reused
                    if let fresh = pageOutput.rendered, rendered[position].fromCache { rendered[position] = fresh }
                case .failure(let diagnostic): diagnostics.add([diagnostic])
                }
            }
            files += SiteFiles.make(index: index, rendered: rendered, settings: settings, links: links, templates: templateSet, contexts: contexts, data: data)
            files.append(assets.headersFile)
            if SocialCards.enabled(templateSet) {
                let cards = SocialCards.make(pages: index.pages.indices.map { position in
                    let page = index.pages[position]
                    return (page.folderPath, page.title, page.frontMatter.summary ?? "", rendered[position].figures, rendered[position].pricesAsOf ?? data.asOf)
                }, siteTitle: settings.title, templates: templateSet, cacheFolder: options.root.appendingPathComponent(".signals-cache/cards"))
                files += cards.files
                diagnostics.add(cards.diagnostics)
            }
        }

        clock.mark("templates+files")
        let warnings = diagnostics.all.filter { $0.severity == .warning }
        if diagnostics.hasErrors || (options.strict && !warnings.isEmpty) {
            throw BuildFailure(diagnostics: diagnostics.all.sorted())
        }

        // The data the previous build published (in its output's data/ folder) tells which rows moved a figure.
        let causes = cache == nil ? [:] : data.directives.changes(since: options.output.appendingPathComponent("data"))
        let report = ChangeReport.make(index: index, rendered: rendered, cache: cache, isFullBuild: cache == nil, causes: causes)
        var digests = previousDigests ?? [:]
        for path in reusedOutputs where digests[path] == nil { digests[path] = 0 }
        if previousDigests != nil {
            for file in files { digests[file.path] = Self.digest(file.contents) }
            for (path, source) in assets.copies { digests[path] = FileManager.default.contents(atPath: source.path).map(Self.digest) ?? 0 }
        }
        let written = Set(files.map(\.path)).union(reusedOutputs).union(assets.copies.map(\.0))
        for path in digests.keys where !written.contains(path) { digests[path] = nil }

        if !options.dryRun {
            // The cache is encoded while the site is written: both are mostly serial work.
            let finalRendered = rendered
            let cacheTask = options.useCache ? BackgroundWork {
                hashes.cache(index: index, rendered: finalRendered, fingerprints: fingerprints, summaryHash: summaryHash,
                             inputsStamp: inputsStamp, output: options.output)
            } : nil
            // .gz and .br siblings, written in the same swap (see Precompress).
            let siblings = Precompress.siblings(files: files, copies: assets.copies, reused: reusedOutputs, previous: options.output)
            do {
                try OutputWriter.replace(options.output, with: (files + siblings.files).sorted { $0.path < $1.path }, copies: assets.copies,
                                         reusing: (reusedOutputs + siblings.reused).sorted()) { staging in
                    clock.mark("write")
                    cacheTask?.result().save(root: options.root, outputIdentity: staging)
                }
            } catch {
                throw BuildFailure(diagnostics: error.diagnostics)
            }
        }
        clock.mark("cache save")
        let changed = previousDigests.map { previous in Set(digests.keys.filter { previous[$0] != digests[$0] }) } ?? Set(digests.keys)
        return BuildResult(pageCount: index.pages.count, seconds: clock.seconds, warnings: warnings.sorted(),
                           digests: digests, changedFiles: changed, report: report, wroteNothing: options.dryRun,
                           rootPath: settings.rootPath)
    }

    /// A digest of a whole file (`Data.hashValue` looks at a prefix only), for telling the preview which outputs changed.
    static func digest(_ data: Data) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// Links to `#anchor`s of other pages, checked once every page is rendered (or known from the cache).
    static func checkAnchors(_ rendered: [RenderedPage], index: SiteIndex, severity: Diagnostic.Severity) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for page in rendered {
            for check in page.anchorChecks where !rendered[check.target].anchors.contains(check.fragment) {
                let target = index.pages[check.target]
                let hint = Suggestion.closest(to: check.fragment, in: rendered[check.target].headings.map(\.id))
                    .map { "did you mean '#\($0)'?" } ?? anchorHint(rendered[check.target].headings, file: target.file)
                found.append(Diagnostic(severity, at: check.location, "link to a missing anchor '#\(check.fragment)' in \(target.file)", hint: hint))
            }
        }
        return found
    }

    static func anchorHint(_ headings: [Heading], file: String) -> String {
        headings.isEmpty ? "\(file) has no headings to link to"
            : "anchors of \(file): \(headings.map { "#\($0.id)" }.joined(separator: ", "))"
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

/// An exclusive lock on `.signals-cache/build.lock`, held for the whole build (released on exit even if killed).
final class BuildLock {
    private let descriptor: Int32

    init?(root: URL) {
        let folder = root.appendingPathComponent(".signals-cache")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        descriptor = open(folder.appendingPathComponent("build.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Runs `work` on another thread; `result()` waits for it.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    func result() -> Value {
        done.wait()
        done.signal()
        return value!
    }
}

/// One page's share of the output: files to write, or outputs of the previous build to keep.
struct PageOutput: Sendable {
    var files: [OutputFile]
    var reused: [String]
    /// Set when a cached page had to be rendered again (its template changed).
    var rendered: RenderedPage?
}

/// Wall-clock time since the build started; with `SIGNALS_TIMING=1` in the environment, each stage's time
/// is printed to standard error (for profiling).
final class BuildClock {
    let start = DispatchTime.now()
    private var last = DispatchTime.now()
    private let verbose = ProcessInfo.processInfo.environment["SIGNALS_TIMING"] == "1"
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }

    func mark(_ stage: String) {
        guard verbose else { return }
        let now = DispatchTime.now()
        FileHandle.standardError.write(Data(String(format: "%-18@ %7.1f ms\n", stage as NSString, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6).utf8))
        last = now
    }
}

extension Page {
    /// The page's folder in the output, with a trailing slash (`learn/x/`), or `""` for the home page.
    var folderPath: String { url == "/" ? "" : String(url.dropFirst()) }
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
