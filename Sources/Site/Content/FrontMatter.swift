import Diagnostics

/// The typed front matter of a page: the YAML between the opening and closing `---` lines.
public struct FrontMatter: Sendable, Codable {
    public static let keys = ["title", "summary", "kind", "tags", "weight", "related", "draft", "date", "updated", "layout"]

    public var title: String = ""
    public var summary: String?
    public var kind: String?
    public var tags: [String] = []
    public var weight: Int?
    /// Related pages as written, with the location of each entry.
    public var related: [PathReference] = []
    public var draft = false
    public var date: String?
    public var updated: String?
    public var layout: String?
    /// Where `layout` was written, for errors about it.
    public var layoutLocation: SourceLocation?
}

/// A content path written in a file (front matter `related`, the settings' `path`), with where it was written.
public struct PathReference: Sendable, Codable, Hashable {
    public var path: String
    public var location: SourceLocation
}

/// A page file split into front matter and body.
public struct SplitPage: Sendable {
    public var frontMatter: String
    /// 1-based file line of the first front-matter line.
    public var frontMatterStartLine: Int
    public var body: String
    /// Number of file lines before the body (add to a body line to get the file line).
    public var bodyLineOffset: Int
}

extension FrontMatter {
    /// Splits `contents` at its `---` fences. A file that does not start with `---` is an error: every page needs a title.
    public static func split(_ contents: String, file: String) -> Result<SplitPage, Diagnostic> {
        var text = Substring(contents)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let lines = text.split(separator: "\n", maxSplits: Int.max, omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" || first == "---\r" else {
            return .failure(.error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "missing front matter: a page must start with a '---' line",
                hint: "add front matter such as:\n  ---\n  title: My page\n  ---"))
        }
        var index = 1
        while index < lines.count {
            let line = lines[index].hasSuffix("\r") ? lines[index].dropLast() : lines[index]
            if line == "---" || line == "..." {
                let yaml = lines[1..<index].joined(separator: "\n")
                let body = index + 1 < lines.count ? lines[(index + 1)...].joined(separator: "\n") : ""
                return .success(SplitPage(frontMatter: yaml, frontMatterStartLine: 2, body: body, bodyLineOffset: index + 1))
            }
            index += 1
        }
        return .failure(.error(
            at: SourceLocation(file: file, line: 1, column: 1),
            "front matter is not closed: no '---' line after the opening one",
            hint: "end the front matter with a line holding only '---'"))
    }

    /// Parses front-matter YAML. `lineOffset` is the number of file lines before the YAML.
    public static func parse(_ yaml: String, file: String, lineOffset: Int) -> Result<FrontMatter, DiagnosticList> {
        var fields = YAMLFields(file: file, lineOffset: lineOffset)
        var matter = FrontMatter()
        if fields.load(yaml, what: "front-matter", allowedKeys: keys) {
            if let title = fields.string("title"), !title.trimmingCharacters(in: .whitespaces).isEmpty {
                matter.title = title
            } else if fields.value("title") == nil {
                fields.error(nil, "missing required front-matter key 'title'", hint: "add a line such as `title: What is a GPU-hour?`")
            } else if fields.diagnostics.isEmpty {
                fields.error(fields.value("title"), "'title' must not be empty")
            }
            matter.summary = fields.string("summary")
            matter.kind = fields.string("kind")
            matter.tags = fields.strings("tags")?.map(\.0) ?? []
            matter.weight = fields.int("weight")
            matter.related = fields.strings("related")?.map { PathReference(path: $0.0, location: $0.1) } ?? []
            matter.draft = fields.bool("draft") ?? false
            matter.date = fields.date("date")
            matter.updated = fields.date("updated")
            matter.layout = fields.string("layout")
            if matter.layout != nil { matter.layoutLocation = fields.location(fields.value("layout")) }
        }
        let errors = fields.diagnostics
        return errors.isEmpty ? .success(matter) : .failure(DiagnosticList(errors))
    }
}
