import Foundation
import Preview
import Site
@testable import SignalsCLI
import SitePreview
import SiteTestSupport
import Testing

/// `signals serve` after each save: a seeded sequence of data edits (the generator of the incremental property
/// test) is saved one at a time into the fixture site, and after each the preview session rebuilds its folder
/// (.signals-cache/serve/site) as the server's watcher would have it do. The served files must be byte-identical
/// to a `--no-cache` build of the same inputs; a save that breaks the data must leave the last good site served;
/// and every page whose HTML changed must be among the paths the session tells open browsers to reload.
/// `SIGNALS_SEED` replays a sequence; `SIGNALS_SERVE_STEPS` runs more steps (default 60).
@Suite("signals serve after each save serves what a full build writes") struct PreviewPropertyTests {
    static let steps = ProcessInfo.processInfo.environment["SIGNALS_SERVE_STEPS"].flatMap { Int($0) } ?? 60

    @Test func theServedSiteEqualsACleanBuildAfterEverySave() async throws {
        let seed = PropertySite.seed &+ 0x5E5E
        // Blocking builds run on a thread of their own, off the cooperative pool.
        let outcome = try await SiteFixtureFiles.onOwnThread(exclusive: true) { try Self.run(seed: seed, steps: Self.steps) }
        for problem in outcome.problems { Issue.record(Comment(rawValue: problem)) }
        print(outcome.summary)
        #expect(outcome.applied > Self.steps / 2, "SIGNALS_SEED=\(PropertySite.seed): most edits must be valid, or the test tries too little")
        #expect(outcome.reloads > 0, "SIGNALS_SEED=\(PropertySite.seed): no save changed a page, so the reload check tried nothing")
    }

    struct Outcome: Sendable {
        var problems: [String] = []
        var summary = ""
        var applied = 0
        var reloads = 0
    }

    static func run(seed: UInt64, steps: Int) throws -> Outcome {
        var outcome = Outcome()
        let root = try PropertySite.create()
        defer { try? FileManager.default.removeItem(at: root) }
        let served = ServeCommand.previewFolder(root: root)
        try FileManager.default.createDirectory(at: served.deletingLastPathComponent(), withIntermediateDirectories: true)
        let session = PreviewSession(options: BuildOptions(root: root, output: served, useCache: true), today: { PropertySite.today })
        let started = Date()
        guard case .success = session.rebuild() else {
            outcome.problems.append("SIGNALS_SEED=\(PropertySite.seed): the first preview build failed: \(session.lastDiagnostics)")
            return outcome
        }
        var editor = DataEditor(root: root, seed: seed)
        var previous = SiteFixtureFiles.files(in: served)
        var rejected = 0
        for step in 1...steps {
            let edit = try editor.applyRandomEdit(step: step)
            let clean = PropertySite.cleanBuild(root: root)
            let rebuilt = session.rebuild()
            let now = SiteFixtureFiles.files(in: served)
            let label = "SIGNALS_SEED=\(PropertySite.seed): step \(step) (\(edit))"
            switch (clean, rebuilt) {
            case (.success(let expected), .success(let reloaded)):
                outcome.applied += 1
                let differing = Set(expected.keys).union(now.keys).sorted().filter { expected[$0] != now[$0] }
                guard differing.isEmpty else {
                    outcome.problems.append("\(label): the served site differs from a clean build in \(differing.prefix(8))")
                    return outcome
                }
                let changedPages = now.keys.filter { $0.hasSuffix("index.html") && previous[$0] != now[$0] }.sorted()
                let missed = changedPages.filter { !reloaded.contains(PreviewSession.urlPath($0)) }
                guard missed.isEmpty else {
                    outcome.problems.append("\(label): pages changed but open browsers were not told to reload them: \(missed)")
                    return outcome
                }
                outcome.reloads += changedPages.count
            case (.failure, .failure):
                // The preview keeps serving the last good site until the data is fixed; the edit is undone.
                guard now == previous else {
                    outcome.problems.append("\(label): a failed rebuild changed the served site")
                    return outcome
                }
                rejected += 1
                try editor.undo()
            case (.success, .failure(let messages)):
                outcome.problems.append("\(label): only the preview's rebuild failed: \(messages)")
                return outcome
            case (.failure(let failure), .success):
                outcome.problems.append("\(label): only the clean build failed: \(failure)")
                return outcome
            case (_, .superseded):
                outcome.problems.append("\(label): a build nobody cancelled reported itself superseded")
                return outcome
            }
            previous = now
        }
        let seconds = Date().timeIntervalSince(started)
        outcome.summary = "serve: served site = clean build after \(steps) saves (\(outcome.applied) kept, \(rejected) rejected and undone, \(outcome.reloads) page reloads) in \(String(format: "%.1f", seconds)) s; SIGNALS_SEED=\(PropertySite.seed)"
        return outcome
    }
}

extension RebuildOutcome {
    /// Whether a successful rebuild tells pages open at `path` to reload (everything after the first build).
    func contains(_ path: String) -> Bool {
        guard case .success(let paths) = self else { return false }
        return paths.contains(path) || paths.contains(RebuildOutcome.everyPath)
    }
}
