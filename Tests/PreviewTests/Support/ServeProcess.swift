import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `signals serve …` (the built binary) as a child process, its output lines recorded as they arrive.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    /// Standard output, one line per element.
    let stdout = Recorder<String>()
    /// Standard error, one line per element.
    let stderr = Recorder<String>()
    /// Receives the exit status once the process has ended.
    let exited = Recorder<Int32>()

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String {
            "the signals binary was not found beside the test bundle; run `swift build --build-tests` first or set SIGNALS_BINARY"
        }
    }

    /// The `signals` binary that `swift build --build-tests` puts beside the test bundle (or `SIGNALS_BINARY`).
    static let binary: URL? = {
        if let path = ProcessInfo.processInfo.environment["SIGNALS_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: ProcessInfo.processInfo.arguments.first ?? "").deletingLastPathComponent()
        while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
        let candidates = [folder.appendingPathComponent("signals"), Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("signals")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Starts `signals arguments…` in `folder`, with `environment` added to this process's.
    init(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws {
        guard let binary = Self.binary else { throw BinaryMissing() }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { exited.append($0.terminationStatus) }
        try process.run()
        Self.readLines(out.fileHandleForReading, into: stdout)
        Self.readLines(err.fileHandleForReading, into: stderr)
    }

    private static func readLines(_ handle: FileHandle, into recorder: Recorder<String>) {
        let thread = Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending += chunk
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    recorder.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            if !pending.isEmpty { recorder.append(String(decoding: pending, as: UTF8.self)) }
        }
        thread.start()
    }

    /// Waits for the `Serving http://…` line and returns its port.
    func waitForPort(timeout: Double = 60) async throws -> Int {
        let lines = try await stdout.wait(for: "the Serving line", timeout: timeout) { $0.contains { $0.hasPrefix("Serving ") } }
        let line = lines.first { $0.hasPrefix("Serving ") } ?? ""
        let url = line.dropFirst("Serving ".count).split(separator: " ").first.map(String.init) ?? ""
        return URL(string: url)?.port ?? 0
    }

    /// Sends SIGINT (Ctrl-C).
    func interrupt() {
        kill(process.processIdentifier, SIGINT)
    }

    /// Ends the process if it still runs (test clean-up).
    func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A small real site (content/, templates/) for `signals serve` tests.
struct ServeSite: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "serve-tests-\(UUID().uuidString)")
        try write("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        try write("content/learn/_index.md", "---\ntitle: Learn\n---\nLessons.\n")
        try write("content/learn/x.md", "---\ntitle: Lesson X\nsummary: X.\n---\nVersion 0.\n")
        try write("content/learn/draft.md", "---\ntitle: Draft lesson\ndraft: true\n---\nNot yet.\n")
        try write("templates/base.mustache", "<!doctype html><html><head><title>{{page.title}}</title></head><body>{{$main}}{{/main}}</body></html>\n")
        for name in ["home", "section", "lesson"] {
            try write("templates/\(name).mustache", "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}{{/main}}{{/base}}\n")
        }
        try write("templates/static/css/site.css", "body { color: black; }\n")
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appending(path: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appending(path: path).path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
