import Foundation
import Testing
@testable import Site

/// Nothing from outside the site reaches public/: symbolic links out of the site, link loops, broken links,
/// unreadable folders, names that break URLs, oversized inputs. Each case gives a located error (or the
/// documented behaviour), exit status 1 and public/ unchanged.
@Suite("Catalogue: files from outside the site, odd names, limits")
struct OutsideFilesCatalogue {
    /// A folder outside every test site, holding a "secret" that must never be read into a site.
    static func outsideFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signals-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try "SECRET".write(to: folder.appendingPathComponent("shadow"), atomically: true, encoding: .utf8)
        try "---\ntitle: Outside page\n---\nSECRET page.\n".write(to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        return folder
    }

    func link(_ site: CatalogueSite, _ path: String, to target: String) throws {
        let url = site.site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Every path under public/ that is a symbolic link, and every file whose text holds the outside secret.
    func leaks(_ site: CatalogueSite) -> [String] {
        let base = site.site.root.appendingPathComponent("public")
        var found: [String] = []
        for case let path as String in FileManager.default.enumerator(atPath: base.path) ?? FileManager.DirectoryEnumerator() {
            let full = base.appendingPathComponent(path).path
            var info = stat()
            if lstat(full, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { found.append("link: \(path)") }
            if let data = FileManager.default.contents(atPath: full), String(decoding: data, as: UTF8.self).contains("SECRET") {
                found.append("secret: \(path)")
            }
        }
        return found
    }

    @Test("a folder link out of the site is an error naming the link and its target; nothing of it is copied")
    func folderLinkOut() throws {
        let outside = try Self.outsideFolder()
        let site = try CatalogueSite()
        try link(site, "content/etcl", to: outside.path)
        let outcome = try site.breakWith()
        let real = try #require(FolderWalker.realPath(outside.path))
        #expect(outcome.lines == ["content/etcl: error: 'content/etcl' is a symbolic link to '\(real)', outside the site"])
        #expect(outcome.diagnostics.first?.hint?.contains("allowSymlinksInto: [\(real)]") == true)
        #expect(leaks(site).isEmpty)
    }

    @Test("a file link out of the site in templates/static/ and a linked page from outside are errors")
    func fileLinksOut() throws {
        let outside = try Self.outsideFolder()
        let site = try CatalogueSite()
        try link(site, "templates/static/shadow", to: outside.appendingPathComponent("shadow").path)
        try link(site, "content/learn/outside.md", to: outside.appendingPathComponent("page.md").path)
        let outcome = try site.breakWith()
        let real = try #require(FolderWalker.realPath(outside.path))
        #expect(outcome.lines == [
            "content/learn/outside.md: error: 'content/learn/outside.md' is a symbolic link to '\(real)/page.md', outside the site",
            "templates/static/shadow: error: 'templates/static/shadow' is a symbolic link to '\(real)/shadow', outside the site",
        ])
    }

    @Test("allowSymlinksInto names an outside folder explicitly; its files are copied as files, never as links")
    func allowedOutsideFolder() throws {
        let outside = try Self.outsideFolder()
        let site = try CatalogueSite()
        try site.site.write("-- content/site.yaml --\ntitle: Catalogue\nbaseURL: https://catalogue.example/\nmaxPriceAgeDays: 100000\nallowSymlinksInto: [\(outside.path)]\n")
        try link(site, "templates/static/shared", to: outside.appendingPathComponent("inner").path)
        try "shared".write(to: outside.appendingPathComponent("inner/logo.txt"), atomically: true, encoding: .utf8)
        try site.buildsWith()
        #expect(site.site.output("shared/logo.txt") == "shared")
        #expect(leaks(site).isEmpty)
    }

    @Test("links that stay inside the site are followed once and copied as files")
    func insideLinks() throws {
        let site = try CatalogueSite()
        try site.site.write("-- templates/static/img/dot.txt --\ndot\n")
        try link(site, "templates/static/pictures", to: "img")
        try link(site, "content/learn/dot.txt", to: "../../templates/static/img/dot.txt")
        try site.buildsWith()
        #expect(site.site.output("pictures/dot.txt") == "dot\n\n")
        #expect(site.site.output("learn/dot.txt") == "dot\n\n")
        #expect(leaks(site).isEmpty)
    }

    @Test("two self-links are two loop errors, found at once, not a walk of 2^40 paths")
    func linkLoops() throws {
        let site = try CatalogueSite()
        try link(site, "templates/static/a", to: ".")
        try link(site, "templates/static/b", to: ".")
        let start = Date()
        let outcome = try site.breakWith()
        #expect(Date().timeIntervalSince(start) < 30)
        let real = try #require(FolderWalker.realPath(site.site.root.appendingPathComponent("templates/static").path))
        #expect(outcome.lines == [
            "templates/static/a: error: symbolic link loop: 'templates/static/a' points to '\(real)', a folder that contains the link",
            "templates/static/b: error: symbolic link loop: 'templates/static/b' points to '\(real)', a folder that contains the link",
        ])
    }

    @Test("a link to nothing is an error naming what it points to")
    func brokenLink() throws {
        let site = try CatalogueSite()
        try link(site, "content/learn/gone.md", to: "nowhere.md")
        let outcome = try site.breakWith()
        #expect(outcome.lines == ["content/learn/gone.md: error: broken symbolic link: 'content/learn/gone.md' points to 'nowhere.md', which does not exist"])
    }

    @Test("a data file linked from outside is an error and is not read")
    func dataLinkOut() throws {
        let outside = try Self.outsideFolder()
        let site = try CatalogueSite()
        try FileManager.default.moveItem(at: site.site.root.appendingPathComponent("content/data/prices.csv"), to: outside.appendingPathComponent("prices.csv"))
        try link(site, "content/data/prices.csv", to: outside.appendingPathComponent("prices.csv").path)
        let outcome = try site.breakWith()
        let real = try #require(FolderWalker.realPath(outside.path))
        #expect(outcome.lines == ["content/data/prices.csv: error: 'content/data/prices.csv' is a symbolic link to '\(real)/prices.csv', outside the site"])
    }

    @Test("names that would break a URL are refused with the name and a suggestion", arguments: [
        ("hash#frag.md", "'#'", "hash-frag.md"), ("what now?.md", "a space", "what-now-.md"), ("100%.md", "'%'", "100-.md"),
    ])
    func oddNames(name: String, shown: String, suggestion: String) throws {
        let site = try CatalogueSite()
        let outcome = try site.breakWith("-- content/learn/\(name) --\n---\ntitle: Odd\n---\nText.\n")
        #expect(outcome.lines == ["content/learn/\(name): error: the name '\(name)' has \(shown), which breaks the page's URL"])
        #expect(outcome.diagnostics.first?.hint == "rename it with letters, digits, '-', '_' or '.' only (for example '\(suggestion)')")
    }

    @Test("a tag with no letter or digit is an error at its line, not an empty link")
    func emptyTag() throws {
        let outcome = try CatalogueSite().breakWith("-- content/learn/t.md --\n---\ntitle: T\ntags: [pricing, '..']\n---\nText.\n")
        #expect(outcome.lines == ["content/learn/t.md:3:17: error: the tag '..' has no letter or digit, so it can have no page or link"])
    }

    @Test("x/index.md is the page /x/ (a page bundle); beside x.md it is a clash")
    func pageBundles() throws {
        let site = try CatalogueSite()
        try site.buildsWith("-- content/learn/bundle/index.md --\n---\ntitle: Bundle\n---\n![dot](dot.png)\n-- content/learn/bundle/dot.png --\npng\n")
        #expect(site.site.output("learn/bundle/index.html")?.contains("<h1>Bundle</h1>") == true)
        #expect(site.site.output("learn/bundle/dot.png") == "png\n\n")
        #expect(!site.site.exists("learn/bundle/index/index.html"))
        #expect(site.site.output("learn/index.html")?.contains("href=\"/learn/bundle/\"") == true)
        let outcome = try site.breakWith("-- content/learn/bundle.md --\n---\ntitle: Clash\n---\nText.\n")
        #expect(outcome.lines == ["content/learn/bundle/index.md:1:1: error: content/learn/bundle/index.md and content/learn/bundle.md both map to the URL /learn/bundle/"])
    }

    @Test("text that a spreadsheet would run as a formula is neutralised in CSV downloads")
    func csvInjection() throws {
        let site = try CatalogueSite()
        let header = CatalogueSite.priceHeader.split(separator: ",").map(String.init)
        var row = CatalogueSite.priceRows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let provider = try #require(header.firstIndex(of: "provider"))
        row[provider] = "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""
        try site.buildsWith("-- content/data/prices.csv --\n" + ([CatalogueSite.priceHeader, row.joined(separator: ",")] + CatalogueSite.priceRows.dropFirst()).joined(separator: "\n") + "\n")
        let csv = try #require(site.site.output("learn/prices/prices-1.csv"))
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), "\(csv)")
        #expect(!csv.split(separator: "\n").contains { $0.split(separator: ",").contains { $0.hasPrefix("=") } })
    }

    @Test("front matter and pages over their size limits are errors, found without parsing them")
    func sizeLimits() throws {
        let site = try CatalogueSite()
        let longSummary = String(repeating: "x", count: InputLimits.frontMatterBytes + 10)
        let start = Date()
        let outcome = try site.breakWith("-- content/learn/long.md --\n---\ntitle: Long\nsummary: \(longSummary)\n---\nText.\n")
        #expect(outcome.lines == ["content/learn/long.md:1:1: error: the front matter is over the limit of 64 KiB"])
        #expect(Date().timeIntervalSince(start) < 30)
        let big = try CatalogueSite()
        let outcomeBig = try big.breakWith(bytes: ["content/learn/big.md": Array("---\ntitle: Big\n---\n".utf8) + Array(repeating: 0x61, count: InputLimits.pageBytes)])
        #expect(outcomeBig.lines == ["content/learn/big.md: error: the page is 16 MiB, over the limit of 16 MiB for a page"])
    }

    @Test("'updated' earlier than 'date' is a warning at the updated line")
    func updatedBeforeDate() throws {
        let site = try CatalogueSite()
        let result = try #require(try site.buildsWith("-- content/learn/dated.md --\n---\ntitle: Dated\ndate: 2026-05-01\nupdated: 2026-04-01\n---\nText.\n"))
        #expect(result.warnings.map(\.description).contains {
            $0.hasPrefix("content/learn/dated.md:4:1: warning: 'updated' (2026-04-01) is earlier than 'date' (2026-05-01)")
        })
    }

    /// As a user without root rights (root reads everything): `chmod 000` on a folder of content/ is an error
    /// naming it, exit 1, public/ unchanged. Run with the `signals` binary as user `nobody` when the tests run as root.
    @Test("an unreadable folder is an error with its path, and public/ is left as it was")
    func unreadableFolder() throws {
        let site = try CatalogueSite()
        try site.site.write("-- content/extra/page.md --\n---\ntitle: Extra\n---\nText.\n")
        try site.site.build()
        let before = site.site.snapshot()
        #expect(before["extra/page/index.html"] != nil)
        let extra = site.site.root.appendingPathComponent("content/extra")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: extra.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: extra.path) }
        let binary = try #require(SignalsBinary.url)
        var arguments = [binary.path, "build", "--source", site.site.root.path]
        if getuid() == 0 {
            // Hand the site to `nobody` so that only the unreadable folder is out of its reach.
            let chown = Process()
            chown.executableURL = URL(fileURLWithPath: "/bin/chown")
            chown.arguments = ["-R", "65534:65534", site.site.root.path]
            try chown.run()
            chown.waitUntilExit()
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: getuid() == 0 ? "/usr/bin/setpriv" : binary.path)
        process.arguments = getuid() == 0 ? arguments : Array(arguments.dropFirst())
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(text)")
        #expect(text.contains("content/extra: error: cannot read the folder 'content/extra': Permission denied"), "\(text)")
        #expect(site.site.snapshot() == before)
    }
}
