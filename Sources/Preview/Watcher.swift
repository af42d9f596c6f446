import Foundation

/// The file watcher the server runs: inotify, or the polling fallback.
struct Watcher: Sendable {
    private enum Backend: Sendable {
        #if canImport(Glibc)
        case inotify(InotifyWatcher)
        #endif
        case polling(PollingWatcher, initial: [String: DirectoryWalker.Stamp])
    }

    private let backend: Backend

    /// Sets up the watches (or takes the first polling snapshot) right away, so that every change
    /// made after `init` returns is seen. Watched folders that do not exist are skipped.
    init(roots: [String], walker: DirectoryWalker, configuration: PreviewConfiguration) throws {
        let existing = roots.filter { DirectoryWalker.lstatKind($0) != nil }
        #if canImport(Glibc)
        if !configuration.poll {
            backend = .inotify(try InotifyWatcher(roots: existing, walker: walker))
            return
        }
        #endif
        let polling = PollingWatcher(roots: existing, walker: walker, interval: configuration.pollInterval)
        backend = .polling(polling, initial: polling.snapshot())
    }

    /// Reports changes until the task is cancelled.
    func run(onChange: @escaping @Sendable ([String]) -> Void) async {
        switch backend {
        #if canImport(Glibc)
        case .inotify(let watcher):
            watcher.start(onChange: onChange)
            let (forever, continuation) = AsyncStream.makeStream(of: Void.self)
            // Iteration ends when the task is cancelled.
            for await _ in forever {}
            continuation.finish()
            watcher.stop()
        #endif
        case .polling(let watcher, let initial):
            await watcher.run(startingFrom: initial, onChange: onChange)
        }
    }

    /// Stops the watcher thread, if any (idempotent).
    func stop() {
        #if canImport(Glibc)
        if case .inotify(let watcher) = backend { watcher.stop() }
        #endif
    }
}
