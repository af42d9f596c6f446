import Foundation

/// An exclusive lock on `.signals-cache/build.lock`, held for the whole build (released on exit even if killed).
final class BuildLock {
    private let descriptor: Int32

    init?(root: URL) {
        let folder = root.appendingPathComponent(".signals-cache")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        descriptor = open(folder.appendingPathComponent("build.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
