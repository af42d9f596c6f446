import Foundation
import Synchronization

/// Fans build outcomes out to every open event stream and remembers a current build failure, so
/// a page opened while the build is broken shows the overlay at once.
final class ReloadBroadcaster: Sendable {
    private struct State {
        var subscribers: [UUID: AsyncStream<ServerEvent>.Continuation] = [:]
        var currentFailure: ServerEvent?
        var finished = false
    }

    private let state = Mutex(State())

    /// A new stream of events; it starts with the current failure, if any, and ends when
    /// ``finish()`` is called or the consumer stops iterating.
    func subscribe() -> AsyncStream<ServerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServerEvent.self, bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        let finished = state.withLock { state -> Bool in
            guard !state.finished else { return true }
            state.subscribers[id] = continuation
            if let failure = state.currentFailure { continuation.yield(failure) }
            return false
        }
        if finished {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Sends the outcome to every subscriber (a superseded build is not sent).
    func publish(_ outcome: RebuildOutcome) {
        guard let event = ServerEvent(outcome) else { return }
        let targets = state.withLock { state -> [AsyncStream<ServerEvent>.Continuation] in
            switch outcome {
            case .success, .superseded: state.currentFailure = nil
            case .failure: state.currentFailure = event
            }
            return Array(state.subscribers.values)
        }
        for continuation in targets { continuation.yield(event) }
    }

    /// Number of open event streams (for tests and diagnostics).
    var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// Ends every stream, and every stream subscribed later.
    func finish() {
        let targets = state.withLock { state -> [AsyncStream<ServerEvent>.Continuation] in
            state.finished = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for continuation in targets { continuation.finish() }
    }
}
