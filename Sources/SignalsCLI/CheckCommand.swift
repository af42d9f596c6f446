import ArgumentParser
import Foundation
import LinkCheck

/// `signals check`: the whole build (every page rendered, every link and figure checked) without writing anything,
/// as `zola check` does. The same as `signals build --dry-run --no-cache`. With `--external`, every http(s) link
/// of the sources is also asked about (never during a build).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site (front matter, data, directives, templates, links) without writing anything.",
        discussion: """
        Renders every page, ignoring .signals-cache/, and reports every error at once; public/ is not touched. \
        With --external, also asks the server of every http(s) link in content/ (Markdown links, and every URL of \
        the data files: the sources of prices, specs and facts): HEAD, then GET when HEAD is refused, redirects \
        followed, 8 at a time. Broken links (404, 410, 5xx, no answer within --timeout) are errors at the file:line \
        that holds the link; a link to a specific document that lands on a bare home page (path / after redirects) \
        and a server that refuses automated checks (401, 403, 429) are warnings. Answers are kept for a day in \
        .signals-cache/external-links.json (--refresh asks again). `signals build` never checks external links. \
        Exit status 1 on errors.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "root"))
    var source: String = "."

    @Flag(name: .long, help: "Include pages marked `draft: true`.")
    var drafts = false

    @Flag(name: .long, help: "Fail on warnings too (old prices, broken links set to warn).")
    var strict = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Check with this base URL instead of baseURL in content/site.yaml.", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Also check every http(s) link of content/ and content/data/ over the network.")
    var external = false

    @Flag(name: .long, help: "With --external: ask every server again instead of using the answers of the last day.")
    var refresh = false

    @Option(name: .long, help: ArgumentHelp("With --external: seconds to wait for each server.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(name: .long, help: ArgumentHelp("With --external: requests at a time.", valueName: "n"))
    var jobs: Int = 8

    func run() async throws {
        var arguments = ["--source", source, "--dry-run", "--no-cache"]
        if drafts { arguments.append("--drafts") }
        if strict { arguments.append("--strict") }
        if let baseURL { arguments += ["--base-url", baseURL] }
        var failed = false
        do {
            try BuildCommand.parse(arguments).run()
        } catch let exit as ExitCode where external && exit.rawValue != 0 {
            failed = true
        }
        if external {
            let root = URL(fileURLWithPath: source).standardizedFileURL
            let report = await ExternalLinkCheck.run(root: root, checker: LinkChecker(timeout: timeout, concurrency: jobs), useCache: !refresh)
            DiagnosticPrinter(root: root).print(report.diagnostics)
            say(report.summary)
            if report.broken > 0 || (strict && !report.diagnostics.isEmpty) { failed = true }
        }
        if failed { throw ExitCode(1) }
    }
}
