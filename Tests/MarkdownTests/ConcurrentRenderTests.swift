import Testing
@testable import Markdown

/// cmark-gfm corrupts output when two parses run at once (github/cmark-gfm#221); the renderer serialises
/// the parse. This renders many documents concurrently and compares each with a serial render.
@Suite("Markdown rendered in parallel equals a serial render") struct ConcurrentRenderTests {
    static func document(_ index: Int) -> String {
        """
        # Page \(index)

        Some ~~struck \(index)~~ text with https://example.com/\(index) and www.site\(index).org links.

        | col | n |
        |-----|---|
        | a\(index) | \(index) |

        - [x] task \(index)
        ~~again~~ https://example.org/p\(index)
        """
    }

    @Test func concurrentRendersMatchSerialRenders() async {
        let count = 400
        let serial = (0..<count).map { MarkdownRenderer.render(Self.document($0)).html }
        #expect(serial.allSatisfy { $0.contains("<del>") && $0.contains("<a href=\"https://example.com/") })
        let concurrent = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<count {
                group.addTask { (index, MarkdownRenderer.render(Self.document(index)).html) }
            }
            var results = [String](repeating: "", count: count)
            for await (index, html) in group { results[index] = html }
            return results
        }
        let mismatches = (0..<count).filter { serial[$0] != concurrent[$0] }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(count) concurrent renders differ from the serial render")
    }
}
