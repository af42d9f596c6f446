import Diagnostics
import YAMLSupport

/// Reads `assumptions.yaml`:
///
/// ```yaml
/// sources:
///   R-LLAMA3: {title: "…", url: https://arxiv.org/abs/2407.21783}
/// assumptions:
///   mfu:
///     value: 0.40
///     unit: fraction
///     label: model FLOPs utilization
///     source: R-LLAMA3
///     date: 2024-07-23
///     confidence: D
///     note: "…"
/// ```
public enum AssumptionFile {
    /// Parses the file's text; `accelerators` are used to check `purchase-price.<id>` names. Throws every problem at once.
    public static func parse(path: String, contents: String, today: Day, accelerators: [Accelerator]) throws(DiagnosticList) -> Assumptions {
        let (assumptions, diagnostics) = read(path: path, contents: contents, today: today, accelerators: accelerators)
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return assumptions
    }

    static func read(path: String, contents: String, today: Day, accelerators: [Accelerator]) -> (Assumptions, [Diagnostic]) {
        let reader = YAMLReader(path: path)
        guard let root = reader.root(of: contents),
              let top = reader.fields(root, what: "assumptions file", allowed: ["sources", "assumptions"], required: ["sources", "assumptions"]),
              let sourcesNode = top["sources"], let listNode = top["assumptions"] else {
            return (Assumptions([:]), reader.diagnostics)
        }
        let references = reader.sourceReferences(sourcesNode)
        let ids = accelerators.map(\.id)
        var values: [String: Assumption] = [:]
        for entry in reader.entries(listNode, what: "assumptions") ?? [] {
            let name = entry.key
            if name.hasPrefix("purchase-price.") {
                let gpu = String(name.dropFirst("purchase-price.".count))
                if !ids.contains(gpu) {
                    let hint = Suggestion.closest(to: gpu, in: ids).map { "did you mean 'purchase-price.\($0)'?" }
                    reader.error(entry.keyNode, "unknown accelerator id '\(gpu)' in '\(name)'", hint: hint)
                    continue
                }
            } else if !Assumptions.requiredNames.contains(name) {
                let hint = Suggestion.closest(to: name, in: Assumptions.requiredNames).map { "did you mean '\($0)'?" }
                reader.error(entry.keyNode, "unknown assumption '\(name)'", hint: hint ?? "known: \(Assumptions.requiredNames.joined(separator: ", ")), purchase-price.<id>")
                continue
            }
            guard let figure = NamedFigureEntry.figure(entry, what: "assumption", reader: reader, references: references, today: today) else { continue }
            values[name] = Assumption(name: name, figure: figure, line: entry.keyNode.mark?.line ?? 0)
        }
        for name in Assumptions.requiredNames where values[name] == nil && !reader.diagnostics.contains(where: { $0.message.contains("'\(name)'") }) {
            reader.error(listNode, "assumption '\(name)' is missing", hint: "every model default must be written down with its source")
        }
        return (Assumptions(values), reader.diagnostics)
    }
}
