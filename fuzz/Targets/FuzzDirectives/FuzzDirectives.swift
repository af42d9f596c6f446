import Diagnostics
import FuzzSupport
@testable import Site

// Directive parameters: the first byte picks a directive; the rest is its YAML body, and also an inline figure's text.
let directives: ComputeDirectives? = FuzzData.data.map { ComputeDirectives(data: $0, maxPriceAgeDays: 90, dataURL: "/data/") }
let names = DirectiveRegistry.names

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectives(_ input: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes = input else { return 0 }
    guard let directives, count > 0 else { return 0 }
    let name = names[Int(bytes[0]) % names.count]
    let text = fuzzText(bytes + 1, count - 1)
    let at = SourceLocation(file: "content/x.md", line: 5, column: 1)
    _ = directives.renderBlock(name: name, body: text, at: at, slug: "\(name)-1", pageDate: nil)
    _ = directives.renderInline(text, at: at)
    _ = directives.renderInline("price " + text, at: at)
    _ = directives.renderInline("spec " + text, at: at)
    return 0
}

@_cdecl("FuzzDirectives_main")
public func fuzzDirectivesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzDirectives)
}
