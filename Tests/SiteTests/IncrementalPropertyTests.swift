import ComputeModel
import Foundation
import Testing
@testable import Site

/// A seeded sequence of data edits, as an editor makes them week after week, applied to a small site whose pages
/// use every directive; after every step the incremental build's public/ must be byte-identical to a `--no-cache`
/// build of the same inputs. The seed is random unless `SIGNALS_SEED` is set, and printed on failure;
/// `SIGNALS_STEPS` runs more steps (default 300).
@Suite struct IncrementalPropertyTests {
    static let pages = """
    -- content/_index.md --
    ---
    title: Home
    ---
    Nothing computed here.
    -- content/learn/figures.md --
    ---
    title: Figures
    date: 2026-10-01
    ---
    Median H100 `{price gpu=h100-sxm type=on-demand stat=median}`, spot providers `{price gpu=h100-sxm type=spot stat=providers}`,
    A100 spot `{price gpu=a100-sxm type=spot stat=count}`; H200 bandwidth `{spec gpu=h200 field=bandwidth}`;
    B200 $/PFLOP-hour `{spec gpu=b200 field=usd-per-pflop-hour}`; MFU `{assumption name=mfu}`; PUE `{assumption name=pue}`;
    Xeon `{spec cpu=xeon-8480 field=cores}`; HBM share `{fact name=hbm-share-sk-hynix-q2-2025}`.
    -- content/learn/compare.md --
    ---
    title: Compare
    ---
    ```{compare}
    cpus: [xeon-8480]
    gpus: [h100-sxm, h200-sxm, b200]
    metrics: [bf16-dense, memory, bandwidth, median-price, usd-per-pflop-hour]
    ```

    ```{prices}
    gpu: h100-sxm
    type: on-demand
    ```
    -- content/learn/history.md --
    ---
    title: History
    ---
    ```{price-history}
    gpu: h100-sxm
    types: [on-demand, spot, contract]
    ```
    -- content/learn/examples.md --
    ---
    title: Examples
    date: 2026-09-15
    updated: 2026-10-20
    ---
    ```{worked-example}
    kind: training
    params: 70e9
    tokens: 1.4e12
    gpu: h100-sxm
    ```

    ```{worked-example}
    kind: gpu-hours
    gpu: b200
    gpus: 8
    hours: 24
    ```

    ```{worked-example}
    kind: own-vs-rent
    gpu: h100-sxm
    ```

    ```{worked-example}
    kind: energy
    gpu: h200-sxm
    ```

    ```{worked-example}
    kind: cpu-vs-gpu
    cpu: xeon-8480
    gpu: h100-sxm
    params: 7e9
    tokens: 140e9
    ```
    -- content/about/changes.md --
    ---
    title: What changed
    ---
    ```{data-changes}
    limit: 12
    ```
    """

    /// The run's seed: `SIGNALS_SEED`, or a random one (printed with every failure and at the end).
    static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
    /// Steps in all (`SIGNALS_STEPS`, default 300), shared by three independent sequences, run one after the
    /// other (in parallel they starve the preview tests' timeouts on a busy two-core machine).
    static let totalSteps = ProcessInfo.processInfo.environment["SIGNALS_STEPS"].flatMap { Int($0) } ?? 300
    static let lanes = 3

    @Test(.serialized, arguments: 0..<lanes)
    func incrementalBuildsEqualCleanBuildsAfterEveryEdit(lane: Int) async throws {
        // Minutes of blocking work run on a thread of their own: on the two threads of Swift's cooperative pool
        // (two cores) they starve the async preview tests into timeouts.
        let outcome = try await Self.onOwnThread { try Self.run(lane: lane) }
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

    /// Runs `work` on a new thread and waits for it without holding a cooperative thread.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    static func run(lane: Int) throws -> Outcome {
        var outcome = Outcome()
        let seed = Self.seed
        let steps = (Self.totalSteps + Self.lanes - 1) / Self.lanes
        outcome.steps = steps
        let site = try TestSite(Self.pages)
        try site.copyData(from: TestSite.repository.appendingPathComponent("Tests/Fixtures/property-data"))
        var editor = DataEditor(site: site, seed: seed &+ UInt64(lane) &* 0x9E37_79B9)
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

    /// A `--no-cache` build of the same inputs into another folder, as path → bytes.
    static func cleanBuild(_ site: TestSite) -> Result<[String: Data], BuildFailure> {
        let output = site.root.appendingPathComponent("public-clean")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            try SiteBuilder.build(BuildOptions(root: site.root, output: output, today: TestSite.today, useCache: false))
            return .success(GoldenSiteTests.files(in: output))
        } catch {
            return .failure(error)
        }
    }
}

/// SplitMix64: a small seeded generator, so a failing sequence can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes one random edit of content/data/ at a time, the way an editor would, and can undo the last one.
struct DataEditor {
    let site: TestSite
    var random: SeededGenerator
    private var saved: (path: String, text: String)?
    /// Every edit gets a modification time one second after the last, as separate saves would.
    private var clock = Date(timeIntervalSince1970: 1_795_000_000)

    init(site: TestSite, seed: UInt64) {
        self.site = site
        random = SeededGenerator(seed: seed)
    }

    static let types = PricingType.allCases.map(\.rawValue)
    static let days = (0..<200).map { Day(TestSite.today.addingTimeInterval(Double(-$0) * 86_400)).description }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    func read(_ path: String) throws -> String { try site.read(path) }

    mutating func write(_ path: String, _ text: String) throws {
        saved = (path, try read(path))
        try store(path, text)
    }

    mutating func undo() throws {
        guard let saved else { return }
        try store(saved.path, saved.text)
        self.saved = nil
    }

    private mutating func store(_ path: String, _ text: String) throws {
        let url = site.root.appendingPathComponent(path)
        try Data(text.utf8).write(to: url)
        clock = clock.addingTimeInterval(1)
        try FileManager.default.setAttributes([.modificationDate: clock], ofItemAtPath: url.path)
    }

    func acceleratorIDs() throws -> [String] {
        try read("content/data/accelerators.yaml").split(separator: "\n").compactMap { line in
            line.hasPrefix("  - id: ") ? String(line.dropFirst(8)) : nil
        }
    }

    /// Applies one edit and says what it was.
    mutating func applyRandomEdit(step: Int) throws -> String {
        let prices = "content/data/prices.csv"
        var lines = try read(prices).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let simple = lines.indices.dropFirst().filter { !lines[$0].contains("\"") }
        let providers = ["Lambda", "AWS", "CoreWeave", "Nebius", "RunPod"]
        func row(_ date: String, _ provider: String, _ gpu: String, _ type: String, _ price: Double) -> String {
            "\(date),\(provider),offer \(step),\(gpu),1,\(String(format: "%.2f", price)),\(type),,https://example.org/p,R-TEST,S,"
        }
        let price = Double(Int.random(in: 150...1200, using: &random)) / 100
        switch Int.random(in: 0..<14, using: &random) {
        case 0, 1, 2:
            let gpu = pick(try acceleratorIDs()), type = chance(60) ? "on-demand" : pick(Self.types), date = pick(Self.days)
            try write(prices, (lines + [row(date, pick(providers), gpu, type, price)]).joined(separator: "\n") + "\n")
            return "append \(gpu) \(type) \(date) $\(price)"
        case 3:
            let gpu = pick(try acceleratorIDs()), type = pick(Self.types)
            try write(prices, (lines + [row(pick(Self.days), "Provider \(step)", gpu, type, price)]).joined(separator: "\n") + "\n")
            return "append a new provider for \(gpu) \(type)"
        case 4, 5:
            guard let index = simple.isEmpty ? nil : pick(simple) else { return "nothing" }
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[5] = String(format: "%.2f", price * Double(Int(fields[4]) ?? 1))
            lines[index] = fields.joined(separator: ",")
            try write(prices, lines.joined(separator: "\n") + "\n")
            return "change the price on line \(index + 1)"
        case 6:
            guard let index = simple.isEmpty ? nil : pick(simple) else { return "nothing" }
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[0] = pick(Self.days)
            lines[index] = fields.joined(separator: ",")
            try write(prices, lines.joined(separator: "\n") + "\n")
            return "move line \(index + 1) to \(fields[0])"
        case 7, 8:
            guard lines.count > 2 else { return "nothing" }
            let index = Int.random(in: 1..<lines.count, using: &random)
            lines.remove(at: index)
            try write(prices, lines.joined(separator: "\n") + "\n")
            return "delete line \(index + 1)"
        case 9:
            let path = "content/data/accelerators.yaml"
            let id = "test-\(step)"
            let entry = "accelerators:\n  - id: \(id)\n    name: Test \(step)\n    vendor: Test\n    architecture: Test\n    process: N3\n    launched: 2026-01-01\n"
                + "    source: R-STAS\n    read: 2026-08-22\n    confidence: S\n    memory-gb: \(Int(price * 10))\n    memory-type: HBM3E\n    bandwidth-tbs: 8\n"
                + "    interconnect: NVLink 5\n    interconnect-gbs: 1800\n    power-w: 1000\n    dense:\n      fp64: 40\n      fp64-tensor: 80\n"
                + "      tf32: 1100\n      bf16: 2250\n      fp8: 4500\n      fp4: 9000\n\n"
            try write(path, try read(path).replacingOccurrences(of: "accelerators:\n", with: entry))
            return "add accelerator \(id)"
        case 10:
            let path = "content/data/accelerators.yaml"
            var text = try read(path)
            let aliasLines = text.split(separator: "\n").filter { $0.hasPrefix("    aliases: [") }.map(String.init)
            guard !aliasLines.isEmpty else { return "nothing" }
            let line = pick(aliasLines)
            let replacement = chance(50) ? "    aliases: [alias-\(step)]" : line.replacingOccurrences(of: "]", with: ", alias-\(step)]")
            text = text.replacingOccurrences(of: line, with: replacement)
            try write(path, text)
            return "change aliases \(line) → \(replacement)"
        case 11, 12:
            let path = pick(["content/data/assumptions.yaml", "content/data/facts.yaml"])
            var lines = try read(path).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let values = lines.indices.filter { lines[$0].hasPrefix("    value: ") && Double(lines[$0].dropFirst(11)) != nil }
            guard !values.isEmpty else { return "nothing" }
            let index = pick(values)
            let old = Double(lines[index].dropFirst(11)) ?? 1
            lines[index] = "    value: \(FigureText.machine(old * Double(Int.random(in: 80...120, using: &random)) / 100))"
            try write(path, lines.joined(separator: "\n"))
            return "change \(path) line \(index + 1)"
        default:
            let path = "content/data/cpus.yaml"
            let text = try read(path)
            let key = pick(["    power-w: ", "    cores: "])
            guard let start = text.range(of: key), let end = text.range(of: "\n", range: start.upperBound..<text.endIndex) else { return "nothing" }
            let value = key.hasPrefix("    power") ? Int(price * 40) : Int(price * 8)
            try write(path, text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: String(value)))
            return "change the CPU's \(key.trimmingCharacters(in: .whitespaces)) \(value)"
        }
    }
}
