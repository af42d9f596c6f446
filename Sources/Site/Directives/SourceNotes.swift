import ComputeModel
import Markdown

/// Numbers the sources of the figures in one table or example, and renders them as a list.
struct SourceNotes {
    private(set) var entries: [String] = []
    private var numbers: [String: Int] = [:]
    let idPrefix: String
    /// Where source codes link (the sources list on /data/), or nil to leave them unlinked.
    let dataURL: String?

    init(idPrefix: String, dataURL: String? = nil) {
        self.idPrefix = idPrefix
        self.dataURL = dataURL
    }

    /// The footnote number for `figure`'s source. Figures share one only when everything the note says is the
    /// same: source, date, formula, the rows behind a computed figure, and the caveat (a note explains one value,
    /// so two chips read from one source on one day keep separate footnotes when only one has a caveat).
    mutating func number(for figure: Figure) -> Int {
        let key = Self.key(of: figure)
        if let existing = numbers[key] { return existing }
        entries.append(Self.describe(figure, dataURL: dataURL))
        numbers[key] = entries.count
        return entries.count
    }

    /// What decides whether two figures can share a footnote: everything `describe` prints.
    static func key(of figure: Figure) -> String {
        let provenance = figure.provenance
        return [provenance.source, provenance.title ?? "", provenance.url ?? "", provenance.asOf.description, provenance.confidence.rawValue,
                provenance.note ?? "", figure.formula ?? "",
                primarySources(of: figure).map { [$0.source, $0.title ?? "", $0.asOf.description, $0.note ?? ""].joined(separator: "~") }.joined(separator: ",")]
            .joined(separator: "|")
    }

    /// A bracketed link to the footnote of `figure`'s source, ` [2]`, on the line (not raised, so it never reads as an
    /// exponent of the number before it).
    mutating func marker(for figure: Figure) -> String {
        let number = number(for: figure)
        return " <a class=\"src-ref\" href=\"#\(idPrefix)-src-\(number)\" aria-label=\"source \(number)\">[\(number)]</a>"
    }

    /// The published sources a computed figure rests on: every distinct row or record among its inputs (a median
    /// lists every provider's row that fed it), in the order the inputs are given.
    static func primarySources(of figure: Figure) -> [Provenance] {
        var found: [Provenance] = []
        var stack = [figure]
        while let next = stack.popLast() {
            if next.provenance.confidence != .derived {
                let provenance = next.provenance
                if !found.contains(where: { $0.source == provenance.source && $0.asOf == provenance.asOf && $0.title == provenance.title && $0.url == provenance.url }) {
                    found.append(provenance)
                }
            } else {
                stack += next.inputs.reversed()
            }
        }
        return found
    }

    /// One line of the sources list: the source (linked when it has an address), the date, the confidence and any caveat;
    /// for a computed figure, the formula and the sources of its inputs. Source codes link to `dataURL` when given.
    static func describe(_ figure: Figure, dataURL: String? = nil) -> String {
        let provenance = figure.provenance
        if provenance.confidence == .derived {
            if provenance.source == "input" { return "Given for this example (as of \(provenance.asOf))" }
            let sources = primarySources(of: figure)
            var text = "Computed by the Signals model"
            if let formula = figure.formula { text += ": \(HTMLText.escape(formula))" }
            if sources.isEmpty {
                text += "; newest input \(provenance.asOf)"
            } else {
                text += sources.count > 1 ? ", from these \(sources.count): " : ", from "
                text += sources.map { cite($0, dataURL: dataURL, withNote: sources.count > 1) }.joined(separator: "; ")
            }
            if let note = provenance.note, !note.isEmpty { text += ". \(HTMLText.escape(note))" }
            return text
        }
        var text = cite(provenance, dataURL: dataURL)
        if let note = provenance.note, !note.isEmpty { text += ". \(HTMLText.escape(note))" }
        return text
    }

    /// The source's name (linked when it has an address), its code (linked to the sources list on /data/ when
    /// `dataURL` is given), date and confidence; with `withNote`, its caveat in brackets.
    static func cite(_ provenance: Provenance, dataURL: String? = nil, withNote: Bool = false) -> String {
        let e = HTMLText.escape
        let name = e(provenance.title ?? provenance.source)
        var text = provenance.url.map { $0.hasPrefix("http") ? "<a href=\"\(e($0))\">\(name)</a>" : name } ?? name
        if provenance.title != nil {
            let code = dataURL.map { "<a href=\"\(e($0))#\(DataPage.anchor(source: provenance.source))\">\(e(provenance.source))</a>" } ?? e(provenance.source)
            text += " [\(code)]"
        }
        text += ", as of \(provenance.asOf) (\(e(provenance.confidence.label)))"
        if withNote, let note = provenance.note, !note.isEmpty { text += " (\(e(note)))" }
        return text
    }

    /// The list folded into a disclosure, `Sources (n)`, for worked examples: the steps come first.
    func disclosure() -> String {
        guard !entries.isEmpty else { return "" }
        return "<details class=\"sources-fold\"><summary>Sources (\(entries.count))</summary>" + html() + "</details>"
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
        case .number(let value): return Format.cell(value, unit: figure.unit)
        case .text(let text): return text
        case .notAvailable: return "—"
        }
    }

    /// A plain number for attributes and downloads: `989`, `3.4925`, `3.79e+25`.
    static func machine(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.10g", value)
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
