/// How far a figure can be trusted, using the tags of the project's fact sheet.
public enum Confidence: String, Sendable, Codable, CaseIterable, Hashable {
    /// Primary: vendor datasheet, provider price page or API, paper, model card, filing.
    case primary = "P"
    /// Secondary: a named third party quoting or transcribing a primary source.
    case secondary = "S"
    /// Weak secondary: blog, aggregator or news summary.
    case weak = "S-"
    /// Derived: calculated from sourced inputs; not a published figure.
    case derived = "D"
    /// Commonly quoted but not read in a source.
    case unverified = "UNVERIFIED"

    /// A short phrase for readers ("primary source", "derived", …).
    public var label: String {
        switch self {
        case .primary: "primary source"
        case .secondary: "secondary source"
        case .weak: "weak secondary source"
        case .derived: "derived"
        case .unverified: "unverified"
        }
    }
}

/// Where a figure comes from: a source label, its URL, the date it was read or observed, and a confidence tag.
public struct Provenance: Hashable, Sendable, Codable {
    /// Citation label, e.g. `R-STAS` or "Signals compute model".
    public var source: String
    /// A longer title for the source, when known.
    public var title: String?
    /// Where to check it, when the source has an address.
    public var url: String?
    /// The day the figure was read, observed or (for derived figures) the newest input date.
    public var asOf: Day
    public var confidence: Confidence
    /// A caveat worth showing next to the figure (e.g. "NVIDIA rounds to 34").
    public var note: String?

    public init(source: String, title: String? = nil, url: String? = nil, asOf: Day, confidence: Confidence, note: String? = nil) {
        self.source = source
        self.title = title
        self.url = url
        self.asOf = asOf
        self.confidence = confidence
        self.note = note
    }

    /// Provenance of a number computed by this module from other figures.
    public static func derived(asOf: Day, note: String? = nil) -> Provenance {
        Provenance(source: "Signals compute model", asOf: asOf, confidence: .derived, note: note)
    }

    /// Provenance of a value a caller (a page or a command-line flag) supplied instead of the data files.
    public static func override(asOf: Day, by who: String = "caller") -> Provenance {
        Provenance(source: "set by \(who)", asOf: asOf, confidence: .derived, note: "overrides the default assumption")
    }
}
