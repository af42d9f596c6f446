import Diagnostics
import Foundation
import Yams

/// Reads typed values out of a composed YAML mapping, recording a located diagnostic for each problem.
///
/// Lines are shifted by `lineOffset` so that YAML embedded in a larger file (front matter, a directive
/// body) is reported at its line in that file.
struct YAMLFields {
    let file: String
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []
    /// Keys in file order with their key node and value.
    private(set) var entries: [(key: String, keyNode: Node, value: Node)] = []

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    func location(ofKey key: String) -> SourceLocation {
        location(entries.first { $0.key == key }?.keyNode)
    }

    mutating func error(_ node: Node?, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location(node), message, hint: hint))
    }

    /// Parses `yaml` as one mapping; an empty document is an empty mapping. Returns false after recording an error.
    mutating func load(_ yaml: String, what: String, allowedKeys: [String]) -> Bool {
        let root: Node?
        do {
            // The basic resolver tags every scalar as text (no regex per value); `int` and `bool` below read the text.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let yamlError as YamlError {
            record(yamlError)
            return false
        } catch {
            diagnostics.append(.error(at: location(nil), "cannot read \(what): \(error)"))
            return false
        }
        guard let root else { return true }
        guard case .mapping(let mapping) = root else {
            error(root, "\(what) must be a mapping of `key: value` lines")
            return false
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            entries.append((key, keyNode, value))
            if !allowedKeys.contains(key) {
                let hint = Suggestion.closest(to: key, in: allowedKeys).map { "did you mean '\($0)'? " } ?? ""
                error(keyNode, "unknown \(what) key '\(key)'",
                      hint: hint + "valid keys: \(allowedKeys.joined(separator: ", "))")
            }
        }
        return true
    }

    private mutating func record(_ yamlError: YamlError) {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            let at = SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
            var hint: String?
            if problem.contains("tab") { hint = "indent YAML with spaces, not tabs" }
            diagnostics.append(.error(at: at, "invalid YAML: \(problem)", hint: hint))
        case .reader(let problem, let offset, _, let yaml):
            // libyaml's reader reports a byte offset: turn it into a line and column of this file.
            var line = 1, column = 1
            if let offset {
                for byte in yaml.utf8.prefix(offset) {
                    if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
                }
            }
            diagnostics.append(.error(at: SourceLocation(file: file, line: line + lineOffset, column: column), "invalid YAML: \(problem)",
                                      hint: "remove the control character (a NUL or similar byte) from the text"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            var at = SourceLocation(file: file, line: context.mark.line + lineOffset, column: context.mark.column)
            if let key = duplicates.first, let line = Self.secondLine(startingWith: key, in: context.text, after: context.mark.line) {
                at = SourceLocation(file: file, line: line + lineOffset, column: 1)
            }
            diagnostics.append(.error(at: at, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))",
                                      hint: "each key may appear once"))
        default:
            diagnostics.append(.error(at: location(nil), "invalid YAML: \(yamlError)"))
        }
    }

    /// The 1-based line of the second `key:` line at the same indentation as the first one at or after `line`.
    static func secondLine(startingWith key: String, in text: String, after line: Int) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var seen = 0
        for (index, candidate) in lines.enumerated() where index + 1 >= line {
            let stripped = candidate.drop { $0 == " " }
            if stripped.hasPrefix("\(key):") || stripped.hasPrefix("\"\(key)\":") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }

    func value(_ key: String) -> Node? {
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
