import ArgumentParser

/// `signals check`: the whole build (every page rendered, every link and figure checked) without writing anything,
/// as `zola check` does. The same as `signals build --dry-run --no-cache`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site (front matter, data, directives, templates, links) without writing anything.",
        discussion: "Renders every page, ignoring .signals-cache/, and reports every error at once; public/ is not touched. Exit status 1 on errors."
    )

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "root"))
    var source: String = "."

    @Flag(name: .long, help: "Include pages marked `draft: true`.")
    var drafts = false

    @Flag(name: .long, help: "Fail on warnings too (old prices, broken links set to warn).")
    var strict = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Check with this base URL instead of baseURL in content/site.yaml.", valueName: "url"))
    var baseURL: String?

    func run() throws {
        var arguments = ["--source", source, "--dry-run", "--no-cache"]
        if drafts { arguments.append("--drafts") }
        if strict { arguments.append("--strict") }
        if let baseURL { arguments += ["--base-url", baseURL] }
        try BuildCommand.parse(arguments).run()
    }
}
