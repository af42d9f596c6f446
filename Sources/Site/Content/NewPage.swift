import Foundation

/// Writes a new draft page (`signals new`), refusing paths outside content/ and files that exist.
public enum NewPage {
    /// Why a page could not be created.
    public struct Problem: Error, Sendable {
        public var message: String
    }

    /// The kinds lessons use, offered in the new page's comments.
    static let kinds = ["basics", "concept", "unit", "compare", "workloads", "market", "reference"]

    /// Creates `content/<path>` under `root`; returns the path it wrote, relative to the root.
    public static func create(path: String, root: URL, kind: String?, today: Date) -> Result<String, Problem> {
        let relative = path.hasPrefix("content/") ? String(path.dropFirst("content/".count)) : path
        guard relative.hasSuffix(".md"), !relative.hasPrefix("/"),
              !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            return .failure(Problem(message: "'\(path)' must be a Markdown file inside content/, e.g. learn/what-is-hbm.md"))
        }
        if let kind, !kinds.contains(kind) {
            return .failure(Problem(message: "unknown kind '\(kind)'; kinds: \(kinds.joined(separator: ", "))"))
        }
        let content = root.appendingPathComponent("content")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(Problem(message: "no content/ folder in \(root.path); run signals from the site's root folder, or pass --source ROOT"))
        }
        let target = content.appendingPathComponent(relative)
        guard !FileManager.default.fileExists(atPath: target.path) else {
            return .failure(Problem(message: "content/\(relative) already exists; choose another name"))
        }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text(title: title(fromFileName: target.deletingPathExtension().lastPathComponent), kind: kind, today: today)
                .write(to: target, atomically: true, encoding: .utf8)
        } catch {
            return .failure(Problem(message: "cannot write content/\(relative): \(error.localizedDescription)"))
        }
        return .success("content/\(relative)")
    }

    /// `what-is-hbm` → `What is hbm`; `_index` → the folder's name is not known here, so `Index`.
    static func title(fromFileName name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .split(separator: " ").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func text(title: String, kind: String?, today: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let quoted = title.contains(":") || title.contains("#") ? "\"\(title.replacingOccurrences(of: "\"", with: "\\\""))\"" : title
        return """
        ---
        title: \(quoted)
        date: \(formatter.string(from: today))
        draft: true
        \(kind.map { "kind: \($0)" } ?? "# kind: \(kinds.joined(separator: " | "))")
        # summary: one sentence, shown on lesson cards and in search
        # tags: []
        # related: [learn/what-is-a-gpu-hour.md]
        ---

        Write the page here. Prices and specs come from content/data/ through directives, never typed
        into the text: see README, "Numbers come from data".

        """
    }
}
