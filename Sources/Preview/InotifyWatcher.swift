#if canImport(Glibc)
import Foundation
import Glibc
import Synchronization

/// Watches folders recursively with Linux inotify on a dedicated thread.
///
/// inotify is not recursive, so every folder gets its own watch, and folders created (or moved in)
/// later are watched as they appear; the files already inside a new folder are reported too.
/// `stop()` wakes the thread through a pipe, so shutdown never waits on a blocking read.
final class InotifyWatcher: @unchecked Sendable {
    // Mutable state is touched only by the watcher thread after `start`, and by `init` before it.
    private let inotifyFD: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let walker: DirectoryWalker
    private let roots: [String]
    private var directoriesByWatch: [Int32: String] = [:]
    private let stopped = Mutex(false)

    private static let mask: UInt32 = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE
        | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

    /// Adds watches for every folder below `roots`; throws when a root cannot be watched.
    init(roots: [String], walker: DirectoryWalker) throws {
        self.roots = roots
        self.walker = walker
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else {
            throw PreviewError.cannotWatch(path: roots.first ?? "", reason: Self.errnoText())
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            close(fd)
            throw PreviewError.cannotWatch(path: roots.first ?? "", reason: Self.errnoText())
        }
        inotifyFD = fd
        wakeRead = fds[0]
        wakeWrite = fds[1]
        for root in roots {
            for dir in walker.directories(under: root) {
                if let failure = addWatch(dir), dir == root || failure.contains("watches") {
                    throw PreviewError.cannotWatch(path: dir, reason: failure)
                }
            }
        }
    }

    /// Starts the watcher thread; `onChange` is called on it with each batch of changed paths.
    func start(onChange: @escaping @Sendable ([String]) -> Void) {
        let thread = Thread { [self] in
            self.loop(onChange: onChange)
        }
        thread.name = "signals.preview.inotify"
        thread.start()
    }

    /// Wakes and ends the watcher thread; the descriptors are closed when the watcher is released.
    func stop() {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    deinit {
        close(inotifyFD)
        close(wakeRead)
        close(wakeWrite)
    }

    private func loop(onChange: @Sendable ([String]) -> Void) {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        var fds = [
            pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while !stopped.withLock({ $0 }) {
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            var changed: [String] = []
            while true {
                let count = read(inotifyFD, buffer, capacity)
                if count <= 0 { break }
                changed += handleEvents(buffer, count: count)
            }
            if !changed.isEmpty { onChange(changed) }
        }
    }

    /// Decodes `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[]; }` records.
    private func handleEvents(_ buffer: UnsafeMutableRawPointer, count: Int) -> [String] {
        var changed: [String] = []
        var offset = 0
        while offset + 16 <= count {
            let wd = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = buffer.advanced(by: offset + 16).assumingMemoryBound(to: UInt8.self)
            let nameBytes = UnsafeBufferPointer(start: nameStart, count: min(length, count - offset - 16))
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += 16 + length

            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changed += roots  // events were lost: report the roots, meaning "anything may have changed"
                continue
            }
            guard let dir = directoriesByWatch[wd] else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                directoriesByWatch[wd] = nil
                continue
            }
            if name.isEmpty {
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { changed.append(dir) }
                continue
            }
            let path = dir + "/" + name
            guard !walker.isExcluded(path), !ChangeFilter.isNoise(name) else { continue }
            let isDirectory = mask & UInt32(IN_ISDIR) != 0
            if isDirectory, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // Watch the new folder (and any below it), then report what is already inside,
                // since files written before the watch existed produce no events.
                for sub in walker.directories(under: path) { _ = addWatch(sub) }
                let files = walker.files(under: path).keys.sorted()
                changed += files.isEmpty ? [path] : files
            } else {
                changed.append(path)
            }
        }
        return changed
    }

    /// Adds a watch; returns a reason on failure.
    private func addWatch(_ dir: String) -> String? {
        let wd = inotify_add_watch(inotifyFD, dir, Self.mask)
        if wd < 0 {
            if errno == ENOSPC {
                return "out of inotify watches (raise fs.inotify.max_user_watches, or use --poll)"
            }
            return Self.errnoText()
        }
        directoriesByWatch[wd] = dir
        return nil
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
#endif
