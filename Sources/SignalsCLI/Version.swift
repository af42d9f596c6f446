import Markdown

/// The Signals version `signals --version` prints, with the cmark-gfm library it runs with.
enum SignalsVersion {
    /// Signals' own version; raise it with each release.
    static let number = "0.9.0"

    /// `signals 0.9.0 (cmark-gfm 0.29.0.gfm.6)`
    static var text: String {
        "signals \(number) (cmark-gfm \(MarkdownRenderer.cmarkVersion))"
    }
}
