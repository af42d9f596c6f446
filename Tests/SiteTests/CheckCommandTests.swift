import Foundation
import Testing

/// `signals check` (Zola's habit): every page rendered and checked, nothing written, exit status as for a build.
@Suite("signals check: every page rendered and checked, nothing written") struct CheckCommandTests {
    static let site = """
    -- content/_index.md --
    ---
    title: Home
    ---
    See [the lesson](learn/one.md).
    -- content/learn/one.md --
    ---
    title: One
    ---
    Back [home](../_index.md).
    """

    @Test func aGoodSiteIsCheckedAndNothingIsWritten() throws {
        let site = try TestSite(Self.site)
        let run = try SignalsBinary.run(["check"], in: site.root)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("checked 2 pages in "))
        #expect(run.stdout.contains(": no errors, nothing written"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public").path))
    }

    @Test func errorsAreReportedAtOnceWithExitStatus1() throws {
        let site = try TestSite(Self.site + "\n-- content/learn/two.md --\n---\ntitel: Two\n---\nText.\n-- content/learn/three.md --\n---\ntitle: Three\n---\nSee [missing](nowhere.md).\n")
        let run = try SignalsBinary.run(["check"], in: site.root)
        #expect(run.status == 1)
        #expect(run.errorLines.contains { $0 == "content/learn/three.md:4:15: error: link to a missing page 'nowhere.md' (no content/learn/nowhere.md)" }, "\(run.errorLines)")
        #expect(run.errorLines.contains { $0.hasPrefix("content/learn/two.md:2:1: error: unknown front-matter key 'titel'") }, "\(run.errorLines)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public").path))
    }
}
