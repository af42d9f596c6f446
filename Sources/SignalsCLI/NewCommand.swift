import ArgumentParser
import Foundation
import Site

/// `signals new learn/what-is-hbm.md`: a new draft page with its front matter filled in (Hugo's `hugo new content`).
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a draft page under content/ with its front matter filled in.",
        discussion: """
        The page starts as `draft: true`: `signals serve --drafts` and `signals build --drafts` show it; a \
        plain build leaves it out. The front matter is complete: the title comes from the file name, sentence-cased \
        with acronyms kept (what-is-hbm.md → "What is HBM"); a summary placeholder; the kind (--kind, else \
        concept); a weight after the last page of its folder; today's date (SOURCE_DATE_EPOCH when set). \
        Nothing is opened.
        """
    )

    @Argument(help: ArgumentHelp("The page's path inside content/, e.g. learn/what-is-hbm.md.", valueName: "path"))
    var path: String

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "root"))
    var source: String = "."

    @Option(name: .long, help: "The page's kind: basics, concept, unit, compare, workloads, market or reference.")
    var kind: String?

    /// Now, or `SOURCE_DATE_EPOCH` (seconds since 1970) when set, for reproducible runs.
    static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int(text.trimmingCharacters(in: .whitespaces)) {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }

    func run() throws {
        let root = URL(fileURLWithPath: source).standardizedFileURL
        switch NewPage.create(path: path, root: root, kind: kind, today: Self.today()) {
        case .success(let created):
            print("created \(created) (a draft: see it with `signals serve --drafts`; remove `draft: true` to publish)")
        case .failure(let problem):
            FileHandle.standardError.write(Data("error: \(problem.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
