import Dispatch
import Foundation
import Testing
@testable import Site

/// public/ is always the whole old site or the whole new one: a `signals build` killed with SIGKILL at any point,
/// an output folder that cannot be written, or a full disk never leaves a mix, and never loses the old site.
@Suite("Atomic output", .serialized)
struct AtomicOutputTests {
    /// Pages in the fixture: enough that a debug build takes a noticeable time to render and write.
    static let pageCount = 1_000

    /// A site of `pageCount` lessons whose bodies carry `mark`; the new version also has one extra page.
    static func writeSite(at root: URL, mark: String, extraPage: Bool) throws {
        let fileManager = FileManager.default
        try TestSite.writeFiles(TestSite.defaultTemplates, to: root)
        try TestSite.writeFiles("-- content/_index.md --\n---\ntitle: Home\n---\n\(mark)\n-- content/learn/_index.md --\n---\ntitle: Learn\n---\n\(mark)\n", to: root)
        let learn = root.appendingPathComponent("content/learn")
        try fileManager.createDirectory(at: learn, withIntermediateDirectories: true)
        let paragraph = String(repeating: "Some words about GPU-hours, prices and *throughput*. ", count: 40)
        for number in 0..<pageCount {
            let text = "---\ntitle: Lesson \(number)\nweight: \(number)\n---\n## Part one\n\n\(mark) \(paragraph)\n\n## Part two\n\n\(paragraph)\n\n## Part three\n\n\(mark)\n"
            try Data(text.utf8).write(to: learn.appendingPathComponent("p\(number).md"))
        }
        let extra = learn.appendingPathComponent("extra.md")
        if extraPage {
            try Data("---\ntitle: Extra\n---\n\(mark)\n".utf8).write(to: extra)
        } else if fileManager.fileExists(atPath: extra.path) {
            try fileManager.removeItem(at: extra)
        }
    }

    /// Which version `public/` holds: "old", "new", or a description of the mix or loss.
    static func version(of output: URL) -> String {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: output.path) else { return "missing: public/ does not exist" }
        var marks: [String: Int] = [:]
        for number in 0..<pageCount {
            let path = output.appendingPathComponent("learn/p\(number)/index.html").path
            guard let data = fileManager.contents(atPath: path) else {
                marks["missing page", default: 0] += 1
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            let mark = text.contains("OLD-MARK") ? "old" : text.contains("NEW-MARK") ? "new" : "unmarked"
            marks[mark, default: 0] += 1
        }
        let extra = fileManager.fileExists(atPath: output.appendingPathComponent("learn/extra/index.html").path)
        if marks == ["old": pageCount], !extra { return "old" }
        if marks == ["new": pageCount], extra { return "new" }
        return "mixed: \(marks.sorted { $0.key < $1.key }), extra page \(extra ? "present" : "absent")"
    }

    /// Waits (checking every millisecond) until `condition` holds or `seconds` pass; true when it held.
    static func wait(upTo seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let tick = DispatchSemaphore(value: 0)
        while Date() < deadline {
            if condition() { return true }
            _ = tick.wait(timeout: .now() + .milliseconds(1))
        }
        return condition()
    }

    /// Bytes a running process has read so far (`rchar` of /proc/PID/io: every read(2), which is how the build
    /// reads pages); 0 once it has exited.
    static func bytesRead(by pid: Int32) -> Int {
        guard let io = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) else { return 0 }
        for line in io.split(separator: "\n") where line.hasPrefix("rchar:") {
            return Int(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    /// The total size of the files under `folder`.
    static func bytes(under folder: URL) -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
        while let url = enumerator?.nextObject() as? URL {
            total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return total
    }

    /// The files of the staging folder a running build with `pid` writes into, or nil before it exists.
    static func stagingCount(_ root: URL, pid: Int32) -> Int? {
        let staging = root.appendingPathComponent(".public.staging-\(pid)")
        guard FileManager.default.fileExists(atPath: staging.path) else { return nil }
        var count = 0
        let enumerator = FileManager.default.enumerator(atPath: staging.path)
        while enumerator?.nextObject() != nil { count += 1 }
        return count
    }

    /// Where to kill a build, as a condition on the running process.
    enum KillPoint: String, CaseIterable, CustomTestStringConvertible {
        case atStart, midRender, stagingCreated, stagingHalfWritten, afterSwap
        var testDescription: String { rawValue }
    }

    /// The old site built into public/ with the new content already written: each case copies it and builds again.
    struct Fixture: Sendable {
        let folder: URL
        /// Wall-clock seconds one whole build took (only to size the deadlines of the waits).
        let buildSeconds: Double
    }

    static let fixture: Result<Fixture, FixtureError> = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signals-atomic-\(UUID().uuidString)")
        do {
            try writeSite(at: folder, mark: "OLD-MARK", extraPage: false)
            let started = Date()
            let (process, out, err) = try SignalsBinary.start(["build", "--source", folder.path, "--no-cache"], in: folder)
            _ = wait(upTo: 600) { !process.isRunning }
            process.waitUntilExit()
            let seconds = Date().timeIntervalSince(started)
            let stderr = String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self)
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
            guard process.terminationStatus == 0 else { return .failure(FixtureError(description: "the old site did not build: \(stderr)")) }
            guard version(of: folder.appendingPathComponent("public")) == "old" else { return .failure(FixtureError(description: "old site not as expected")) }
            try writeSite(at: folder, mark: "NEW-MARK", extraPage: true)
            return .success(Fixture(folder: folder, buildSeconds: seconds))
        } catch {
            return .failure(FixtureError(description: "\(error)"))
        }
    }()

    struct FixtureError: Error, CustomStringConvertible { let description: String }

    @Test("a build killed with SIGKILL leaves public/ fully old or fully new", arguments: KillPoint.allCases)
    func killedBuild(at point: KillPoint) throws {
        let fixture = try Self.fixture.get()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signals-atomic-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture.folder, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        #expect(Self.version(of: output) == "old")
        let outputFiles = Self.pageCount + 10

        let (process, out, err) = try SignalsBinary.start(["build", "--source", root.path, "--no-cache"], in: root)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let pid = process.processIdentifier
        let limit = max(60, fixture.buildSeconds * 20)
        var reached = true
        switch point {
        case .atStart:
            break
        case .midRender:
            // Every page read (the process has read at least as many bytes as content/ holds) and nothing written yet:
            // the build is assembling or rendering.
            let content = Self.bytes(under: root.appendingPathComponent("content"))
            reached = Self.wait(upTo: limit) { Self.bytesRead(by: pid) >= content || !process.isRunning }
        case .stagingCreated:
            reached = Self.wait(upTo: limit) { Self.stagingCount(root, pid: pid) != nil || !process.isRunning }
        case .stagingHalfWritten:
            reached = Self.wait(upTo: limit) { (Self.stagingCount(root, pid: pid) ?? 0) >= outputFiles / 2 || !process.isRunning }
        case .afterSwap:
            reached = Self.wait(upTo: limit) { Self.version(of: output) == "new" || !process.isRunning }
        }
        let stillRunning = process.isRunning
        kill(pid, SIGKILL)
        process.waitUntilExit()
        #expect(reached, "the kill point was reached within \(Int(limit)) s")
        if point != .afterSwap {
            #expect(stillRunning, "the build was still running at \(point.rawValue) (make the fixture bigger if not)")
        }
        let state = Self.version(of: output)
        #expect(state == "old" || state == "new", "killed at \(point.rawValue): public/ is \(state)")
        switch point {
        case .atStart, .midRender, .stagingCreated: #expect(state == "old", "killed before the swap")
        case .afterSwap: #expect(state == "new")
        case .stagingHalfWritten: break
        }
        guard point == .stagingHalfWritten else { return }
        // The next build finishes the job and clears what the killed one left behind.
        #expect(Self.stagingCount(root, pid: pid) != nil, "the killed build left its staging folder")
        let again = try SignalsBinary.run(["build", "--source", root.path, "--no-cache"], in: root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(Self.version(of: output) == "new")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".public.") }
        #expect(leftovers.isEmpty, "staging folders of the killed build are removed: \(leftovers)")
    }
}

/// An output folder that cannot be written: a read-only parent, and a full disk (a small tmpfs).
@Suite("Unwritable output", .serialized)
struct UnwritableOutputTests {
    /// Runs a command; its exit status.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether this process may mount a tmpfs (root, and a kernel/container that allows it).
    static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("signals-mount-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "none", probe.path]) == 0 else { return false }
        run("/bin/umount", [probe.path])
        return true
    }()

    /// A site built into `out/public`, where `out` is a fresh tmpfs of `size` when mounting works.
    static func builtSite(tmpfsSize: String) throws -> (TestSite, URL, mounted: Bool) {
        let site = try TestSite(BuildTests.basic)
        let parent = site.root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let mounted = canMount && run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(tmpfsSize)", "none", parent.path]) == 0
        let output = parent.appendingPathComponent("public")
        _ = try SiteBuilder.build(BuildOptions(root: site.root, output: output, today: TestSite.today))
        return (site, output, mounted)
    }

    static func files(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { result[path] = data }
        }
        return result
    }

    func failure(_ site: TestSite, output: URL) -> [String] {
        do {
            _ = try SiteBuilder.build(BuildOptions(root: site.root, output: output, today: TestSite.today))
            return []
        } catch {
            return error.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)\($0.hint.map { " (hint: \($0))" } ?? "")" }
        }
    }

    @Test("a read-only output parent gives a clear error and keeps the old site",
          .enabled(if: getuid() != 0 || canMount, "as root, a read-only folder needs a read-only mount (mount -t tmpfs is not allowed here)"))
    func readOnlyParent() throws {
        let (site, output, mounted) = try Self.builtSite(tmpfsSize: "4m")
        let parent = output.deletingLastPathComponent()
        defer {
            if mounted { Self.run("/bin/umount", ["-l", parent.path]) } else { chmod(parent.path, 0o755) }
            try? FileManager.default.removeItem(at: site.root)
        }
        let before = Self.files(output)
        #expect(before["learn/a/index.html"] != nil)
        if mounted {
            try #require(Self.run("/bin/mount", ["-o", "remount,ro", parent.path]) == 0, "remount read-only")
        } else {
            try #require(chmod(parent.path, 0o555) == 0)
        }
        try site.write("-- content/learn/a.md --\n---\ntitle: Alpha changed\n---\nNew text.\n")

        let errors = failure(site, output: output)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("\(output.path): error: cannot write the site: ") == true, "\(errors)")
        #expect(errors.first?.hasSuffix("(hint: check that the folder is writable and the disk is not full; the previous site was left as it was)") == true)
        #expect(Self.files(output) == before, "the old site is kept")

        let run = try SignalsBinary.run(["build", "--source", site.root.path, "--output", output.path, "--no-cache"], in: site.root)
        #expect(run.status == 1)
        #expect(run.errorLines.count == 1 && run.errorLines.first?.contains("error: cannot write the site: ") == true, "\(run.stderr)")
        #expect(run.stderr.contains("public/ left unchanged"))
        #expect(Self.files(output) == before, "the old site is kept")
    }

    @Test("a full disk (a small tmpfs) gives a clear error, keeps the old site and removes the half-written copy",
          .enabled(if: canMount, "needs root and mount -t tmpfs to simulate a full disk"))
    func diskFull() throws {
        let (site, output, mounted) = try Self.builtSite(tmpfsSize: "256k")
        let parent = output.deletingLastPathComponent()
        defer {
            if mounted { Self.run("/bin/umount", ["-l", parent.path]) }
            try? FileManager.default.removeItem(at: site.root)
        }
        try #require(mounted)
        let before = Self.files(output)
        let big = String(repeating: "A long paragraph that fills the disk. ", count: 16_000)
        try site.write("-- content/learn/big.md --\n---\ntitle: Big\n---\n\(big)\n")

        let errors = failure(site, output: output)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("\(output.path): error: cannot write the site: ") == true, "\(errors)")
        #expect(Self.files(output) == before, "the old site is kept")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "public" }
        #expect(leftovers.isEmpty, "the staging copy is removed: \(leftovers)")
    }
}
