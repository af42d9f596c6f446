import Diagnostics
import Foundation
import Markdown

/// One http(s) link of the site's sources, with every place it is written.
public struct ExternalLink: Sendable, Hashable {
    /// The URL as written (without a `#fragment`, which the server never sees).
    public var url: String
    /// Where it is written, in file order: `content/learn/x.md:12:5`, `content/data/prices.csv:40:…`.
    public var locations: [SourceLocation]

    /// Whether the URL names a specific document (a path other than `/`, or a query) rather than a site's home page.
    public var citesDocument: Bool {
        guard let components = URLComponents(string: url) else { return false }
        let path = components.percentEncodedPath
        return !(path.isEmpty || path == "/") || !(components.percentEncodedQuery ?? "").isEmpty
    }
}

/// Finds every http(s) link in a site's sources: link destinations in the Markdown of `content/` (autolinks
/// included, not code) and every URL in the data files of `content/data/` (source URLs of prices, specs, facts).
public enum ExternalLinks {
    /// The links of the site at `root`, sorted by URL, each with its locations (paths relative to `root`).
    public static func collect(root: URL) -> [ExternalLink] {
        var found: [String: [SourceLocation]] = [:]
        let content = root.appendingPathComponent("content")
        for path in files(under: content) {
            guard let text = try? String(contentsOf: content.appendingPathComponent(path), encoding: .utf8) else { continue }
            let label = "content/" + path
            let links: [(String, SourceLocation)]
            if path.hasPrefix("data/") {
                links = urls(inData: text, file: label)
            } else if path.hasSuffix(".md") {
                links = urls(inMarkdown: text, file: label)
            } else {
                continue
            }
            for (url, location) in links { found[url, default: []].append(location) }
        }
        return found.map { ExternalLink(url: $0.key, locations: $0.value.sorted()) }.sorted { $0.url < $1.url }
    }

    /// Link destinations of a Markdown page that start with http:// or https://, at their lines in the file
    /// (the front matter counted).
    public static func urls(inMarkdown text: String, file: String) -> [(String, SourceLocation)] {
        let (body, offset) = splitFrontMatter(text)
        let rendered = MarkdownRenderer.render(body)
        return rendered.links.compactMap { link in
            guard let url = httpURL(link.destination) else { return nil }
            return (url, SourceLocation(file: file, line: link.line + offset, column: link.column))
        }
    }

    /// Every http(s) URL in a data file (CSV or YAML), at its line and column.
    public static func urls(inData text: String, file: String) -> [(String, SourceLocation)] {
        var result: [(String, SourceLocation)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var index = line.startIndex
            while let found = line[index...].range(of: "http") {
                let tail = line[found.lowerBound...]
                guard tail.hasPrefix("http://") || tail.hasPrefix("https://") else {
                    index = found.upperBound
                    continue
                }
                let end = tail.firstIndex { " \t\r,\"'<>".contains($0) } ?? tail.endIndex
                if let url = httpURL(String(tail[..<end])) {
                    let column = line.distance(from: line.startIndex, to: found.lowerBound) + 1
                    result.append((url, SourceLocation(file: file, line: number + 1, column: column)))
                }
                index = end
            }
        }
        return result
    }

    /// `url` without its fragment when it is an http(s) URL with a host; nil otherwise.
    static func httpURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://"),
              var components = URLComponents(string: trimmed), let host = components.host, !host.isEmpty else { return nil }
        components.fragment = nil
        return components.string
    }

    /// The body after a `---` front matter block, and how many lines came before it.
    static func splitFrontMatter(_ text: String) -> (body: String, lineOffset: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return (text, 0) }
        return (lines[(close + 1)...].joined(separator: "\n"), close + 1)
    }

    /// Regular files under `folder`, relative paths, sorted; hidden entries skipped.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var result: [String] = []
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(base) { result.append(String(path.dropFirst(base.count))) }
        }
        return result.sorted()
    }
}
