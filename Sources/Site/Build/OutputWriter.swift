import CSupport
import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One file of the built site.
public struct OutputFile: Sendable {
    /// Path inside the output folder, e.g. `learn/x/index.html`.
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Writes a finished site into a staging folder beside the output folder, then swaps the two in one
/// atomic step, so the output folder is always either the whole old site or the whole new one.
public enum OutputWriter {
    /// Writes `files` (plus copies of `copies`: destination path → source file) and replaces `output`.
    /// `reusing` lists paths whose previous version in `output` is kept (hard-linked into the new site).
    /// `beforeSwap` runs once the new site is complete in its staging folder, with that folder's identity,
    /// just before the swap (the build saves its cache there, so the swap commits site and cache together).
    static func replace(_ output: URL, with files: [OutputFile], copies: [(String, URL)], reusing: [String] = [],
                        beforeSwap: ((DirectoryIdentity) -> Void)? = nil) throws(DiagnosticList) {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        removeLeftovers(of: output)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try createFolders(for: files.map(\.path) + reusing + copies.map(\.0), in: staging)
            // Plain open/write/close, in parallel: no fsync per file (the swap below is what makes the site appear).
            let failures = Parallel.map(files) { file in write(file.contents, to: staging.appendingPathComponent(file.path).path) }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            for path in reusing {
                let old = output.appendingPathComponent(path), new = staging.appendingPathComponent(path)
                if link(old.path, new.path) != 0 {
                    do { try fileManager.copyItem(at: old, to: new) } catch {
                        throw WriteError(path: old.path, reason: "the previous output is gone (\(String(cString: strerror(errno))))")
                    }
                }
            }
            for (path, source) in copies {
                do {
                    try fileManager.copyItem(at: source, to: staging.appendingPathComponent(path))
                } catch where !fileManager.fileExists(atPath: source.path) {
                    // Removed since the folder was listed (an editor's temporary file): nothing to copy.
                    continue
                } catch {
                    throw WriteError(path: source.path, reason: error.localizedDescription)
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw DiagnosticList([.error(at: SourceLocation(file: output.path),
                                         "cannot write the site: \(error.localizedDescription)",
                                         hint: "check that the folder is writable and the disk is not full; the previous site was left as it was")])
        }
        if let beforeSwap {
            var info = stat()
            if stat(staging.path, &info) == 0 { beforeSwap(DirectoryIdentity(info)) }
        }
        guard fileManager.fileExists(atPath: output.path) else {
            if rename(staging.path, output.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fileManager.removeItem(at: staging)
                throw DiagnosticList([.error(at: SourceLocation(file: output.path), "cannot move the built site into place: \(reason)")])
            }
            return
        }
        if signals_exchange_paths(staging.path, output.path) != 0 {
            // No atomic exchange here (old kernel or another file system): fall back to two renames.
            let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            guard rename(output.path, old.path) == 0, rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                if !fileManager.fileExists(atPath: output.path) { _ = rename(old.path, output.path) }
                try? fileManager.removeItem(at: staging)
                throw DiagnosticList([.error(at: SourceLocation(file: output.path), "cannot move the built site into place: \(reason)")])
            }
            try? fileManager.removeItem(at: old)
            return
        }
        try? fileManager.removeItem(at: staging)
    }

    /// Removes staging folders left by builds that were killed.
    static func removeLeftovers(of output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefixes = [".\(output.lastPathComponent).staging-", ".\(output.lastPathComponent).old-"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        where prefixes.contains(where: name.hasPrefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    struct WriteError: Error, LocalizedError {
        let path: String
        let reason: String
        var errorDescription: String? { "\(path): \(reason)" }
    }

    /// Writes `data` to a new file at `path`; nil on success.
    static func write(_ data: Data, to path: String) -> WriteError? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return WriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var failure: WriteError?
        data.withUnsafeBytes { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = WriteError(path: path, reason: String(cString: strerror(errno)))
                    return
                }
                remaining -= written
                pointer += written
            }
        }
        return failure
    }

    /// Creates every folder the paths need, one depth at a time, each depth in parallel.
    static func createFolders(for paths: [String], in root: URL) throws {
        var folders: Set<String> = []
        for path in paths {
            var current = Substring(path)
            while let slash = current.lastIndex(of: "/") {
                current = current[..<slash]
                if !folders.insert(String(current)).inserted { break }
            }
        }
        let byDepth = Dictionary(grouping: folders) { $0.split(separator: "/").count }
        for depth in byDepth.keys.sorted() {
            let failures = Parallel.map(byDepth[depth, default: []].sorted()) { folder -> WriteError? in
                let path = root.appendingPathComponent(folder).path
                if mkdir(path, 0o755) != 0 && errno != EEXIST { return WriteError(path: path, reason: String(cString: strerror(errno))) }
                return nil
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
        }
    }

    private static func ensureFolder(of path: String, in root: URL, created: inout Set<String>) throws {
        guard let slash = path.lastIndex(of: "/") else { return }
        let folder = String(path[..<slash])
        if created.contains(folder) { return }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        created.insert(folder)
    }
}
