import Foundation

/// Runs independent work on all cores and returns the results in input order.
enum Parallel {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        if inputs.count < 2 { return inputs.map(transform) }
        var results = [Output?](repeating: nil, count: inputs.count)
        results.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                out.value[index] = transform(inputs[index])
            }
        }
        return results.map { $0! }
    }
}

/// Lets a buffer be written from `concurrentPerform` workers, each at its own index.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
