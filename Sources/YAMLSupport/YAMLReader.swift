import Diagnostics
import Foundation
import Yams

/// A node of a composed YAML document (Yams' node type: scalars, sequences and mappings, each with its mark).
///
/// YAMLSupport is the only module that imports Yams; the others name nodes by this alias.
public typealias YAMLNode = Yams.Node

/// Walks a composed YAML tree and collects diagnostics with the line and column of each key, so that one pass
/// reports every problem in a text. The one YAML reader: data files (ComputeModel) use it directly; front matter,
/// site.yaml and directive bodies through Site's `YAMLFields`, which reads one mapping key by key on top of it.
public final class YAMLReader {
    /// The path printed in diagnostics.
    public let path: String
    /// Lines before the text in its file (front matter and directive bodies sit inside a page).
    public let lineOffset: Int
    /// Every problem recorded so far, in the order found.
    public private(set) var diagnostics: [Diagnostic] = []

    public init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    /// What composing a text gave.
    public enum Document {
        case node(YAMLNode)
        /// The text holds no document (empty, or only comments).
        case empty
        /// A syntax error, already recorded.
        case invalid
    }

    /// Composes `text`, recording a syntax error. `typedScalars: false` uses Yams' basic resolver, which tags every
    /// scalar as text and skips the regular expressions the default runs on each value.
    public func compose(_ text: String, typedScalars: Bool = true) -> Document {
        do {
            guard let node = try YAMLText.compose(text, file: path, lineOffset: lineOffset, resolver: typedScalars ? .default : .basic) else {
                return .empty
            }
            return .node(node)
        } catch {
            diagnostics.append(error.diagnostic)
            return .invalid
        }
    }

    /// The document's root node, or nil after recording a syntax error (or that the file is empty).
    public func root(of contents: String) -> YAMLNode? {
        switch compose(contents) {
        case .node(let node): return node
        case .empty:
            error(at: SourceLocation(file: path, line: lineOffset + 1, column: 1), "the file is empty")
            return nil
        case .invalid: return nil
        }
    }

    /// Where `node` is in the file; the text's first line when there is no node.
    public func location(_ node: YAMLNode?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: path, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: path, line: mark.line + lineOffset, column: mark.column)
    }

    public func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location, message, hint: hint))
    }

    public func error(_ node: YAMLNode?, _ message: String, hint: String? = nil) {
        error(at: location(node), message, hint: hint)
    }

    /// The entries of a mapping as (key text, key node, value), in file order; nil if `node` is not a mapping.
    public static func entries(_ node: YAMLNode) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping.map { pair in (pair.key.string ?? "\(pair.key)", pair.key, pair.value) }
    }

    /// The entries of a mapping as (key text, key node, value), in file order; nil (with an error) if `node` is not a mapping.
    public func entries(_ node: YAMLNode, what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard let entries = Self.entries(node) else {
            error(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        return entries
    }

    /// The elements of a sequence; nil (with an error) if `node` is not a sequence.
    public func elements(_ node: YAMLNode, what: String) -> [YAMLNode]? {
        guard case .sequence(let sequence) = node else {
            error(node, "\(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    /// A mapping checked against the keys it may and must have. Unknown keys get a did-you-mean hint.
    public func fields(_ node: YAMLNode, what: String, allowed: [String], required: [String]) -> Fields? {
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
    public func string(_ node: YAMLNode, what: String) -> String? {
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
    public func number(_ node: YAMLNode, what: String) -> Double? {
        guard let text = string(node, what: what) else { return nil }
        guard let value = Double(text), value.isFinite else {
            error(node, "\(what) must be a number, not '\(text)'")
            return nil
        }
        return value
    }
}

extension YAMLReader {
    /// The checked keys of one mapping, each with its key node (for locations) and value node.
    public struct Fields {
        public let node: YAMLNode
        public var values: [String: (key: YAMLNode, value: YAMLNode)] = [:]

        public subscript(key: String) -> YAMLNode? { values[key]?.value }

        public init(node: YAMLNode) {
            self.node = node
        }

        public func keyNode(_ key: String) -> YAMLNode { values[key]?.key ?? node }
    }
}
