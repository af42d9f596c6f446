import Foundation
import Testing
@testable import Site

/// Inputs the fuzzers in fuzz/ found. Each is built by the `signals` binary in a subprocess, so a crash fails
/// the test instead of killing the test run.
@Suite("Catalogue: fuzz regressions")
struct FuzzRegressions {
    /// Builds the catalogue's good site plus `files` with the binary; the run's status and output.
    func buildWithBinary(_ files: String) throws -> (SignalsBinary.Run, TestSite) {
        let site = try TestSite(CatalogueSite.good + "\n" + files)
        let run = try SignalsBinary.run(["build", "--source", site.root.path, "--no-cache"], in: site.root)
        return (run, site)
    }

    /// Found by FuzzMarkdown (fuzz/.build-fuzz/artifacts/markdown-crash-f67d21c2…, minimised by hand): the heading is
    /// wrapped (its node freed) before the links and figures collected inside it are rewritten — a use-after-free.
    @Test("a link inside a heading builds and is rewritten")
    func linkInHeading() throws {
        let (run, site) = try buildWithBinary("-- content/learn/x.md --\n---\ntitle: X\n---\n## See [the formula](gpu-hour.md#formula) here\n\n## Also [home](../_index.md)\n")
        #expect(run.status == 0, "\(run.stderr.prefix(400))")
        let html = try #require(site.output("learn/x/index.html"))
        #expect(html.contains("<h2 id=\"see-the-formula-here\">See <a href=\"/learn/gpu-hour/#formula\">the formula</a> here</h2>"))
        #expect(html.contains("<a href=\"/\">home</a>"))
    }

    @Test("an inline figure inside a heading builds and shows its value")
    func figureInHeading() throws {
        let (run, site) = try buildWithBinary("-- content/learn/x.md --\n---\ntitle: X\n---\n## Price today: `{price gpu=h100-sxm type=on-demand stat=median}`\n")
        #expect(run.status == 0, "\(run.stderr.prefix(400))")
        let html = try #require(site.output("learn/x/index.html"))
        #expect(html.contains("<button type=\"button\" class=\"figure\""))
    }

    /// Minimised by libFuzzer from 24 FuzzMarkdown crashes: `[]()` then `-` is a setext heading holding an (empty) link.
    @Test("a link inside a setext heading builds")
    func linkInSetextHeading() throws {
        let (run, site) = try buildWithBinary("-- content/learn/x.md --\n---\ntitle: X\n---\n[]()\n-\n\nSee [the formula](gpu-hour.md#formula)\n===\n")
        #expect(run.status == 0, "\(run.stderr.prefix(400))")
        #expect(site.output("learn/x/index.html")?.contains("<h1 id=\"see-the-formula\">See <a href=\"/learn/gpu-hour/#formula\">the formula</a></h1>") == true)
    }

    @Test("a broken link inside a heading is reported, not a crash")
    func brokenLinkInHeading() throws {
        let (run, _) = try buildWithBinary("-- content/learn/x.md --\n---\ntitle: X\n---\n## See [it](nowhere.md)\n")
        #expect(run.status == 1)
        #expect(run.errorLines == ["content/learn/x.md:4:13: error: link to a missing page 'nowhere.md' (no content/learn/nowhere.md)"])
    }

    @Test("a heading without links or figures still builds (control for the cases above)")
    func plainHeading() throws {
        let (run, site) = try buildWithBinary("-- content/learn/x.md --\n---\ntitle: X\n---\n## Plain *heading* with `code`\n\n[a link](gpu-hour.md) after it.\n")
        #expect(run.status == 0, "\(run.stderr.prefix(400))")
        #expect(site.output("learn/x/index.html")?.contains("<h2 id=\"plain-heading-with-code\">Plain <em>heading</em> with <code>code</code></h2>") == true)
    }
}
