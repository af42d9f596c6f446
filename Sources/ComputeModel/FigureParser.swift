import Diagnostics
import YAMLSupport

/// Reads one figure of a data file: a bare value that inherits the entry's provenance, or a mapping
/// `{value:, source:, read:, confidence:, note:}` that overrides it.
struct FigureParser {
    let reader: YAMLReader
    let references: [String: SourceReference]
    let base: Provenance
    let today: Day
    let owner: String

    /// Words that stand for a figure that does not exist, with the reason shown to readers.
    static let missing: [String: String] = ["n/a": "not supported", "not-gathered": "not gathered"]

    func figure(_ node: YAMLNode, label: String, unit: Unit, sparseAllowed: Bool) -> Figure? {
        guard let (valueNode, provenance) = split(node, label: label, sparseAllowed: sparseAllowed) else { return nil }
        guard let text = reader.string(valueNode, what: "\(label) of \(owner)") else { return nil }
        if let reason = Self.missing[text] {
            return Figure(label, .notAvailable(reason), unit, provenance: provenance)
        }
        guard let value = Double(text), value.isFinite else {
            reader.error(valueNode, "\(label) of \(owner) must be a number, n/a or not-gathered, not '\(text)'")
            return nil
        }
        guard value > 0 else {
            reader.error(valueNode, "\(label) of \(owner) must be greater than 0, not \(text)")
            return nil
        }
        return Figure(label, value: value, unit, provenance: provenance)
    }

    func text(_ node: YAMLNode, label: String) -> Figure? {
        guard let (valueNode, provenance) = split(node, label: label, sparseAllowed: false),
              let text = reader.string(valueNode, what: "\(label) of \(owner)") else { return nil }
        if let reason = Self.missing[text] {
            return Figure(label, .notAvailable(reason), .text, provenance: provenance)
        }
        return Figure(label, .text(text), .text, provenance: provenance)
    }

    /// The node holding the value and the provenance that applies to it.
    private func split(_ node: YAMLNode, label: String, sparseAllowed: Bool) -> (YAMLNode, Provenance)? {
        guard case .mapping = node else { return (node, base) }
        guard let fields = reader.fields(node, what: "\(label) of \(owner)", allowed: FigureParser.fieldKeys, required: ["value"]),
              let valueNode = fields["value"] else { return nil }
        var provenance = base
        var ok = true
        if let sourceNode = fields["source"] {
            if let reference = reader.reference(sourceNode, in: references, what: "source") {
                provenance.source = reference.id
                provenance.title = reference.title
                provenance.url = reference.url
            } else { ok = false }
        }
        if let readNode = fields["read"] {
            if let day = reader.day(readNode, what: "read date", today: today) { provenance.asOf = day } else { ok = false }
        }
        if let confidenceNode = fields["confidence"] {
            if let confidence = reader.confidence(confidenceNode) { provenance.confidence = confidence } else { ok = false }
        }
        if let noteNode = fields["note"] { provenance.note = reader.string(noteNode, what: "note") }
        if let sparseNode = fields["sparse"], !sparseAllowed, sparseNode.bool == true || sparseNode.string == "true" {
            reader.error(fields.keyNode("sparse"), "\(label) of \(owner) is marked as a sparse figure, but a dense one is required here",
                         hint: "halve the vendor's sparse figure only if the vendor says it is 2:4 sparse; better, read the dense figure and move this one under 'sparse:'")
            ok = false
        }
        return ok ? (valueNode, provenance) : nil
    }

    static let fieldKeys = ["value", "source", "read", "confidence", "note", "sparse"]
}
