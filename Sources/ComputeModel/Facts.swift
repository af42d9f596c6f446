import Diagnostics
import YAMLSupport

/// A sourced, dated market fact quoted in the lessons (a revenue, a market share, a cluster size), so that no
/// such figure is typed into prose: pages show it with `{fact name=…}`.
public struct Fact: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity, e.g. `hbm-share-sk-hynix-q2-2025`.
    public var name: String
    public var figure: Figure
    /// The line in facts.yaml where it is defined.
    public var line: Int

    public var id: String { name }
}

/// Reads the optional `facts.yaml`:
///
/// ```yaml
/// sources:
///   R-HBM-SHARE: {title: "Counterpoint Research via Korea JoongAng Daily (Sep 24, 2025)", url: https://…}
/// facts:
///   hbm-share-sk-hynix-q2-2025:
///     value: 0.62
///     unit: fraction
///     label: SK hynix share of HBM shipments, Q2 2025
///     source: R-HBM-SHARE
///     date: 2025-09-24
///     confidence: S
/// ```
public enum FactFile {
    /// Parses the file's text; throws every problem at once.
    public static func parse(path: String, contents: String, today: Day) throws(DiagnosticList) -> [String: Fact] {
        let (facts, diagnostics) = read(path: path, contents: contents, today: today)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return facts
    }

    static func read(path: String, contents: String, today: Day) -> ([String: Fact], [Diagnostic]) {
        let reader = YAMLReader(path: path)
        guard let root = reader.root(of: contents),
              let top = reader.fields(root, what: "facts file", allowed: ["sources", "facts"], required: ["sources", "facts"]),
              let sourcesNode = top["sources"], let listNode = top["facts"] else {
            return ([:], reader.diagnostics)
        }
        let references = reader.sourceReferences(sourcesNode)
        var facts: [String: Fact] = [:]
        for entry in reader.entries(listNode, what: "facts") ?? [] {
            if !entry.key.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
                reader.error(entry.keyNode, "fact name '\(entry.key)' must be lowercase letters, digits and '-'")
                continue
            }
            guard let figure = NamedFigureEntry.figure(entry, what: "fact", reader: reader, references: references, today: today) else { continue }
            facts[entry.key] = Fact(name: entry.key, figure: figure, line: entry.keyNode.mark?.line ?? 0)
        }
        return (facts, reader.diagnostics)
    }
}

extension ComputeData {
    /// The fact named `name`, or an error naming the closest one.
    public func fact(_ name: String) throws(ModelError) -> Fact {
        if let fact = facts[name] { return fact }
        let known = facts.keys.sorted()
        throw ModelError.unknownName(kind: "fact", name: name, known: known, suggestion: Suggestion.closest(to: name, in: known))
    }
}
