import Diagnostics

/// Collects diagnostics from every stage.
struct DiagnosticCollector {
    private(set) var all: [Diagnostic] = []
    var hasErrors: Bool { all.contains { $0.severity == .error } }

    mutating func add(_ diagnostics: [Diagnostic]) { all += diagnostics }

    mutating func take<T>(_ result: Result<T, DiagnosticList>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let list):
            all += list.diagnostics
            return nil
        }
    }
}
