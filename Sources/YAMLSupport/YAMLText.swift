import Diagnostics
import Yams

/// YAML text → node tree, for every file Signals reads (front matter, site.yaml, directive bodies, data files),
/// with each Yams error turned into one located diagnostic worded the same way everywhere.
public enum YAMLText {
    /// Why a YAML text could not be read, as a diagnostic at the right line.
    public struct Problem: Error, Sendable {
        public var diagnostic: Diagnostic
    }

    /// Composes `text`; nil for an empty document.
    ///
    /// - Parameters:
    ///   - file: the path printed in diagnostics.
    ///   - lineOffset: lines before the text in its file (front matter and directive bodies sit inside a page).
    ///   - resolver: Yams' tag resolver; `.basic` skips the regular expressions the default runs on every scalar.
    public static func compose(_ text: String, file: String, lineOffset: Int = 0, resolver: Resolver = .default) throws(Problem) -> Node? {
        do {
            return try Yams.compose(yaml: text, resolver)
        } catch let yamlError as YamlError {
            throw Problem(diagnostic: diagnostic(for: yamlError, text: text, file: file, lineOffset: lineOffset))
        } catch {
            throw Problem(diagnostic: .error(at: SourceLocation(file: file, line: lineOffset + 1, column: 1), "invalid YAML: \(error)"))
        }
    }

    /// The diagnostic for a Yams error: its line and column in the file, and a hint where the cause is known.
    public static func diagnostic(for yamlError: YamlError, text: String, file: String, lineOffset: Int = 0) -> Diagnostic {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            let at = SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
            return .error(at: at, "invalid YAML: \(problem)", hint: problem.contains("tab") ? "indent YAML with spaces, not tabs" : nil)
        case .reader(let problem, let offset, _, _):
            // libyaml's reader reports a byte offset: turn it into a line and column.
            var line = 1, column = 1
            if let offset {
                for byte in text.utf8.prefix(offset) {
                    if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
                }
            }
            return .error(at: SourceLocation(file: file, line: line + lineOffset, column: column), "invalid YAML: \(problem)",
                          hint: "remove the control character (a NUL or similar byte) from the text")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the mapping; the line a reader needs is the second occurrence of the key.
            var at = SourceLocation(file: file, line: context.mark.line + lineOffset, column: context.mark.column)
            if let key = duplicates.first, let line = secondLine(startingWith: key, in: text, after: context.mark.line) {
                at = SourceLocation(file: file, line: line + lineOffset, column: 1)
            }
            return .error(at: at, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))", hint: "each key may appear once")
        default:
            return .error(at: SourceLocation(file: file, line: lineOffset + 1, column: 1), "invalid YAML: \(yamlError)")
        }
    }

    /// The 1-based line of the second `key:` line at or after `line`.
    static func secondLine(startingWith key: String, in text: String, after line: Int) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var seen = 0
        for (index, candidate) in lines.enumerated() where index + 1 >= line {
            let stripped = candidate.drop { $0 == " " }
            if stripped.hasPrefix("\(key):") || stripped.hasPrefix("\"\(key)\":") || stripped.hasPrefix("- \(key):") {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }
}
