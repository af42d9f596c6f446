import Diagnostics

/// A request the model cannot answer: an unknown name (with the closest one) or an input out of range.
public enum ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `kind` is "accelerator", "metric", "assumption", …; `suggestion` overrides the closest of `known`.
    case unknownName(kind: String, name: String, known: [String], suggestion: String? = nil)
    /// A figure the calculation needs does not exist (e.g. FP4 on an H100) or has no data (no prices).
    case missing(String)
    /// An input is out of range, e.g. an MFU of 1.5.
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownName(let kind, let name, let known, let suggestion):
            let valid = "valid: \(known.joined(separator: ", "))"
            if let closest = suggestion ?? Suggestion.closest(to: name, in: known) {
                return "unknown \(kind) '\(name)' (did you mean '\(closest)'?); \(valid)"
            }
            return "unknown \(kind) '\(name)'; \(valid)"
        case .missing(let message), .invalid(let message):
            return message
        }
    }
}
