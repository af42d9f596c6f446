import Diagnostics
import Foundation

/// What a directive or inline figure contributes to a page.
public struct DirectiveResult: Sendable {
    /// HTML to insert (already escaped).
    public var html: String
    public var diagnostics: [Diagnostic]
    /// The data records the output was computed from (for incremental rebuilds).
    public var dependencies: Set<DataDependency>
    /// Date of the newest price observation shown, `YYYY-MM-DD`.
    public var pricesAsOf: String?
    /// Computed figures shown, label → formatted value, for the change report.
    public var figures: [String: String]
    /// Extra files written next to the page (CSV/JSON downloads), paths relative to the page's folder.
    public var files: [OutputFile]

    public init(html: String, diagnostics: [Diagnostic] = [], dependencies: Set<DataDependency> = [], pricesAsOf: String? = nil,
                figures: [String: String] = [:], files: [OutputFile] = []) {
        self.html = html
        self.diagnostics = diagnostics
        self.dependencies = dependencies
        self.pricesAsOf = pricesAsOf
        self.figures = figures
        self.files = files
    }

    public static func failure(_ diagnostic: Diagnostic) -> DirectiveResult {
        DirectiveResult(html: "", diagnostics: [diagnostic])
    }
}

/// Turns `{name}` fenced blocks and `{name …}` inline figures into HTML at build time.
public protocol DirectiveRendering: Sendable {
    /// Directive names this renderer knows, for "unknown directive" hints.
    var names: [String] { get }
    /// Renders a fenced directive; `location` is the line of its opening fence; `slug` names downloads uniquely in the page;
    /// `pageDate` (`YYYY-MM-DD`, the page's `updated` or `date`) is the date values the page gives carry.
    func renderBlock(name: String, body: String, at location: SourceLocation, slug: String, pageDate: String?) -> DirectiveResult
    /// Renders an inline figure (`text` is what is between the braces).
    func renderInline(_ text: String, at location: SourceLocation) -> DirectiveResult
    /// A fingerprint of every data record a directive may depend on, by dependency key; a page is
    /// rendered again when one of its keys' fingerprints differs from the previous build's.
    func fingerprints() -> [String: UInt64]
    /// For each dependency key whose records differ from the data the previous build published in
    /// `previousData` (its output's `data/` folder): what changed, for the change report.
    func changes(since previousData: URL) -> [String: [String]]
    /// The same directives, knowing which pages show which price figures (for `{data-changes}`; see `PricePages`).
    func with(pricePages: PricePages) -> any DirectiveRendering
}

extension DirectiveRendering {
    public func changes(since previousData: URL) -> [String: [String]] { [:] }
    public func with(pricePages: PricePages) -> any DirectiveRendering { self }
}

/// Used when the site has no data: every directive is reported as unavailable.
struct NoDirectives: DirectiveRendering {
    var names: [String] { [] }

    func fingerprints() -> [String: UInt64] { [:] }

    func renderBlock(name: String, body: String, at location: SourceLocation, slug: String, pageDate: String?) -> DirectiveResult {
        .failure(.error(at: location, "unknown directive '{\(name)}'", hint: "this site has no content/data/ folder, so no compute directives are available"))
    }

    func renderInline(_ text: String, at location: SourceLocation) -> DirectiveResult {
        .failure(.error(at: location, "unknown inline figure '{\(text)}'", hint: "this site has no content/data/ folder, so no figures are available"))
    }
}

/// Used when content/data/ failed to load: directives render nothing and add no errors of their own
/// (the data errors are reported), so one bad price row does not also flag every figure of the site.
struct UnavailableDirectives: DirectiveRendering {
    var names: [String] { DirectiveRegistry.names }

    func fingerprints() -> [String: UInt64] { [:] }

    func renderBlock(name: String, body: String, at location: SourceLocation, slug: String, pageDate: String?) -> DirectiveResult {
        DirectiveResult(html: "")
    }

    func renderInline(_ text: String, at location: SourceLocation) -> DirectiveResult {
        DirectiveResult(html: "")
    }
}
