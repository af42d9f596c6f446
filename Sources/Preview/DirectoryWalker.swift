import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recursive listing of watched folders, shared by both watchers.
struct DirectoryWalker: Sendable {
    /// Folders (absolute paths) whose contents are never reported nor watched, such as the
    /// output folder when it sits inside a watched folder.
    let excluded: [String]

    /// File-system facts the polling watcher compares between scans.
    struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    /// `root` and every folder below it (symlinked folders are not followed).
    func directories(under root: String) -> [String] {
        var result: [String] = []
        var pending = [root]
        while let dir = pending.popLast() {
            guard !isExcluded(dir) else { continue }
            result.append(dir)
            for name in Self.entries(of: dir) {
                let path = dir + "/" + name
                if Self.lstatKind(path) == S_IFDIR { pending.append(path) }
            }
        }
        return result
    }

    /// Every regular file (or symlink to one) below `root`, with its stamp.
    func files(under root: String) -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for dir in directories(under: root) {
            for name in Self.entries(of: dir) where !ChangeFilter.isNoise(name) {
                let path = dir + "/" + name
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                result[path] = Stamp(
                    seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                    size: Int64(info.st_size), inode: UInt64(info.st_ino))
            }
        }
        return result
    }

    static func entries(of dir: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    }

    static func lstatKind(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}

/// Names editors write next to the real file while saving; changes to them never trigger a rebuild.
enum ChangeFilter {
    static func isNoise(_ name: String) -> Bool {
        name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swpx")
            || name == "4913" || name.hasPrefix(".#") || name == ".DS_Store"
    }
}
