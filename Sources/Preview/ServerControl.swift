import Synchronization
/// State shared between a running ``PreviewServer`` and the code that observes or stops it.
final class ServerControl: Sendable {
    private struct State {
        var port: Int?
        var failure: (any Error)?
        var portWaiters: [CheckedContinuation<Int, any Error>] = []
        var shutdownRequested = false
    }

    private let state = Mutex(State())
    private let shutdownContinuation: AsyncStream<Void>.Continuation
    private let shutdownRequests: AsyncStream<Void>

    init() {
        (shutdownRequests, shutdownContinuation) = AsyncStream.makeStream(of: Void.self)
    }

    func didBind(port: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            state.port = port
            defer { state.portWaiters = [] }
            return state.portWaiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func didFail(_ error: any Error) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, any Error>] in
            if state.port == nil { state.failure = error }
            defer { state.portWaiters = [] }
            return state.portWaiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    func boundPort() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let result = state.withLock { state -> Result<Int, any Error>? in
                if let port = state.port { return .success(port) }
                if let failure = state.failure { return .failure(failure) }
                state.portWaiters.append(continuation)
                return nil
            }
            if let result { continuation.resume(with: result) }
        }
    }

    func requestShutdown() {
        state.withLock { $0.shutdownRequested = true }
        shutdownContinuation.finish()
    }

    var isShutdownRequested: Bool {
        state.withLock { $0.shutdownRequested }
    }

    /// Returns once ``requestShutdown()`` has been called (or the waiting task is cancelled).
    func waitForShutdownRequest() async {
        for await _ in shutdownRequests {}
    }
}
