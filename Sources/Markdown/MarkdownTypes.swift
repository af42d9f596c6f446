/// Options for one Markdown render.
public struct MarkdownOptions: Sendable, Hashable {
    /// Pass raw HTML through (cmark's unsafe mode). Off by default: raw HTML becomes `<!-- raw HTML omitted -->`.
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }
}

/// A heading of a rendered document, with the `id` anchor it was given.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var id: String
    /// Plain text of the heading (markup stripped).
    public var title: String
    /// 1-based line in the Markdown source.
    public var line: Int

    public init(level: Int, id: String, title: String, line: Int) {
        self.level = level
        self.id = id
        self.title = title
        self.line = line
    }
}

/// A link destination as written in the source, with where it was written.
public struct LinkReference: Sendable, Hashable {
    public var destination: String
    public var line: Int
    public var column: Int
}

/// A fenced block whose info string is `{name}`: a build-time directive.
public struct FencedDirective: Sendable, Hashable {
    public var name: String
    /// The block's body (parameters, usually YAML).
    public var body: String
    /// 1-based line of the opening fence.
    public var line: Int
}

/// An inline code span whose whole text is `{name key=value …}`: a build-time figure.
public struct InlineFigure: Sendable, Hashable {
    /// The text between the braces, e.g. `price gpu=h100-sxm stat=median`.
    public var text: String
    public var line: Int
    public var column: Int
}

/// What the caller supplies for directives and links while a document renders.
///
/// Each closure returns the HTML (or URL) to put in the output; HTML returned here is emitted verbatim,
/// so it must already be escaped.
public struct MarkdownHooks {
    public var directive: (FencedDirective) -> String
    public var inlineFigure: (InlineFigure) -> String
    /// Rewrites a link destination (e.g. `gpu-hour.md#formula` → `/learn/gpu-hour/#formula`).
    public var link: (LinkReference) -> String

    public init(
        directive: @escaping (FencedDirective) -> String = { _ in "" },
        inlineFigure: @escaping (InlineFigure) -> String = { _ in "" },
        link: @escaping (LinkReference) -> String = { $0.destination }
    ) {
        self.directive = directive
        self.inlineFigure = inlineFigure
        self.link = link
    }
}

/// The result of rendering one Markdown document.
public struct RenderedMarkdown: Sendable, Hashable {
    public var html: String
    public var headings: [Heading]
    public var links: [LinkReference]
    /// Number of words of prose, for reading time.
    public var wordCount: Int
}
