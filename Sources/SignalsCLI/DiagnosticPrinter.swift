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
              data.count < 2_000_000_000 else { return nil }
        // The line's bytes, found by counting line feeds (splitting a large price file into Strings for every
        // warning cost more than the build).
        let found: String? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var line = 1, start = 0, index = 0
            while line < location.line {
                guard let feed = bytes[index...].firstIndex(of: 0x0A) else { return nil }
                line += 1
                index = feed + 1
                start = index
            }
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        guard let found else { return nil }
        let line = found.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: "")
        guard line.count <= 300 else { return nil }
        var out = "  \(location.line) | \(line)"
        if location.column > 0 {
            let gutter = String(repeating: " ", count: String(location.line).count)
            out += "\n  \(gutter) | " + String(repeating: " ", count: max(0, location.column - 1)) + "^"
        }
        return out
    }
}
