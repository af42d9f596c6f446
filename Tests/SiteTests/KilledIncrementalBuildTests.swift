import Dispatch
import Foundation
import Testing
@testable import Site
import SiteTestSupport

/// An incremental build after a killed one equals a clean build: the cache and its stamp are committed by the
/// same swap that puts the new site in place, so a build killed at any point leaves either the old site with
/// the old cache or the new site with the new cache, never a cache that describes another output.
///
/// Each trial edits the fixture site (a seeded random edit), starts `signals build`, kills it with SIGKILL
/// after a random delay, builds again incrementally, and compares public/ with a `--no-cache` build of the
/// same inputs. `SIGNALS_KILL_TRIALS` sets the number of trials (40 in `make test`; `make stress` runs
/// 500), `SIGNALS_SEED` replays a failing run.
@Suite("Killed builds and the cache", .serialized)
struct KilledIncrementalBuildTests {
    static let trials = ProcessInfo.processInfo.environment["SIGNALS_KILL_TRIALS"].flatMap(Int.init) ?? 40
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
    static let lessons = 30

    /// The fixture: the catalogue's good site (data, a price table, inline figures) plus `lessons` lessons
    /// that each show a price figure, so data edits reach many pages.
    static func writeSite(at root: URL) throws {
        try TestSite.writeFiles(TestSite.defaultTemplates + "\n" + CatalogueSite.good, to: root)
        for number in 0..<lessons {
            try TestSite.writeFiles(lesson(number, version: 0), to: root)
        }
    }

    static func lesson(_ number: Int, version: Int) -> String {
        "-- content/learn/l\(number).md --\n---\ntitle: Lesson \(number) v\(version % 3)\nweight: \(number)\n---\n## Part\n\n"
            + "Version \(version). The median is `{price gpu=h100-sxm type=on-demand stat=median}`; see [prices](prices.md).\n"
    }

    /// One random edit: a lesson's text, a lesson's title (every page's lists change), a price, a new page,
    /// a removed page, a template.
    static func edit(_ root: URL, random: inout SeededGenerator) throws -> String {
        let number = Int(random.next() % UInt64(lessons))
        switch random.next() % 6 {
        case 0:
            try TestSite.writeFiles(lesson(number, version: Int(random.next() % 1000) * 3), to: root)
            return "text of l\(number)"
        case 1:
            try TestSite.writeFiles(lesson(number, version: Int(random.next() % 1000)), to: root)
            return "title of l\(number)"
        case 2:
            // Few values, so that a price often returns to one an earlier (killed) build saw: a cache that
            // describes another output than public/ would then reuse a stale page.
            let price = [29.99, 31.92, 35.5][Int(random.next() % 3)]
            var rows = CatalogueSite.priceRows
            rows[0] = rows[0].replacingOccurrences(of: ",31.92,", with: ",\(String(format: "%.2f", price)),")
            try TestSite.writeFiles("-- content/data/prices.csv --\n" + ([CatalogueSite.priceHeader] + rows).joined(separator: "\n") + "\n", to: root)
            return "price \(price)"
        case 3:
            try TestSite.writeFiles("-- content/learn/extra\(number).md --\n---\ntitle: Extra \(number)\n---\nText.\n", to: root)
            return "page extra\(number)"
        case 4:
            let extras = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content/learn").path)) ?? [])
                .filter { $0.hasPrefix("extra") }.sorted()
            guard !extras.isEmpty else { return "nothing" }
            let name = extras[Int(random.next() % UInt64(extras.count))]
            try FileManager.default.removeItem(at: root.appendingPathComponent("content/learn/\(name)"))
            return "removed \(name)"
        default:
            let mark = random.next() % 1000
            try TestSite.writeFiles("-- templates/lesson.mustache --\n{{<base}}{{$main}}<h1>{{page.title}}</h1><p>t\(mark)</p>{{{page.content}}}{{/main}}{{/base}}\n", to: root)
            return "template t\(mark)"
        }
    }

    /// Every file of a folder, path → bytes.
    static func files(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? FileManager.DirectoryEnumerator() {
            var isFolder: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }

    /// What the trials found (checked by the test on its own task: the trials run on a thread of their own,
    /// so that waiting for processes never blocks the cooperative pool other suites' servers need).
    struct Outcome: Sendable {
        var failures: [String] = []
        var killedMidway = 0
    }

    @Test("after a build killed at a random point, the next build equals a --no-cache build")
    func killedThenIncremental() async throws {
        let outcome = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Outcome, Error>) in
            Thread { continuation.resume(with: Result { try Self.runTrials() }) }.start()
        }
        #expect(outcome.failures.isEmpty, "\(outcome.failures.joined(separator: "\n"))")
        // The delays must really interrupt builds, or the test proves nothing.
        #expect(outcome.killedMidway > Self.trials / 4, "only \(outcome.killedMidway) of \(Self.trials) builds were killed before they ended (seed \(Self.seed))")
    }

    static func runTrials() throws -> Outcome {
        var outcome = Outcome()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-killed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try writeSite(at: root)
        guard try SignalsBinary.run(["build", "--source", root.path], in: root).status == 0 else {
            return Outcome(failures: ["the fixture site did not build"])
        }
        // How long one incremental build takes here: kills land anywhere from before it starts to after it ends.
        let started = Date()
        var timing = SeededGenerator(seed: 1)
        _ = try edit(root, random: &timing)
        _ = try SignalsBinary.run(["build", "--source", root.path], in: root)
        let buildNanoseconds = UInt64(max(0.02, Date().timeIntervalSince(started)) * 1.3e9)

        var random = SeededGenerator(seed: seed)
        let clean = root.appendingPathComponent("clean")
        for trial in 0..<trials {
            let edit = try edit(root, random: &random)
            let (process, out, err) = try SignalsBinary.start(["build", "--source", root.path], in: root)
            let delay = random.next() % buildNanoseconds
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .nanoseconds(Int(delay)))
            if process.isRunning {
                outcome.killedMidway += 1
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)

            let next = try SignalsBinary.run(["build", "--source", root.path], in: root)
            let reference = try SignalsBinary.run(["build", "--source", root.path, "--no-cache", "--output", clean.path], in: root)
            guard next.status == 0 && reference.status == 0 else {
                outcome.failures.append("seed \(seed), trial \(trial): a build failed: \(next.stderr) \(reference.stderr)")
                return outcome
            }
            let incremental = files(in: root.appendingPathComponent("public")), expected = files(in: clean)
            if incremental != expected {
                let differing = Set(incremental.keys).union(expected.keys).filter { incremental[$0] != expected[$0] }.sorted()
                outcome.failures.append("""
                    seed \(seed) (replay with SIGNALS_SEED=\(seed)), trial \(trial) after '\(edit)', killed after \(delay / 1_000_000) ms: \
                    the incremental build differs from --no-cache in \(differing.count) files: \(differing.prefix(10).joined(separator: ", "))
                    """)
                return outcome
            }
        }
        return outcome
    }
}
