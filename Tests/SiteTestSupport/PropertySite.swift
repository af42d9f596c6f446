import ComputeModel
import Foundation
import Site

/// What the tests of several modules share: tiny sites written from `-- path --` strings, the small fixture
/// site of the incremental property tests, its seeded generator of data edits, and snapshots of output folders.
/// A library target of its own (Tests/SiteTestSupport), so SiteTests and SignalsCLITests use one copy.
public enum SiteFixtureFiles {
    /// Minimal templates every fixture gets unless it overrides them.
    public static let defaultTemplates = """
    -- templates/base.mustache --
    <!doctype html><title>{{$title}}{{page.title}}{{/title}} · {{site.title}}</title>
    <main>{{$main}}{{/main}}</main>
    -- templates/home.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#section.groups}}<h2>{{kindLabel}}</h2>{{#pages}}<a href="{{url}}">{{title}}</a>{{/pages}}{{/section.groups}}{{/main}}{{/base}}
    -- templates/section.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}{{#section.groups}}<h2>{{kindLabel}}</h2>{{#pages}}<a href="{{url}}">{{title}}</a>{{/pages}}{{/section.groups}}{{/main}}{{/base}}
    -- templates/lesson.mustache --
    {{<base}}{{$main}}<h1>{{page.title}}</h1>{{#page.hasToc}}<nav>{{#page.toc}}<a href="#{{id}}">{{title}}</a>{{/page.toc}}</nav>{{/page.hasToc}}{{{page.content}}}{{#page.related}}<a class="related" href="{{url}}">{{title}}</a>{{/page.related}}{{#page.next}}<a rel="next" href="{{url}}">{{title}}</a>{{/page.next}}{{/main}}{{/base}}
    """

    /// Writes the files of a `-- path --` string under `root`.
    public static func write(_ files: String, to root: URL) throws {
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        }
        for line in files.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- ") && line.hasSuffix(" --") && line.count > 6 {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    /// Every file under `folder` (recursively), relative path → contents.
    public static func files(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return result }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }

    /// Held by exclusive work (see `onOwnThread`).
    private static let heavyWork = NSLock()

    /// Runs `work` on a new thread and waits for it without holding a thread of Swift's cooperative pool
    /// (on two cores, minutes of blocking work there starve the async tests into timeouts).
    /// With `exclusive`, waits (on that thread) until no other exclusive work runs: the seeded property sequences
    /// of several test modules take turns, since two at once starve the preview tests' timeouts on two cores.
    public static func onOwnThread<T: Sendable>(exclusive: Bool = false, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                if exclusive { heavyWork.lock() }
                defer { if exclusive { heavyWork.unlock() } }
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// The small site of the incremental property tests: one page per directive and inline figure kind, and the
/// frozen data of Tests/Fixtures/property-data.
public enum PropertySite {
    /// The build date of every property test: 2026-11-26 12:00 UTC.
    public static let today = Date(timeIntervalSince1970: 1_795_694_400)

    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The five data files the site starts from.
    public static let dataFolder = repository.appendingPathComponent("Tests/Fixtures/property-data")

    /// The data file names of content/data/.
    public static let dataFiles = ["accelerators.yaml", "prices.csv", "assumptions.yaml", "cpus.yaml", "facts.yaml"]

    public static let pages = """
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

    /// Writes the site (default templates, the pages, the data) into a new temporary folder and returns it.
    public static func create() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try SiteFixtureFiles.write(SiteFixtureFiles.defaultTemplates, to: root)
        try SiteFixtureFiles.write(pages, to: root)
        let target = root.appendingPathComponent("content/data")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in dataFiles {
            try FileManager.default.copyItem(at: dataFolder.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return root
    }

    /// A `--no-cache` build of the site at `root` into `root/public-clean`, as path → bytes (the folder is removed again).
    public static func cleanBuild(root: URL, today: Date = today) -> Result<[String: Data], BuildFailure> {
        let output = root.appendingPathComponent("public-clean")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            try SiteBuilder.build(BuildOptions(root: root, output: output, today: today, useCache: false))
            return .success(SiteFixtureFiles.files(in: output))
        } catch {
            return .failure(error)
        }
    }

    /// The run's seed: `SIGNALS_SEED`, or a random one (tests print it with every failure).
    public static let seed = ProcessInfo.processInfo.environment["SIGNALS_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
}

/// SplitMix64: a small seeded generator, so a failing sequence can be replayed.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Makes one random edit of content/data/ at a time, the way an editor would, and can undo the last one.
public struct DataEditor {
    /// The site's root folder.
    public let root: URL
    public var random: SeededGenerator
    private let today: Date
    private var saved: (path: String, text: String)?
    /// Every edit gets a modification time one second after the last, as separate saves would.
    private var clock = Date(timeIntervalSince1970: 1_795_000_000)

    public init(root: URL, seed: UInt64, today: Date = PropertySite.today) {
        self.root = root
        self.today = today
        days = (0..<200).map { Day(today.addingTimeInterval(Double(-$0) * 86_400)).description }
        random = SeededGenerator(seed: seed)
    }

    static let types = PricingType.allCases.map(\.rawValue)
    /// The 200 days up to the build date, which edits date rows on.
    private let days: [String]

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    mutating func write(_ path: String, _ text: String) throws {
        saved = (path, try read(path))
        try store(path, text)
    }

    /// Puts back the file the last edit changed (after an edit both builds rejected).
    public mutating func undo() throws {
        guard let saved else { return }
        try store(saved.path, saved.text)
        self.saved = nil
    }

    private mutating func store(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
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
    public mutating func applyRandomEdit(step: Int) throws -> String {
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
            let gpu = pick(try acceleratorIDs()), type = chance(60) ? "on-demand" : pick(Self.types), date = pick(days)
            try write(prices, (lines + [row(date, pick(providers), gpu, type, price)]).joined(separator: "\n") + "\n")
            return "append \(gpu) \(type) \(date) $\(price)"
        case 3:
            let gpu = pick(try acceleratorIDs()), type = pick(Self.types)
            try write(prices, (lines + [row(pick(days), "Provider \(step)", gpu, type, price)]).joined(separator: "\n") + "\n")
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
            fields[0] = pick(days)
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
            lines[index] = "    value: \(Self.machine(old * Double(Int.random(in: 80...120, using: &random)) / 100))"
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

    /// A plain number as the data files write it (`0.4`, `1200`).
    static func machine(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.10g", value)
    }
}
