import Synchronization
/// Gathers changed paths from a watcher and decides when a burst of changes has settled.
final class ChangeCollector: Sendable {
    private struct State {
        var pending: Set<String> = []
        var firstChange: ContinuousClock.Instant?
        var lastChange: ContinuousClock.Instant?
        /// Called once, at the next change recorded, while a rebuild runs (see `whileRebuilding`).
        var onChange: (@Sendable () -> Void)?
    }

    /// What the rebuild loop should do next.
    enum Decision: Equatable {
        /// Changes have been quiet for the debounce time (or waited too long): rebuild these paths.
        case rebuild([String])
        /// More changes may follow: check again after this long.
        case wait(Duration)
        /// Nothing pending.
        case idle
    }

    private let state = Mutex(State())
    private let clock = ContinuousClock()
    private let continuation: AsyncStream<Void>.Continuation
    /// Yields (coalesced) whenever new changes are recorded.
    let wakeUps: AsyncStream<Void>
    let debounce: Duration
    /// A save storm never delays a rebuild by more than this.
    let maximumDelay: Duration

    init(debounce: Duration, maximumDelay: Duration = .seconds(1)) {
        self.debounce = debounce
        self.maximumDelay = max(maximumDelay, debounce)
        (wakeUps, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func record(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        let now = clock.now
        let onChange = state.withLock { state in
            state.pending.formUnion(paths)
            if state.firstChange == nil { state.firstChange = now }
            state.lastChange = now
            defer { state.onChange = nil }
            return state.onChange
        }
        onChange?()
        continuation.yield()
    }

    /// Runs `rebuild`; a change recorded before it returns calls `stale` once (to cancel the rebuild it makes stale).
    func whileRebuilding<Value>(stale: @escaping @Sendable () -> Void, rebuild: () async -> Value) async -> Value {
        state.withLock { $0.onChange = stale }
        defer { state.withLock { $0.onChange = nil } }
        return await rebuild()
    }

    func decide() -> Decision {
        let now = clock.now
        return state.withLock { state in
            guard !state.pending.isEmpty, let first = state.firstChange, let last = state.lastChange else {
                return .idle
            }
            let quiet = now - last
            if quiet >= debounce || now - first >= maximumDelay {
                let paths = state.pending.sorted()
                state.pending = []
                state.firstChange = nil
                state.lastChange = nil
                return .rebuild(paths)
            }
            return .wait(debounce - quiet)
        }
    }

    func finish() {
        continuation.finish()
    }
}
