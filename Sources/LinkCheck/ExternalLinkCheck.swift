import Diagnostics
import Foundation

/// `signals check --external`: every http(s) link of the site's sources asked about (answers of the last day
/// taken from `.signals-cache/external-links.json`), the problems as located diagnostics. Never part of a build.
public enum ExternalLinkCheck {
    /// The outcome of one run.
    public struct Report: Sendable {
        /// Broken links (errors), links that land on a home page and links the server refused to answer (warnings),
        /// each at the first place the link is written.
        public var diagnostics: [Diagnostic]
        public var linkCount: Int
        public var fromCache: Int
        public var seconds: Double
        /// No server answered at all: nothing was judged (the one diagnostic says so).
        public var offline = false
        public var broken: Int { diagnostics.filter { $0.severity == .error }.count }

        /// `checked 104 external links (98 answered from the cache) in 3.21 s: 2 broken, 1 on a home page, 3 refused the check`.
        public var summary: String {
            if offline { return "checked no external links: no server answered (\(linkCount) links, \(fromCache) answered from the cache)" }
            let homePages = diagnostics.filter { $0.message.contains("lands on the home page") }.count
            let refused = diagnostics.filter { $0.message.contains("refused") }.count
            let cached = fromCache > 0 ? " (\(fromCache) answered from the cache)" : ""
            return String(format: "checked %d external link%@%@ in %.2f s: ", linkCount, linkCount == 1 ? "" : "s", cached, seconds)
                + "\(broken) broken, \(homePages) on a home page, \(refused) refused the check"
        }
    }

    /// Checks the links of the site at `root`.
    public static func run(root: URL, checker: LinkChecker, useCache: Bool = true,
                           now: @escaping @Sendable () -> Date = { Date() }) async -> Report {
        let started = Date()
        let links = ExternalLinks.collect(root: root)
        var cache = LinkAnswerCache(root: root)
        var answers: [String: LinkAnswer] = [:]
        var toAsk: [String] = []
        for link in links {
            if useCache, let answer = cache.fresh(link.url, now: now()) { answers[link.url] = answer } else { toAsk.append(link.url) }
        }
        let fromCache = answers.count
        let asked = await checker.answers(for: toAsk, now: now)
        // Not one server answered: the machine is offline (or DNS is down), which says nothing about the links.
        if asked.count >= 2, asked.values.allSatisfy({ $0.status == nil }) {
            let reasons = Set(asked.values.compactMap(\.error)).sorted().joined(separator: ", ")
            return Report(diagnostics: [.error(at: SourceLocation(file: "content"), "no server answered any of the \(asked.count) links asked (\(reasons)): is this machine offline? no link was judged",
                                               hint: "run `signals check --external` where the internet is reachable")],
                          linkCount: links.count, fromCache: fromCache, seconds: Date().timeIntervalSince(started), offline: true)
        }
        for (url, answer) in asked {
            answers[url] = answer
            cache.record(url, answer)
        }
        try? cache.save(now: now())
        var diagnostics: [Diagnostic] = []
        for link in links {
            guard let answer = answers[link.url], let first = link.locations.first else { continue }
            let also = link.locations.count > 1
                ? "also at \(link.locations.dropFirst().prefix(3).map(\.description).joined(separator: ", "))\(link.locations.count > 4 ? " and \(link.locations.count - 4) more" : ""); "
                : ""
            switch LinkVerdict(link: link, answer: answer) {
            case .ok: break
            case .broken(let why):
                diagnostics.append(.error(at: first, "broken link \(link.url): \(why)", hint: also + "fix or replace the link (an archived copy: https://web.archive.org/)"))
            case .homePage(let final):
                diagnostics.append(.warning(at: first, "\(link.url) lands on the home page \(final)",
                                            hint: also + "the link cites a specific document; point it at the page that holds what it cites"))
            case .refused(let status):
                diagnostics.append(.warning(at: first, "\(link.url): the server refused an automated check (HTTP \(status))",
                                            hint: also + "open it in a browser to check it"))
            }
        }
        return Report(diagnostics: diagnostics.sorted(), linkCount: links.count, fromCache: fromCache, seconds: Date().timeIntervalSince(started))
    }
}
