import Synchronization

/// A flag a caller sets to stop a build it no longer wants (the preview, when a newer save makes a running
/// build stale). The build checks it between stages; a build that has started writing its output finishes.
public final class BuildCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the build to stop at its next check. Safe from any thread, any number of times.
    public func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    /// True once `cancel()` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

extension BuildOptions {
    /// Throws a `BuildFailure` marked `cancelled` (with no diagnostics) when the caller cancelled the build.
    func checkCancelled() throws(BuildFailure) {
        if cancellation?.isCancelled == true {
            var failure = BuildFailure(diagnostics: [])
            failure.cancelled = true
            throw failure
        }
    }
}
