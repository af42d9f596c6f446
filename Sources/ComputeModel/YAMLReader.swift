import Diagnostics
import Foundation
import YAMLSupport
import Yams

/// Walks a composed YAML tree and collects diagnostics with the line and column of each key,
/// so that one pass reports every problem in a file.
final class YAMLReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) {
        self.path = path
    }

    /// The document's root node, or nil after recording a syntax error (or that the file is empty).
    func root(of contents: String) -> Node? {
        do {
            guard let node = try YAMLText.compose(contents, file: path) else {
                error(at: SourceLocation(file: path, line: 1, column: 1), "the file is empty")
                return nil
            }
            return node
        } catch {
            diagnostics.append(error.diagnostic)
            return nil
        }
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    func location(_ node: Node) -> SourceLocation {
        location(node.mark)
    }

    func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location, message, hint: hint))
    }

    func error(_ node: Node, _ message: String, hint: String? = nil) {
        error(at: location(node), message, hint: hint)
    }

    /// The entries of a mapping as (key text, key node, value), in file order; nil (with an error) if `node` is not a mapping.
    func entries(_ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        return mapping.map { pair in (pair.key.string ?? "\(pair.key)", pair.key, pair.value) }
    }

    /// The elements of a sequence; nil (with an error) if `node` is not a sequence.
    func elements(_ node: Node, what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(node, "\(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    /// A mapping checked against the keys it may and must have. Unknown keys get a did-you-mean hint.
    func fields(_ node: Node, what: String, allowed: [String], required: [String]) -> Fields? {
        guard let entries = entries(node, what: what) else { return nil }
        var fields = Fields(node: node)
        for entry in entries {
            if allowed.contains(entry.key) {
                fields.values[entry.key] = (entry.keyNode, entry.value)
            } else {
                let hint = Suggestion.closest(to: entry.key, in: allowed).map { "did you mean '\($0)'?" }
                    ?? "known keys: \(allowed.joined(separator: ", "))"
                error(entry.keyNode, "unknown key '\(entry.key)' in \(what)", hint: hint)
            }
        }
        for key in required where fields.values[key] == nil {
            error(node, "\(what) is missing '\(key)'", hint: "every entry needs '\(key)'; nothing is filled in by default")
        }
        return fields
    }

    /// A non-empty scalar string.
    func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a single value")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text == "~" || text == "null" {
            error(node, "\(what) is empty")
            return nil
        }
        return text
    }

    /// A finite number; `405e9` and `1,979` (thousands separators) are not accepted, `1979` and `4.05e11` are.
    func number(_ node: Node, what: String) -> Double? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Double(text), value.isFinite else {
            error(node, "\(what) must be a number, not '\(text)'")
            return nil
        }
        return value
    }

    /// A `YYYY-MM-DD` day, checked not to be after `today`.
    func day(_ node: Node, what: String, today: Day) -> Day? {
        guard let text = string(node, what: what) else { return nil }
        guard let day = Day(text) else {
            error(node, "\(what) '\(text)' is not a date", hint: "write dates as YYYY-MM-DD")
            return nil
        }
        if day > today {
            error(node, "\(what) \(day) is after the build date \(today)")
            return nil
        }
        return day
    }
}

extension YAMLReader {
    /// The checked keys of one mapping, each with its key node (for locations) and value node.
    struct Fields {
        let node: Node
        var values: [String: (key: Node, value: Node)] = [:]

        subscript(key: String) -> Node? { values[key]?.value }

        func keyNode(_ key: String) -> Node { values[key]?.key ?? node }
    }
}
