import Foundation

/// Runs `work` on another thread; `result()` waits for it.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    func result() -> Value {
        done.wait()
        done.signal()
        return value!
    }
}
