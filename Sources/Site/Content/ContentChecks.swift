import Diagnostics
import Foundation

/// File names that can become URLs. A page or file name with `#`, `?`, `%`, a space or another character
/// that a URL path must escape would be linked wrongly (`hash#frag.md` → `/hash#frag/`, a fragment), so it
/// is refused with a clear error instead of written silently.
enum FileName {
    struct Problem {
        var message: String
        var hint: String
    }

    /// Characters allowed in a path segment besides letters and digits (any script).
    static let punctuation: Set<Character> = ["-", "_", ".", "~"]

    /// Why `path` (`/`-separated, inside `content/`) cannot be published, or nil when it can.
    static func problem(in path: String) -> Problem? {
        for segment in path.split(separator: "/") {
            let bad = segment.filter { !($0.isLetter || $0.isNumber || punctuation.contains($0)) }
            guard let first = bad.first else { continue }
            let shown = first == " " ? "a space" : "'\(first)'"
            let suggestion = String(segment.map { $0.isLetter || $0.isNumber || punctuation.contains($0) ? $0 : "-" })
            return Problem(message: "the name '\(segment)' has \(shown), which breaks the page's URL",
                           hint: "rename it with letters, digits, '-', '_' or '.' only (for example '\(suggestion)')")
        }
        return nil
    }
}

/// Size limits for what a build reads, so one runaway file gives a clear error rather than minutes of work
/// and gigabytes of memory (documented in README, "Limits").
public enum InputLimits {
    /// A page file (front matter and Markdown).
    public static let pageBytes = 16 << 20
    /// A page's front matter.
    public static let frontMatterBytes = 64 << 10
    /// A YAML data file (accelerators, assumptions, CPUs, facts).
    public static let yamlDataBytes = 16 << 20
    /// The price file (`prices.csv`): about five million rows.
    public static let csvDataBytes = 1 << 30

    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}

/// `updated:` before `date:` is almost always a typo in one of them.
enum DateOrder {
    /// A warning when the page's `updated` day is earlier than its `date`, at the `updated:` line.
    static func warning(for page: Page, contentDirectory: URL) -> Diagnostic? {
        guard let date = page.frontMatter.date, let updated = page.frontMatter.updated, updated < date else { return nil }
        return .warning(at: SourceLocation(file: page.file, line: line(of: "updated", in: page, contentDirectory: contentDirectory), column: 1),
                        "'updated' (\(updated)) is earlier than 'date' (\(date))",
                        hint: "'date' is when the page was first published and 'updated' its last change: swap them or fix the typo")
    }

    /// The file line of the front-matter key `key` (1 when not found); read only when a warning needs it.
    private static func line(of key: String, in page: Page, contentDirectory: URL) -> Int {
        guard let data = FileManager.default.contents(atPath: contentDirectory.appendingPathComponent(page.contentPath).path) else { return 1 }
        for (number, text) in String(decoding: data.prefix(InputLimits.frontMatterBytes + 1024), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).enumerated() where text.hasPrefix(key + ":") {
            return number + 1
        }
        return 1
    }
}
