import CCmarkGFM
import Foundation

/// Renders Markdown (GitHub Flavored, via cmark-gfm) to HTML, giving headings `id` anchors and letting
/// the caller expand `{name}` fenced directives, `{…}` inline figures and rewrite link destinations.
public enum MarkdownRenderer {
    /// Renders `source`. Line numbers passed to the hooks and returned are 1-based lines of `source`.
    public static func render(
        _ source: String,
        options: MarkdownOptions = MarkdownOptions(),
        hooks: MarkdownHooks = MarkdownHooks()
    ) -> RenderedMarkdown {
        guard let document = CmarkParser.parse(source, options: options) else {
            return RenderedMarkdown(html: "", headings: [], links: [], wordCount: 0)
        }
        let found = collect(in: document.root)
        var lines = SourceLines(source)

        // Heading titles and ids first (read only); the headings are rewritten last, after the links
        // and figures inside them, because rewriting a heading replaces (and frees) its node and children.
        var headings: [Heading] = []
        var slugger = HeadingSlugger()
        for node in found.headings {
            let title = plainText(of: node)
            let level = Int(cmark_node_get_heading_level(node))
            let id = slugger.uniqueSlug(title)
            let line = Int(cmark_node_get_start_line(node))
            headings.append(Heading(level: level, id: id, title: title, line: line))
        }

        var links: [LinkReference] = []
        for node in found.links {
            guard let urlPointer = cmark_node_get_url(node) else { continue }
            let destination = String(cString: urlPointer)
            let position = lines.position(of: destination, near: blockLine(of: node))
            let reference = LinkReference(destination: destination, line: position.line, column: position.column)
            links.append(reference)
            let rewritten = hooks.link(reference)
            if rewritten != destination { cmark_node_set_url(node, rewritten) }
        }

        for node in found.directives {
            let info = String(cString: cmark_node_get_fence_info(node))
            let name = directiveName(fromInfo: info) ?? ""
            let body = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let directive = FencedDirective(name: name, body: body, line: Int(cmark_node_get_start_line(node)))
            replace(node, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: hooks.directive(directive) + "\n")
        }

        for node in found.figures {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let text = String(literal.trimmingCharacters(in: .whitespaces).dropFirst().dropLast())
            let position = lines.position(of: literal, near: blockLine(of: node))
            let figure = InlineFigure(text: text, line: position.line, column: position.column)
            replace(node, withCustom: CMARK_NODE_CUSTOM_INLINE, html: hooks.inlineFigure(figure))
        }

        for (node, heading) in zip(found.headings, headings) {
            wrapHeading(node, level: heading.level, id: heading.id, in: document)
        }

        return RenderedMarkdown(
            html: document.renderHTML(),
            headings: headings,
            links: links,
            wordCount: found.wordCount
        )
    }

    /// `compare` for an info string `{compare}` (optionally followed by words); nil for ordinary code blocks.
    public static func directiveName(fromInfo info: String) -> String? {
        let trimmed = info.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{"), let close = trimmed.firstIndex(of: "}") else { return nil }
        return String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]).trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Tree walking

    private struct Found {
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var directives: [OpaquePointer] = []
        var figures: [OpaquePointer] = []
        var wordCount = 0
    }

    private static func collect(in root: OpaquePointer) -> Found {
        var found = Found()
        guard let iterator = cmark_iter_new(root) else { return found }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING {
                found.headings.append(node)
            } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                found.links.append(node)
            } else if type == CMARK_NODE_CODE_BLOCK {
                if let info = cmark_node_get_fence_info(node), directiveName(fromInfo: String(cString: info)) != nil {
                    found.directives.append(node)
                }
            } else if type == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(node), isFigure(String(cString: literal)) {
                    found.figures.append(node)
                }
            } else if type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) {
                found.wordCount += countWords(literal)
            }
        }
        return found
    }

    private static func isFigure(_ literal: String) -> Bool {
        let trimmed = literal.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 2, trimmed.hasPrefix("{"), trimmed.hasSuffix("}") else { return false }
        guard let first = trimmed.dropFirst().first else { return false }
        return first.isLetter
    }

    private static func countWords(_ literal: UnsafePointer<CChar>) -> Int {
        var count = 0
        var inWord = false
        var pointer = literal
        while pointer.pointee != 0 {
            let byte = UInt8(bitPattern: pointer.pointee)
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
            pointer += 1
        }
        return count
    }

    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(node) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(child) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The start line of the nearest enclosing block (inline nodes carry no position of their own).
    private static func blockLine(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }

    // MARK: - Tree editing

    /// Replaces a heading by a custom block holding the heading's own HTML with an `id` added.
    private static func wrapHeading(_ heading: OpaquePointer, level: Int, id: String, in document: CmarkParser.ParsedDocument) {
        let html = document.renderHTML(of: heading)
        let openTag = "<h\(level)"
        guard html.hasPrefix(openTag) else { return }
        let withID = openTag + " id=\"\(HTMLText.escapeAttribute(id))\"" + html.dropFirst(openTag.count)
        replace(heading, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: withID)
    }

    private static func replace(_ node: OpaquePointer, withCustom type: cmark_node_type, html: String) {
        guard let custom = cmark_node_new(type) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_replace(node, custom)
        cmark_node_free(node)
    }
}

extension MarkdownRenderer {
    /// The version of the cmark-gfm library this process runs with (`0.29.0.gfm.6`), from `cmark_version_string()`.
    public static var cmarkVersion: String {
        String(cString: cmark_version_string())
    }
}
