import Foundation

/// A file found under a folder: its path relative to the folder and its size and modification time.
public struct WalkedFile: Sendable {
    public var path: String
    public var stamp: FileStamp
}

/// Lists every file under a folder (hidden names skipped), sorted by path, with one `stat` per entry;
/// the top-level subfolders are walked in parallel.
enum FolderWalker {
    static func files(in folder: URL) -> [WalkedFile] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let parts = Parallel.map(names) { name -> [WalkedFile] in
            var found: [WalkedFile] = []
            visit(folder, relative: name, into: &found)
            return found
        }
        return parts.flatMap { $0 }
    }

    private static func visit(_ folder: URL, relative: String, into found: inout [WalkedFile]) {
        var info = stat()
        guard stat(folder.path + "/" + relative, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + relative)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                visit(folder, relative: relative + "/" + name, into: &found)
            }
        } else {
            found.append(WalkedFile(path: relative, stamp: FileStamp(size: Int64(info.st_size),
                                                                     modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))))
        }
    }
}
