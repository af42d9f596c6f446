import Diagnostics
import FuzzSupport
import Markdown
@testable import Site

// A whole page: ContentLoader.parse (front matter), then Markdown with directives, inline figures and links,
// rendered the way the build renders it (PageRenderer), with raw HTML off and on.
let directives: ComputeDirectives? = FuzzData.data.map { ComputeDirectives(data: $0, maxPriceAgeDays: 90, dataURL: "/data/") }
let other = ContentLoader.parse("---\ntitle: Other\n---\n## Formula\n", contentPath: "learn/other.md", file: "content/learn/other.md")

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
    let index = SiteIndex(pages: [page, otherPage], settings: SiteSettings(), linkSeverity: .error)
    let links = LinkResolver(index: index, files: ["/css/site.css"], rootPath: "/")
    for raw in [false, true] {
        let renderer = PageRenderer(options: MarkdownOptions(allowRawHTML: raw), links: links, directives: directives, linkSeverity: .error)
        _ = renderer.render(page)
    }
    _ = MarkdownRenderer.render(text)
    return 0
}

@_cdecl("FuzzMarkdown_main")
public func fuzzMarkdownMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzMarkdown)
}
