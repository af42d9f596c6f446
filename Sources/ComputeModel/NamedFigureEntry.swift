import Diagnostics
import YAMLSupport

/// One `name: {value, unit, label, source, date, confidence, note}` entry, as assumptions.yaml and facts.yaml write them.
enum NamedFigureEntry {
    static let keys = ["value", "unit", "label", "source", "date", "confidence", "note"]
    static let requiredKeys = ["value", "unit", "label", "source", "date", "confidence"]

    /// The entry's figure, or nil after recording every problem with it.
    static func figure(_ entry: (key: String, keyNode: YAMLNode, value: YAMLNode), what: String, reader: YAMLReader,
                       references: [String: SourceReference], today: Day) -> Figure? {
        let name = entry.key
        guard let fields = reader.fields(entry.value, what: "\(what) '\(name)'", allowed: keys, required: requiredKeys),
              let valueNode = fields["value"], let unitNode = fields["unit"], let labelNode = fields["label"],
              let sourceNode = fields["source"], let dateNode = fields["date"], let confidenceNode = fields["confidence"] else { return nil }
        let value = reader.number(valueNode, what: "value of '\(name)'")
        if let value, value <= 0 { reader.error(valueNode, "value of '\(name)' must be greater than 0") }
        let unit = reader.string(unitNode, what: "unit")
        let label = reader.string(labelNode, what: "label")
        let reference = reader.reference(sourceNode, in: references, what: "source")
        let date = reader.day(dateNode, what: "date", today: today)
        let confidence = reader.confidence(confidenceNode)
        let note = fields["note"].flatMap { reader.string($0, what: "note") }
        guard let value, value > 0, let unit, let label, let reference, let date, let confidence else { return nil }
        let provenance = Provenance(source: reference.id, title: reference.title, url: reference.url, asOf: date,
                                    confidence: confidence, note: note)
        return Figure(label, value: value, Unit(unit), provenance: provenance)
    }
}
