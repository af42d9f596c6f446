import Diagnostics
import Foundation

/// Prints diagnostics compiler-style to standard error: the message, the source line and a caret under the column.
struct DiagnosticPrinter {
    /// Folder that diagnostic paths are relative to.
    let root: URL
    let useColour: Bool

    init(root: URL, useColour: Bool = isatty(STDERR_FILENO) == 1) {
        self.root = root
        self.useColour = useColour
    }

    func render(_ diagnostic: Diagnostic) -> String {
        let label = diagnostic.severity == .error ? paint("error:", "31") : paint("warning:", "33")
        var text = "\(diagnostic.location): \(label) \(diagnostic.message)"
        if let excerpt = excerpt(diagnostic.location) { text += "\n" + excerpt }
        if let hint = diagnostic.hint { text += "\n  " + paint("hint:", "36") + " " + hint.replacingOccurrences(of: "\n", with: "\n  ") }
        return text
    }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { Self.standardError(render(diagnostic) + "\n") }
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColour ? "\u{1B}[1;\(code)m\(text)\u{1B}[0m" : text
    }

    private func excerpt(_ location: SourceLocation) -> String? {
        guard location.line > 0,
              let data = FileManager.default.contents(atPath: root.appendingPathComponent(location.file).path),
              data.count < 20_000_000,
              let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return nil }
        let line = lines[location.line - 1].replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: "")
        guard line.count <= 300 else { return nil }
        var out = "  \(location.line) | \(line)"
        if location.column > 0 {
            let gutter = String(repeating: " ", count: String(location.line).count)
            out += "\n  \(gutter) | " + String(repeating: " ", count: max(0, location.column - 1)) + "^"
        }
        return out
    }
}
