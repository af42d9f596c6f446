import Diagnostics
import Foundation
import YAMLSupport

/// The YAML parameters of one directive (or the `key=value` words of an inline figure), read with locations.
struct DirectiveParameters {
    private var fields: YAMLFields
    private var inline: [String: String] = [:]
    private let isInline: Bool
    let at: SourceLocation

    /// Parameters from a fenced directive's body; `at` is the line of its opening fence.
    init(body: String, at: SourceLocation, allowed: [String], directive: String) {
        fields = YAMLFields(file: at.file, lineOffset: at.line)
        isInline = false
        self.at = at
        unreadable = !fields.load(body, what: "'{\(directive)}' parameter", allowedKeys: allowed)
    }

    /// The body is not valid YAML: that error stands alone, without "missing parameter" errors after it.
    private var unreadable = false

    /// Parameters from an inline figure's `key=value` words.
    init(words: [Substring], at: SourceLocation, allowed: [String], figure: String) {
        fields = YAMLFields(file: at.file, lineOffset: at.line)
        isInline = true
        self.at = at
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                fields.error(nil, "expected key=value in '{\(figure) …}', got '\(word)'")
                continue
            }
            let key = String(parts[0])
            if !allowed.contains(key) {
                let hint = Suggestion.closest(to: key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                diagnosticsExtra.append(.error(at: at, "unknown parameter '\(key)' for '{\(figure) …}'",
                                               hint: hint + "parameters: \(allowed.joined(separator: ", "))"))
            }
            inline[key] = String(parts[1])
        }
    }

    private var diagnosticsExtra: [Diagnostic] = []
    private var problems: [Diagnostic] = []

    var diagnostics: [Diagnostic] {
        (fields.diagnostics + diagnosticsExtra + problems).map { diagnostic in
            var fixed = diagnostic
            if isInline { fixed.location = at }
            return fixed
        }
    }

    mutating func fail(_ key: String?, _ message: String, hint: String? = nil) {
        if unreadable { return }
        let location = isInline || key == nil ? at : fields.location(fields.value(key!))
        problems.append(.error(at: location, message, hint: hint))
    }

    func has(_ key: String) -> Bool { isInline ? inline[key] != nil : fields.value(key) != nil }

    mutating func string(_ key: String) -> String? {
        isInline ? inline[key] : fields.string(key)
    }

    mutating func requiredString(_ key: String, example: String) -> String? {
        guard let value = string(key) else {
            if !has(key) { fail(nil, "missing parameter '\(key)'", hint: "add `\(key): \(example)`") }
            return nil
        }
        return value
    }

    mutating func strings(_ key: String) -> [String]? {
        if isInline { return inline[key].map { $0.split(separator: ",").map(String.init) } }
        return fields.strings(key)?.map(\.0)
    }

    /// A number; written plainly or in e-notation (`405e9`), which YAML would otherwise read as text.
    mutating func number(_ key: String) -> Double? {
        guard let text = string(key) else { return nil }
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let value = Double(cleaned), value.isFinite else {
            fail(key, "'\(key)' must be a number, got '\(text)'")
            return nil
        }
        return value
    }

    /// The entries of a list parameter whose items are mappings (`layers: [{id: …, name: …}, …]`), each read with
    /// its own keys; an error at the parameter when it is not a list. Fenced directives only.
    mutating func records(_ key: String, allowed: [String]) -> [DirectiveRecord]? {
        guard !isInline, let node = fields.value(key) else { return nil }
        guard case .sequence(let sequence) = node else {
            problems.append(.error(at: fields.location(node), "'\(key)' must be a list of mappings"))
            return nil
        }
        var records: [DirectiveRecord] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                problems.append(.error(at: fields.location(item), "each entry of '\(key)' must be a mapping of `key: value` lines"))
                continue
            }
            var record = DirectiveRecord(location: fields.location(item))
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? "\(keyNode)"
                if !allowed.contains(name) {
                    let hint = Suggestion.closest(to: name, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                    problems.append(.error(at: fields.location(keyNode), "unknown key '\(name)' in an entry of '\(key)'",
                                           hint: hint + "valid keys: \(allowed.joined(separator: ", "))"))
                    continue
                }
                switch value {
                case .scalar(let scalar):
                    record.values[name] = [scalar.string]
                case .sequence(let items):
                    var texts: [String] = []
                    for element in items {
                        guard case .scalar(let scalar) = element else {
                            problems.append(.error(at: fields.location(element), "each entry of '\(name)' must be text"))
                            continue
                        }
                        texts.append(scalar.string)
                    }
                    record.values[name] = texts
                default:
                    problems.append(.error(at: fields.location(value), "'\(name)' must be text or a list of text"))
                }
                record.locations[name] = fields.location(value)
            }
            records.append(record)
        }
        return records
    }

    /// Records an error at `location` (an entry of a `records` list).
    mutating func fail(at location: SourceLocation, _ message: String, hint: String? = nil) {
        if unreadable { return }
        problems.append(.error(at: location, message, hint: hint))
    }

    mutating func requiredNumber(_ key: String, example: String) -> Double? {
        if !has(key) {
            fail(nil, "missing parameter '\(key)'", hint: "add `\(key): \(example)`")
            return nil
        }
        return number(key)
    }
}

/// One mapping of a list parameter (see `DirectiveParameters.records`): text values by key, each with its line.
struct DirectiveRecord {
    /// Where the entry starts.
    var location: SourceLocation
    /// Each key's text; a list gives several, a scalar one.
    var values: [String: [String]] = [:]
    var locations: [String: SourceLocation] = [:]

    /// The key's single text value (the first of a list).
    func string(_ key: String) -> String? { values[key]?.first }

    /// The key's texts (a scalar as a one-element list), or an empty list.
    func strings(_ key: String) -> [String] { values[key] ?? [] }

    /// Where the key's value is, or the entry's start.
    func location(_ key: String) -> SourceLocation { locations[key] ?? location }
}
