import ComputeModel
import Markdown

/// Numbers the sources of the figures in one table or example, and renders them as a list.
struct SourceNotes {
    private(set) var entries: [String] = []
    private var numbers: [String: Int] = [:]
    let idPrefix: String

    init(idPrefix: String) {
        self.idPrefix = idPrefix
    }

    /// The footnote number for `provenance` (the same source and date share one number).
    mutating func number(for provenance: Provenance, formula: String? = nil) -> Int {
        let key = [provenance.source, provenance.url ?? "", provenance.asOf.description, formula ?? ""].joined(separator: "|")
        if let existing = numbers[key] { return existing }
        entries.append(Self.describe(provenance, formula: formula))
        numbers[key] = entries.count
        return entries.count
    }

    /// `<sup>` link to the footnote of `figure`'s source.
    mutating func marker(for figure: Figure) -> String {
        let number = number(for: figure.provenance, formula: figure.formula)
        return "<sup class=\"src\"><a href=\"#\(idPrefix)-src-\(number)\" aria-label=\"source \(number)\">\(number)</a></sup>"
    }

    /// One line of the sources list: the source (linked when it has an address), the date, the confidence and any caveat.
    static func describe(_ provenance: Provenance, formula: String?) -> String {
        let e = HTMLText.escape
        var text: String
        if provenance.confidence == .derived, let formula {
            text = "Computed by the Signals model: \(e(formula)); newest input \(provenance.asOf)"
        } else {
            let name = e(provenance.title ?? provenance.source)
            if let url = provenance.url, url.hasPrefix("http") {
                text = "<a href=\"\(e(url))\">\(name)</a>"
            } else {
                text = name
            }
            text += " [\(e(provenance.source))], as of \(provenance.asOf) (\(e(provenance.confidence.label)))"
        }
        if let note = provenance.note, !note.isEmpty { text += ". \(e(note))" }
        return text
    }

    func html() -> String {
        guard !entries.isEmpty else { return "" }
        var out = "<ol class=\"sources\">"
        for (index, entry) in entries.enumerated() {
            out += "<li id=\"\(idPrefix)-src-\(index + 1)\">\(entry)</li>"
        }
        return out + "</ol>"
    }
}

/// How figures are written into HTML.
enum FigureText {
    /// The number alone (the unit is in the column heading), for table cells.
    static func cell(_ figure: Figure) -> String {
        switch figure.quantity {
        case .number(let value):
            if figure.unit.rawValue.hasPrefix("USD") { return Format.usd(value) }
            return Format.grouped(value, maxFractionDigits: 3)
        case .text(let text): return text
        case .notAvailable: return "—"
        }
    }

    /// A plain number for attributes and downloads: `989`, `3.4925`, `3.79e+25`.
    static func machine(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `<data>` element for a numeric figure (machine-readable value), or plain text.
    static func data(_ figure: Figure, text: String) -> String {
        let e = HTMLText.escape
        if let value = figure.value {
            return "<data value=\"\(machine(value))\">\(e(text))</data>"
        }
        if case .notAvailable(let reason) = figure.quantity {
            return "<span title=\"\(e(reason))\">\(e(text))</span>"
        }
        return e(text)
    }
}
