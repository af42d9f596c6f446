import Foundation

/// The `--poll` fallback: scans the watched folders every `interval` and reports files whose
/// modification time, size or inode changed, appeared or disappeared.
struct PollingWatcher: Sendable {
    let roots: [String]
    let walker: DirectoryWalker
    let interval: Duration

    /// Scans until the task is cancelled, calling `onChange` with the changed paths of each scan.
    func run(startingFrom initial: [String: DirectoryWalker.Stamp], onChange: @Sendable ([String]) -> Void) async {
        var previous = initial
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            let current = snapshot()
            let changed = Self.differences(previous, current)
            previous = current
            if !changed.isEmpty { onChange(changed) }
        }
    }

    func snapshot() -> [String: DirectoryWalker.Stamp] {
        var all: [String: DirectoryWalker.Stamp] = [:]
        for root in roots {
            all.merge(walker.files(under: root)) { first, _ in first }
        }
        return all
    }

    static func differences(_ old: [String: DirectoryWalker.Stamp], _ new: [String: DirectoryWalker.Stamp]) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new where old[path] != stamp { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
