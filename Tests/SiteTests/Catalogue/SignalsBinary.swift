import Foundation
import SiteTestSupport

/// The `signals` executable built next to the test bundle, run as a subprocess.
enum SignalsBinary {
    /// The built `signals` binary: `SIGNALS_BINARY` if set, else the one beside the running test bundle
    /// (`swift build --build-tests` puts both in the same `.build*/debug` folder).
    static let url: URL? = {
        if let path = ProcessInfo.processInfo.environment["SIGNALS_BINARY"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        if let first = ProcessInfo.processInfo.arguments.first {
            var folder = URL(fileURLWithPath: first).deletingLastPathComponent()
            // On macOS the bundle is a folder (…/debug/X.xctest/Contents/MacOS/X): climb out of it.
            while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
            candidates.append(folder.appendingPathComponent("signals"))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("signals"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("signals"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        /// The `path:line:column: error: message` lines of standard error (excerpts and hints left out).
        var errorLines: [String] {
            stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(" ") && $0.contains(": error: ") }
        }
    }

    /// Starts `signals arguments…` with output going to files; the caller waits or kills.
    static func start(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (Process, URL, URL) {
        guard let url else { throw BinaryMissing() }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        process.currentDirectoryURL = folder
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("signals-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("signals-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return (process, out, err)
    }

    /// Runs `signals arguments…` to the end.
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Run {
        let (process, out, err) = try start(arguments, in: folder, environment: environment)
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
                   stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }

    /// `run` on a thread of its own, so the wait does not hold one of the cooperative pool's threads (two on two
    /// cores), which the async preview tests need.
    static func runOffThePool(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> Run {
        try await SiteFixtureFiles.onOwnThread { try run(arguments, in: folder, environment: environment) }
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String {
            "the signals binary was not found beside the test bundle; run `swift build --build-tests` first or set SIGNALS_BINARY"
        }
    }
}
