import Diagnostics
import Foundation
import Yams

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

    mutating func requiredNumber(_ key: String, example: String) -> Double? {
        if !has(key) {
            fail(nil, "missing parameter '\(key)'", hint: "add `\(key): \(example)`")
            return nil
        }
        return number(key)
    }
}
