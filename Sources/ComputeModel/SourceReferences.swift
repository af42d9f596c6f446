import Diagnostics
import YAMLSupport

extension YAMLReader {
    /// Reads a `sources:` mapping of citation id → {title, url}.
    func sourceReferences(_ node: YAMLNode) -> [String: SourceReference] {
        var references: [String: SourceReference] = [:]
        for entry in entries(node, what: "sources") ?? [] {
            guard let fields = fields(entry.value, what: "source '\(entry.key)'", allowed: ["title", "url"], required: ["title"]) else { continue }
            let title = fields["title"].flatMap { string($0, what: "title of source '\(entry.key)'") } ?? entry.key
            var url: String?
            if let urlNode = fields["url"], let text = string(urlNode, what: "url of source '\(entry.key)'") {
                if text.hasPrefix("https://") || text.hasPrefix("http://") {
                    url = text
                } else {
                    error(urlNode, "url of source '\(entry.key)' must start with https:// or http://")
                }
            }
            references[entry.key] = SourceReference(id: entry.key, title: title, url: url)
        }
        return references
    }

    /// Resolves a citation id against `references`, recording an unknown id with a did-you-mean hint.
    func reference(_ node: YAMLNode, in references: [String: SourceReference], what: String) -> SourceReference? {
        guard let id = string(node, what: what) else { return nil }
        if let reference = references[id] { return reference }
        let hint = Suggestion.closest(to: id, in: references.keys).map { "did you mean '\($0)'?" }
            ?? "add it under 'sources:' at the top of the file"
        error(node, "unknown source '\(id)'", hint: hint)
        return nil
    }

    /// A confidence tag: P, S, S-, D or UNVERIFIED.
    func confidence(_ node: YAMLNode) -> Confidence? {
        guard let text = string(node, what: "confidence") else { return nil }
        if let confidence = Confidence(rawValue: text) { return confidence }
        error(node, "unknown confidence '\(text)'",
              hint: "use one of \(Confidence.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    /// A `YYYY-MM-DD` day, checked not to be after `today`.
    func day(_ node: YAMLNode, what: String, today: Day) -> Day? {
        guard let text = string(node, what: what) else { return nil }
        guard let day = Day(text) else {
            error(node, "\(what) '\(text)' is not a date", hint: "write dates as YYYY-MM-DD")
            return nil
        }
        if day > today {
            error(node, "\(what) \(day) is after the build date \(today)")
            return nil
        }
        return day
    }
}
