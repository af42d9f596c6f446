import Diagnostics
import Foundation

/// A file found under a folder: its path relative to the folder, the real path to read it from, and its
/// size and modification time.
public struct WalkedFile: Sendable {
    /// Path relative to the walked folder, as the site sees it (`learn/x.md`), links included as they are named.
    public var path: String
    /// Absolute real path of the file (every symbolic link resolved): what the build reads and copies.
    public var source: String
    public var stamp: FileStamp

    public init(path: String, source: String, stamp: FileStamp) {
        self.path = path
        self.source = source
        self.stamp = stamp
    }
}

/// The files of a folder, and why any entry was refused.
public struct FolderListing: Sendable {
    public var files: [WalkedFile]
    /// One error per refused entry: a link out of the site, a link loop, a broken link, an unreadable
    /// folder or file, something that is not a file.
    public var diagnostics: [Diagnostic]
    /// Paths (relative to the folder) of refused entries.
    public var refused: Set<String>

    public static let empty = FolderListing(files: [], diagnostics: [], refused: [])
}

/// Lists every file under a folder (hidden names skipped), sorted by path, reading nothing whose real path
/// lies outside the allowed folders.
///
/// Rules: entries are examined with `lstat`, so a symbolic link is never followed blindly. A link whose
/// real path lies inside an allowed folder (the site's `content/` and `templates/`, and any folder named
/// in `allowSymlinksInto`) is followed once; a link out of them, a link to nothing, a link to a folder
/// that contains it (a loop, found by device and inode), an unreadable folder or file, and anything that
/// is not a regular file or folder are errors naming the entry. The top-level subfolders are walked in
/// parallel.
enum FolderWalker {
    /// Walks `folder`; `label` prefixes paths in messages (`content`); `allowed` lists the real paths
    /// files may resolve into (by default the folder's own real path).
    static func walk(_ folder: URL, label: String, allowed: [String]? = nil) -> FolderListing {
        guard let top = realPath(folder.path) else { return .empty }
        let walker = Walk(label: label, allowed: allowed ?? [top])
        var topInfo = stat()
        guard stat(top, &topInfo) == 0 else { return .empty }
        let root = DirectoryIdentity(topInfo)
        let names: [String]
        switch walker.entries(of: top) {
        case .success(let list): names = list
        case .failure(let problem):
            return FolderListing(files: [], diagnostics: [walker.unreadableFolder(label, problem)], refused: [""])
        }
        let parts = Parallel.map(names) { name -> Walk.Found in
            var found = Walk.Found()
            walker.visit(logical: name, real: top + "/" + name, ancestors: [root], into: &found)
            return found
        }
        var listing = FolderListing(files: [], diagnostics: [], refused: [])
        var seen: Set<String> = []
        for part in parts {
            listing.files += part.files
            listing.refused.formUnion(part.refused)
            // A link reached along several paths is reported once.
            for diagnostic in part.diagnostics where seen.insert(diagnostic.description).inserted {
                listing.diagnostics.append(diagnostic)
            }
        }
        return listing
    }

    /// Every file under `folder` whose real path lies inside it, ignoring refused entries (for callers
    /// that report nothing, such as tests and tools).
    static func files(in folder: URL) -> [WalkedFile] {
        walk(folder, label: folder.lastPathComponent).files
    }

    /// `path` with every symbolic link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `real` is one of `folders` or lies below one.
    static func isInside(_ real: String, _ folders: [String]) -> Bool {
        folders.contains { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }
}

/// A folder's device and inode: equal identities are the same folder, whatever path reached it.
struct DirectoryIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// One walk's rules and its recursive step.
private struct Walk: Sendable {
    let label: String
    let allowed: [String]

    struct Found {
        var files: [WalkedFile] = []
        var diagnostics: [Diagnostic] = []
        var refused: Set<String> = []
    }

    /// Visits the entry named `logical` (relative to the walked folder), found at the real location `real`
    /// (its folder resolved, the entry itself not), below the folders `ancestors`.
    func visit(logical: String, real: String, ancestors: Set<DirectoryIdentity>, into found: inout Found) {
        let shown = "\(label)/\(logical)"
        var info = stat()
        guard lstat(real, &info) == 0 else { return }  // removed while walking
        var target = real
        if (info.st_mode & S_IFMT) == S_IFLNK {
            let written = linkText(real)
            guard let resolved = FolderWalker.realPath(real), stat(resolved, &info) == 0 else {
                refuse(logical, .error(at: SourceLocation(file: shown), "broken symbolic link: '\(shown)' points to '\(written)', which does not exist",
                                       hint: "fix the link's target or remove the link"), &found)
                return
            }
            guard FolderWalker.isInside(resolved, allowed) else {
                refuse(logical, .error(at: SourceLocation(file: shown),
                                       "'\(shown)' is a symbolic link to '\(resolved)', outside the site",
                                       hint: "the build reads only files inside content/ and templates/: copy the file into the site, "
                                           + "or allow its folder with `allowSymlinksInto: [\(parentFolder(of: resolved))]` in content/site.yaml"), &found)
                return
            }
            target = resolved
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let identity = DirectoryIdentity(info)
            guard !ancestors.contains(identity) else {
                refuse(logical, .error(at: SourceLocation(file: shown),
                                       "symbolic link loop: '\(shown)' points to '\(target)', a folder that contains the link",
                                       hint: "remove the link; a link may point to a folder of the site, not to one of its own parents"), &found)
                return
            }
            let names: [String]
            switch entries(of: target) {
            case .success(let list): names = list
            case .failure(let problem):
                refuse(logical, unreadableFolder(shown, problem), &found)
                return
            }
            var inner = ancestors
            inner.insert(identity)
            for name in names {
                visit(logical: logical + "/" + name, real: target + "/" + name, ancestors: inner, into: &found)
            }
        case S_IFREG:
            guard access(target, R_OK) == 0 else {
                let reason = String(cString: strerror(errno))
                refuse(logical, .error(at: SourceLocation(file: shown), "cannot read the file '\(shown)': \(reason)",
                                       hint: "make it readable (chmod u+r) or remove it; public/ was left as it was"), &found)
                return
            }
            // `real` has every folder resolved, and a file link was resolved above: `target` is the real path.
            found.files.append(WalkedFile(path: logical, source: target, stamp: FileStamp(
                size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))))
        default:
            refuse(logical, .error(at: SourceLocation(file: shown), "'\(shown)' is not a regular file or folder (a device, pipe or socket)",
                                   hint: "remove it from the site"), &found)
        }
    }

    /// The visible names in a folder, sorted; or why it cannot be read.
    func entries(of folder: String) -> Result<[String], WalkProblem> {
        guard let handle = opendir(folder) else { return .failure(WalkProblem(reason: String(cString: strerror(errno)))) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return .success(names.sorted())
    }

    func unreadableFolder(_ shown: String, _ problem: WalkProblem) -> Diagnostic {
        .error(at: SourceLocation(file: shown), "cannot read the folder '\(shown)': \(problem.reason)",
               hint: "make it readable (chmod u+rx) or remove it; public/ was left as it was")
    }

    private func refuse(_ logical: String, _ diagnostic: Diagnostic, _ found: inout Found) {
        found.diagnostics.append(diagnostic)
        found.refused.insert(logical)
    }

    private func linkText(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count >= 0 else { return "?" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func parentFolder(of path: String) -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return path }
        return (path as NSString).deletingLastPathComponent
    }
}

/// Why a folder could not be listed.
struct WalkProblem: Error {
    var reason: String
}
