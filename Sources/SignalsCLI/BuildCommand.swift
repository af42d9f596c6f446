import ArgumentParser
import Diagnostics
import Foundation
import Site

/// `signals build`: content/ and templates/ into public/.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from content/ and templates/ into public/.",
        discussion: """
        Every error of the build is reported at once as `path:line:column: error: message`, and the \
        exit status is 1. The site is written to a staging folder and swapped in only when the build \
        succeeds, so a failed build leaves the previous output untouched.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "root"))
    var source: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the site (default: <root>/public).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Include pages marked `draft: true`.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Use this base URL instead of baseURL in content/site.yaml (links, sitemap, feed).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Fail on warnings too (old prices, broken links set to warn).")
    var strict = false

    @Flag(name: .customLong("dry-run"), help: "Build and check everything, but write nothing.")
    var dryRun = false

    @Flag(name: .customLong("no-cache"), help: "Render every page again instead of reusing .signals-cache/.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Write the change report (pages rendered again, figures old → new) as JSON.", valueName: "file"))
    var report: String?

    /// After a previous build: the pages rendered again and every figure moved, new or gone, with the rows
    /// that moved it; exactly the `lines` that `--report` writes in its JSON.
    static func printChanges(_ result: BuildResult) {
        for line in result.report.lines { print(line) }
    }

    func run() throws {
        let root = URL(fileURLWithPath: source).standardizedFileURL
        let outputURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let interactive = isatty(STDOUT_FILENO) == 1
        let showProgress: @Sendable (Int, Int) -> Void = { done, total in
            if total >= 1000 { FileHandle.standardOutput.write(Data("\rrendering \(done)/\(total) pages".utf8)) }
        }
        var options = BuildOptions(root: root, output: outputURL, includeDrafts: drafts, strict: strict, dryRun: dryRun,
                                   useCache: !noCache, baseURL: baseURL, progress: interactive ? showProgress : nil)
        let printer = DiagnosticPrinter(root: root)
        let result: BuildResult
        do throws(BuildFailure) {
            options.today = try BuildOptions.sourceDateEpoch() ?? Date()
            result = try SiteBuilder.build(options)
        } catch {
            if interactive { print("") }
            printer.print(error.diagnostics)
            let errors = error.errorCount
            let warnings = error.diagnostics.count - errors
            let outputName = outputURL.map { $0.lastPathComponent } ?? "public"
            var line = "\(errors) error\(errors == 1 ? "" : "s")"
            if warnings > 0 { line += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
            if errors == 0 { line += " (warnings are errors with --strict)" }
            DiagnosticPrinter.standardError("\(line); \(outputName)/ left unchanged\n")
            throw ExitCode(1)
        }
        if interactive && result.pageCount >= 1000 { print("\r", terminator: "") }
        printer.print(result.warnings)
        Self.printChanges(result)
        print(result.summary)
        if let report {
            do {
                try result.report.json().write(to: URL(fileURLWithPath: report))
            } catch {
                DiagnosticPrinter.standardError("error: cannot write the report to \(report): \(error.localizedDescription)\n")
                throw ExitCode(1)
            }
        }
    }
}
