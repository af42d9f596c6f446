import Diagnostics
import Foundation
import YAMLSupport

/// Reads typed values out of one composed YAML mapping key by key, recording a located diagnostic for each problem.
///
/// Built on YAMLSupport's `YAMLReader` (composing, locations, the list of diagnostics); what it adds is the
/// wording of front matter, site.yaml and directive parameters (`'key' must be text`, `unknown … key`). Lines
/// are shifted by `lineOffset` so that YAML embedded in a larger file (front matter, a directive body) is
/// reported at its line in that file.
struct YAMLFields {
    private let reader: YAMLReader
    var diagnostics: [Diagnostic] { reader.diagnostics }
    /// Keys in file order with their key node and value.
    private(set) var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []

    init(file: String, lineOffset: Int) {
        reader = YAMLReader(path: file, lineOffset: lineOffset)
    }

    func location(_ node: YAMLNode?) -> SourceLocation {
        reader.location(node)
    }

    func location(ofKey key: String) -> SourceLocation {
        location(entries.first { $0.key == key }?.keyNode)
    }

    func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        reader.error(at: location, message, hint: hint)
    }

    func error(_ node: YAMLNode?, _ message: String, hint: String? = nil) {
        reader.error(node, message, hint: hint)
    }

    /// Parses `yaml` as one mapping; an empty document is an empty mapping. Returns false after recording an error.
    mutating func load(_ yaml: String, what: String, allowedKeys: [String]) -> Bool {
        // Every scalar as text (no regex per value); `int` and `bool` below read the text.
        let root: YAMLNode
        switch reader.compose(yaml, typedScalars: false) {
        case .node(let node): root = node
        case .empty: return true
        case .invalid: return false
        }
        guard let mapping = YAMLReader.entries(root) else {
            error(root, "\(what) must be a mapping of `key: value` lines")
            return false
        }
        for entry in mapping {
            entries.append(entry)
            if !allowedKeys.contains(entry.key) {
                let hint = Suggestion.closest(to: entry.key, in: allowedKeys).map { "did you mean '\($0)'? " } ?? ""
                error(entry.keyNode, "unknown \(what) key '\(entry.key)'",
                      hint: hint + "valid keys: \(allowedKeys.joined(separator: ", "))")
            }
        }
        return true
    }

    func value(_ key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }

    mutating func string(_ key: String) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            error(node, "'\(key)' must be text")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ key: String) -> Int? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, let number = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            error(node, "'\(key)' must be a whole number, got '\(node.string ?? "a list or mapping")'")
            return nil
        }
        return number
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let scalar) = node, let flag = Self.bool(scalar.string) else {
            error(node, "'\(key)' must be true or false, got '\(node.string ?? "a list or mapping")'")
            return nil
        }
        return flag
    }

    /// YAML 1.1 booleans: true/false, yes/no, on/off (any case).
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: return nil
        }
    }

    /// A list of strings; a single string is accepted as a one-element list.
    mutating func strings(_ key: String) -> [(String, SourceLocation)]? {
        guard let node = value(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            return [(scalar.string, location(node))]
        case .sequence(let sequence):
            var result: [(String, SourceLocation)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    error(item, "each entry of '\(key)' must be text")
                    continue
                }
                result.append((scalar.string, location(item)))
            }
            return result
        default:
            error(node, "'\(key)' must be a list")
            return nil
        }
    }

    /// A calendar date written `YYYY-MM-DD` (a full timestamp is accepted and cut to its date).
    mutating func date(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard let date = CalendarDate(text) else {
            error(value(key), "'\(key)' must be a date written YYYY-MM-DD, got '\(text)'")
            return nil
        }
        return date.text
    }
}

/// A calendar date as `YYYY-MM-DD`, validated.
struct CalendarDate: Hashable, Comparable, Sendable {
    let text: String

    init?(_ raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        let prefix = String(trimmed.prefix(10))
        // A full timestamp (`2026-01-05T10:00:00Z`, `2026-01-05 10:00`) is cut to its date; other trailing text is not a date.
        if trimmed.count > 10 {
            let rest = trimmed.dropFirst(10)
            guard rest.first == "T" || rest.first == " " else { return nil }
        }
        let parts = prefix.split(separator: "-", omittingEmptySubsequences: false)
        guard prefix.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year > 1900, (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        text = prefix
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.text < rhs.text }
}
