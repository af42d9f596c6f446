import Dispatch
import Foundation

/// Collects values from other tasks or threads and lets a test wait, with a deadline, until they
/// satisfy a condition. The deadline fires from a Dispatch timer, so no test ever sleeps.
final class Recorder<Element: Sendable>: @unchecked Sendable {
    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        let seen: [Element]
        var description: String { "timed out waiting for \(what); seen so far: \(seen)" }
    }

    private struct Waiter {
        let predicate: ([Element]) -> Bool
        let continuation: CheckedContinuation<[Element], any Error>
    }

    private let lock = NSLock()
    private var items: [Element] = []
    private var waiters: [UUID: Waiter] = [:]

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }

    func append(_ item: Element) {
        lock.lock()
        items.append(item)
        let snapshot = items
        let ready = waiters.filter { $0.value.predicate(snapshot) }
        for id in ready.keys { waiters[id] = nil }
        lock.unlock()
        for waiter in ready.values { waiter.continuation.resume(returning: snapshot) }
    }

    /// Returns every item recorded so far once `predicate` holds, or throws after `timeout`.
    @discardableResult
    func wait(
        for what: String,
        timeout: Double = 10,
        until predicate: @escaping ([Element]) -> Bool
    ) async throws -> [Element] {
        let id = UUID()
        return try await withCheckedThrowingContinuation { continuation in
            lock.lock()
            if predicate(items) {
                let snapshot = items
                lock.unlock()
                continuation.resume(returning: snapshot)
                return
            }
            waiters[id] = Waiter(predicate: predicate, continuation: continuation)
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in
                lock.lock()
                let waiter = waiters.removeValue(forKey: id)
                let snapshot = items
                lock.unlock()
                waiter?.continuation.resume(throwing: TimedOut(what: what, seen: snapshot))
            }
        }
    }
}
