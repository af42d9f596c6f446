import CCmarkGFM
import Foundation
import Synchronization

/// Owns the cmark-gfm parser set-up and serialises the parse step.
///
/// cmark-gfm's inline parser adds the extensions' special characters to a process-global table for the
/// duration of each parse (github/cmark-gfm#221), so two parses at once silently corrupt each other.
/// Every parse in this process goes through `parse(_:options:)`, which holds one lock; rendering a
/// finished tree to HTML does not touch that table and runs in parallel.
enum CmarkParser {
    private static let lock = Mutex(())
    /// Core extensions registered once (the registration itself is not thread-safe).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// A parsed document and the parser that holds its extension list (needed to render it).
    final class ParsedDocument {
        let parser: OpaquePointer
        let root: OpaquePointer
        let options: Int32

        init(parser: OpaquePointer, root: OpaquePointer, options: Int32) {
            self.parser = parser
            self.root = root
            self.options = options
        }

        deinit {
            cmark_node_free(root)
            cmark_parser_free(parser)
        }

        /// HTML for the (possibly modified) tree.
        func renderHTML() -> String { renderHTML(of: root) }

        /// HTML for one subtree of the document.
        func renderHTML(of node: OpaquePointer) -> String {
            let extensions = cmark_parser_get_syntax_extensions(parser)
            guard let html = cmark_render_html(node, options, extensions) else { return "" }
            defer { free(html) }
            return String(cString: html)
        }
    }

    static func options(for markdownOptions: MarkdownOptions) -> Int32 {
        var options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        if markdownOptions.allowRawHTML { options |= CMARK_OPT_UNSAFE }
        return options
    }

    /// Parses `source` under the process-wide parse lock.
    static func parse(_ source: String, options markdownOptions: MarkdownOptions) -> ParsedDocument? {
        _ = registered
        let options = options(for: markdownOptions)
        return lock.withLock { _ -> ParsedDocument? in
            guard let parser = cmark_parser_new(options) else { return nil }
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            var bytes = Array(source.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    cmark_parser_feed(parser, pointer, buffer.count)
                }
            }
            guard let root = cmark_parser_finish(parser) else {
                cmark_parser_free(parser)
                return nil
            }
            return ParsedDocument(parser: parser, root: root, options: options)
        }
    }
}
