import FuzzSupport
import Site

// Front matter: the `---` splitter, the YAML parser and typed fields, and ContentLoader.parse (which routes the page).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ input: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes = input else { return 0 }
    let text = fuzzText(bytes, count)
    if case .success(let split) = FrontMatter.split(text, file: "content/x.md") {
        _ = FrontMatter.parse(split.frontMatter, file: "content/x.md", lineOffset: split.frontMatterStartLine - 1)
    }
    _ = ContentLoader.parse(text, contentPath: "learn/x.md", file: "content/learn/x.md")
    return 0
}

@_cdecl("FuzzFrontMatter_main")
public func fuzzFrontMatterMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzFrontMatter)
}
