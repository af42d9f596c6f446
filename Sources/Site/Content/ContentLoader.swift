import Diagnostics
import Foundation

/// What was found in `content/`: the pages (routed) and other files to copy as they are.
public struct LoadedContent: Sendable {
    public var pages: [Page]
    /// Non-Markdown files inside `content/` (images, downloads), with the real paths to copy them from.
    public var assets: [WalkedFile]
    public var diagnostics: [Diagnostic]
    /// Content paths of pages that exist but could not be read (their errors are in `diagnostics`);
    /// links to them are not reported again as broken.
    public var unreadable: Set<String>
}

/// Reads `content/`: every `*.md` becomes a page; `content/data/` and `site.yaml` are left to their own loaders.
public enum ContentLoader {
    /// Folders and files of `content/` that are not pages.
    static let reserved: Set<String> = ["data", "site.yaml"]

    /// Reads every page; a page in `cached` whose file has the same size and modification time is taken
    /// from there without reading the file (its body is read later, only if it must be rendered again).
    /// `files` is the folder's listing when the caller already has it (`FolderWalker.files(in:)`).
    public static func load(contentDirectory: URL, files walked: [WalkedFile]? = nil, label: String = "content", includeDrafts: Bool,
                            cached: [String: Page] = [:]) -> LoadedContent {
        let listing = (walked ?? FolderWalker.files(in: contentDirectory)).filter { file in
            !reserved.contains(String(file.path.prefix { $0 != "/" }))
        }
        // A name that would break its URL (`#`, `?`, `%`, spaces) is refused rather than linked wrongly.
        var diagnostics: [Diagnostic] = []
        var unreadable: Set<String> = []
        var usable: [WalkedFile] = []
        for file in listing {
            if let problem = FileName.problem(in: file.path) {
                diagnostics.append(.error(at: SourceLocation(file: "\(label)/\(file.path)"), problem.message, hint: problem.hint))
                if file.path.hasSuffix(".md") { unreadable.insert(file.path) }
            } else {
                usable.append(file)
            }
        }
        let pageFiles = usable.filter { $0.path.hasSuffix(".md") }
        let assets = usable.filter { !$0.path.hasSuffix(".md") }
        let files = pageFiles.map(\.path)
        let results = Parallel.map(pageFiles) { file -> Result<Page, DiagnosticList> in
            if let page = cached[file.path], page.stamp == file.stamp { return .success(page) }
            return read(URL(fileURLWithPath: file.source), contentPath: file.path, file: "\(label)/\(file.path)")
        }
        var pages: [Page] = []
        for (path, result) in zip(files, results) {
            switch result {
            case .success(let page): pages.append(page)
            case .failure(let list):
                diagnostics += list.diagnostics
                unreadable.insert(path)
            }
        }
        let kept = pages.filter { includeDrafts || !$0.frontMatter.draft }
        diagnostics += kept.compactMap { DateOrder.warning(for: $0, contentDirectory: contentDirectory) }
        return LoadedContent(pages: kept, assets: assets, diagnostics: diagnostics, unreadable: unreadable)
    }

    /// Reads and parses one page file.
    public static func read(_ url: URL, contentPath: String, file: String) -> Result<Page, DiagnosticList> {
        let stamp = FileStamp.of(url.path)
        if stamp.size > InputLimits.pageBytes {
            return .failure(DiagnosticList([.error(at: SourceLocation(file: file),
                "the page is \(InputLimits.describe(Int(stamp.size))), over the limit of \(InputLimits.describe(InputLimits.pageBytes)) for a page",
                hint: "split it into several pages, or publish large text as a file next to the page")]))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(DiagnosticList([.error(at: SourceLocation(file: file), "cannot read the file")]))
        }
        let contents: String
        switch UTF8Text.decode(data) {
        case .success(let text): contents = text
        case .failure(let bad):
            return .failure(DiagnosticList([.error(
                at: SourceLocation(file: file, line: bad.line, column: 1),
                "the file is not valid UTF-8", hint: "save it as UTF-8 text")]))
        }
        return parse(contents, contentPath: contentPath, file: file).map { page in
            var stamped = page
            stamped.stamp = stamp
            return stamped
        }
    }

    /// The body of `page` (read again from its file when the page came from the cache).
    static func body(of page: Page, contentDirectory: URL) -> String {
        if let body = page.body { return body }
        guard let data = FileManager.default.contents(atPath: contentDirectory.appendingPathComponent(page.contentPath).path),
              let text = String(validating: data, as: UTF8.self),
              case .success(let split) = FrontMatter.split(TextNormalizer.normalize(text), file: page.file) else { return "" }
        return split.body
    }

    /// Splits and parses a page's text (pure: no file access).
    public static func parse(_ contents: String, contentPath: String, file: String) -> Result<Page, DiagnosticList> {
        let contents = TextNormalizer.normalize(contents)
        let split: SplitPage
        switch FrontMatter.split(contents, file: file) {
        case .success(let value): split = value
        case .failure(let diagnostic): return .failure(DiagnosticList([diagnostic]))
        }
        switch FrontMatter.parse(split.frontMatter, file: file, lineOffset: split.frontMatterStartLine - 1) {
        case .failure(let list):
            return .failure(list)
        case .success(let matter):
            let isSection = contentPath.hasSuffix("_index.md")
            let folder = contentPath.split(separator: "/").dropLast().joined(separator: "/")
            return .success(Page(
                contentPath: contentPath, file: file, url: Routing.url(forContentPath: contentPath),
                folder: folder, isSection: isSection, frontMatter: matter,
                body: split.body, stamp: .missing, bodyLineOffset: split.bodyLineOffset))
        }
    }
}

