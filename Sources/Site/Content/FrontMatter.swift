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
        let text = contents.hasPrefix("\u{FEFF}") ? String(contents.dropFirst()) : contents
        let bytes = Array(text.utf8)
        // The opening fence: a first line holding only `---` (trailing spaces allowed).
        var position = 0
        while position < bytes.count && bytes[position] != 0x0A { position += 1 }
        let firstLine = bytes[0..<position]
        guard firstLine.count >= 3, firstLine.prefix(3).elementsEqual("---".utf8),
              firstLine.dropFirst(3).allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else {
            return .failure(.error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "missing front matter: a page must start with a '---' line",
                hint: "add front matter such as:\n  ---\n  title: My page\n  ---"))
        }
        // The closing fence: the next line holding only `---` or `...`.
        var line = 2
        var lineStart = position + 1
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var content = bytes[lineStart..<lineEnd]
            if content.last == 0x0D { content = content.dropLast() }
            if lineStart - position > InputLimits.frontMatterBytes {
                return .failure(.error(
                    at: SourceLocation(file: file, line: 1, column: 1),
                    "the front matter is over the limit of \(InputLimits.describe(InputLimits.frontMatterBytes))",
                    hint: "front matter holds short fields (title, summary, tags); put long text in the page body"))
            }
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                let yaml = lineStart > position + 1 ? String(decoding: bytes[(position + 1)..<(lineStart - 1)], as: UTF8.self) : ""
                let body = lineEnd < bytes.count ? String(decoding: bytes[(lineEnd + 1)...], as: UTF8.self) : ""
                return .success(SplitPage(frontMatter: yaml, frontMatterStartLine: 2, body: body, bodyLineOffset: line))
            }
            if lineEnd >= bytes.count { break }
            lineStart = lineEnd + 1
            line += 1
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
            let tags = fields.strings("tags") ?? []
            for (tag, location) in tags where !tag.contains(where: { $0.isLetter || $0.isNumber }) {
                fields.error(at: location, "the tag '\(tag)' has no letter or digit, so it can have no page or link",
                             hint: "use a word, such as `tags: [pricing]`")
            }
            matter.tags = tags.map(\.0)
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
