import ComputeModel
import Foundation
import Testing
@testable import Site
import SiteTestSupport

/// A seeded sequence of data edits, as an editor makes them week after week, applied to a small site whose pages
/// use every directive; after every step the incremental build's public/ must be byte-identical to a `--no-cache`
/// build of the same inputs. The seed is random unless `SIGNALS_SEED` is set, and printed on failure;
/// `SIGNALS_STEPS` runs more steps (default 300).
@Suite("After each of a seeded run of data edits, an incremental build equals a full one") struct IncrementalPropertyTests {
    /// The fixture site (Tests/SiteTestSupport, shared with the preview's property test).
    static let pages = PropertySite.pages

    /// The run's seed: `SIGNALS_SEED`, or a random one (printed with every failure and at the end).
    static let seed = PropertySite.seed
    /// Steps in all (`SIGNALS_STEPS`, default 300), shared by three independent sequences, run one after the
    /// other (in parallel they starve the preview tests' timeouts on a busy two-core machine).
    static let totalSteps = ProcessInfo.processInfo.environment["SIGNALS_STEPS"].flatMap { Int($0) } ?? 300
    static let lanes = 3

    @Test(.serialized, arguments: 0..<lanes)
    func incrementalBuildsEqualCleanBuildsAfterEveryEdit(lane: Int) async throws {
        // Minutes of blocking work run on a thread of their own: on the two threads of Swift's cooperative pool
        // (two cores) they starve the async preview tests into timeouts.
        let outcome = try await SiteFixtureFiles.onOwnThread(exclusive: true) { try Self.run(lane: lane) }
        for problem in outcome.problems { Issue.record(Comment(rawValue: problem)) }
        print(outcome.summary)
        #expect(outcome.applied > outcome.steps / 2, "SIGNALS_SEED=\(Self.seed): most edits must be valid, or the test tries too little")
    }

    struct Outcome: Sendable {
        var problems: [String] = []
        var summary = ""
        var applied = 0
        var steps = 0
    }

    static func run(lane: Int) throws -> Outcome {
        var outcome = Outcome()
        let seed = Self.seed
        let steps = (Self.totalSteps + Self.lanes - 1) / Self.lanes
        outcome.steps = steps
        let site = try TestSite(Self.pages)
        try site.copyData(from: TestSite.repository.appendingPathComponent("Tests/Fixtures/property-data"))
        var editor = DataEditor(root: site.root, seed: seed &+ UInt64(lane) &* 0x9E37_79B9)
        let started = Date()
        try site.buildIncrementally()
        var applied = 0, rejected = 0
        for step in 1...steps {
            let edit = try editor.applyRandomEdit(step: step)
            let clean = cleanBuild(site)
            let incremental: Result<[String: Data], BuildFailure>
            do {
                try site.buildIncrementally()
                incremental = .success(site.snapshot())
            } catch {
                incremental = .failure(error)
            }
            switch (clean, incremental) {
            case (.success(let expected), .success(let actual)):
                applied += 1
                outcome.applied = applied
                let differing = Set(expected.keys).union(actual.keys).sorted().filter { expected[$0] != actual[$0] }
                guard differing.isEmpty else {
                    outcome.problems.append("SIGNALS_SEED=\(seed) (sequence \(lane)): step \(step) (\(edit)): incremental and clean builds differ in \(differing.prefix(8))")
                    return outcome
                }
            case (.failure(let expected), .failure(let actual)):
                // An edit that breaks the data fails both builds with the same errors; it is undone, as an editor would.
                guard expected.diagnostics == actual.diagnostics else {
                    outcome.problems.append("SIGNALS_SEED=\(seed) (sequence \(lane)): step \(step) (\(edit)): the builds failed differently:\n\(expected)\n---\n\(actual)")
                    return outcome
                }
                rejected += 1
                try editor.undo()
            case (.success, .failure(let failure)):
                outcome.problems.append("SIGNALS_SEED=\(seed) (sequence \(lane)): step \(step) (\(edit)): only the incremental build failed: \(failure)")
                return outcome
            case (.failure(let failure), .success):
                outcome.problems.append("SIGNALS_SEED=\(seed) (sequence \(lane)): step \(step) (\(edit)): only the clean build failed: \(failure)")
                return outcome
            }
        }
        let seconds = Date().timeIntervalSince(started)
        outcome.summary = "sequence \(lane): incremental = clean after \(steps) data edits (\(applied) kept, \(rejected) rejected and undone) in \(String(format: "%.1f", seconds)) s; SIGNALS_SEED=\(seed)"
        return outcome
    }

    static func cleanBuild(_ site: TestSite) -> Result<[String: Data], BuildFailure> {
        PropertySite.cleanBuild(root: site.root, today: TestSite.today)
    }
}
