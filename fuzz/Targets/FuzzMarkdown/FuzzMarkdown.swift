import Diagnostics
import Foundation
import FuzzSupport
import Markdown
@testable import Site

// A whole page: ContentLoader.parse (front matter), then Markdown with directives, inline figures and links,
// rendered the way the build renders it (PageRenderer), with raw HTML off and on.
let directives: ComputeDirectives? = FuzzData.data.map { ComputeDirectives(data: $0, maxPriceAgeDays: 90, dataURL: "/data/") }
let other = ContentLoader.parse("---\ntitle: Other\n---\n## Formula\n", contentPath: "learn/other.md", file: "content/learn/other.md")

/// With SIGNALS_FUZZ_SKIP_HEADING_INLINES=1, inputs that could put a link, image, autolink or code span inside a
/// heading are skipped, so the fuzzer can look past the known use-after-free (FuzzRegressions.linkInHeading).
let skipKnownCrash = ProcessInfo.processInfo.environment["SIGNALS_FUZZ_SKIP_HEADING_INLINES"] == "1"

func mayPutInlineNodesInAHeading(_ text: String) -> Bool {
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
        let trimmed = line.drop { $0 == " " || $0 == ">" || $0 == "-" || $0 == "*" || $0 == "+" || $0 == "\t" }
        if trimmed.hasPrefix("#") && trimmed.contains(where: { "[`<!@:.".contains($0) }) { return true }
        let bare = line.drop { $0 == " " || $0 == ">" || $0 == "\t" }
        if !bare.isEmpty && bare.allSatisfy({ $0 == "=" || $0 == "-" || $0 == " " || $0 == "\t" || $0 == ">" }) { return true }
    }
    return false
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ input: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes = input else { return 0 }
    guard let directives, case .success(let otherPage) = other else { return 0 }
    let text = fuzzText(bytes, count)
    let page: Page
    switch ContentLoader.parse(text, contentPath: "learn/x.md", file: "content/learn/x.md") {
    case .success(let parsed): page = parsed
    case .failure:
        // Not a page: render the whole input as a body instead.
        guard case .success(let parsed) = ContentLoader.parse("---\ntitle: X\n---\n" + text, contentPath: "learn/x.md",
                                                               file: "content/learn/x.md") else { return 0 }
        page = parsed
    }
    if skipKnownCrash && mayPutInlineNodesInAHeading(page.body ?? "") { return 0 }
    let index = SiteIndex(pages: [page, otherPage], settings: SiteSettings(), linkSeverity: .error)
    let links = LinkResolver(index: index, files: ["/css/site.css"], rootPath: "/")
    for raw in [false, true] {
        let renderer = PageRenderer(options: MarkdownOptions(allowRawHTML: raw), links: links, directives: directives, linkSeverity: .error)
        _ = renderer.render(page)
    }
    if !skipKnownCrash { _ = MarkdownRenderer.render(text) }
    return 0
}

@_cdecl("FuzzMarkdown_main")
public func fuzzMarkdownMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzMarkdown)
}
