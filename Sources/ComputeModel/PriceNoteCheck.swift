import Diagnostics

/// Finds price rows whose own note contradicts their pricing type, such as a row typed `on-demand` whose note says
/// the offer "is sold only as Spot or Flex-start": a statistic of one type must not count an offer that cannot be
/// bought on those terms.
public enum PriceNoteCheck {
    /// Words of a note that name a way of selling, and the pricing types each stands for (none: a way of selling
    /// the data has no type for, such as Google's Flex-start).
    static let sellingWords: [(word: String, types: Set<PricingType>)] = [
        ("on-demand", [.onDemand]), ("on demand", [.onDemand]),
        ("spot", [.spot]), ("preemptible", [.spot]),
        ("reserved", [.reserved1y, .reserved3y]), ("committed", [.reserved1y, .reserved3y, .contract]),
        ("marketplace", [.marketplace]), ("contract", [.contract]), ("flex-start", []),
    ]

    /// A warning for each row of `rows` (from the file at `path`) whose note says it is sold only on terms that
    /// exclude its own type; the warning names the row's line.
    public static func conflicts(in rows: [PriceObservation], path: String) -> [Diagnostic] {
        // Notes repeat across rows (and most are empty): each distinct note is read once.
        var terms: [String: (phrase: String, types: Set<PricingType>)?] = [:]
        return rows.compactMap { row in
            guard !row.note.isEmpty else { return nil }
            let found: (phrase: String, types: Set<PricingType>)?
            if let known = terms[row.note] { found = known } else {
                found = onlyTerms(in: row.note)
                terms[row.note] = found
            }
            guard let (phrase, types) = found, !types.contains(row.type) else { return nil }
            return .warning(at: SourceLocation(file: path, line: row.line, column: 1),
                            "the row's type is '\(row.type.rawValue)' but its note says it is sold only as \(phrase)",
                            hint: "change the type column to what the note says (or drop the row if the data has no such type), or correct the note")
        }
    }

    /// When `note` restricts how the offer is sold ("sold only as Spot or Flex-start", "Spot-only", "reserved only"):
    /// the words of the restriction and the pricing types they allow; nil when it does not.
    public static func onlyTerms(in note: String) -> (phrase: String, types: Set<PricingType>)? {
        let text = note.lowercased()
        // "only as …", "only available as …", "only sold as …": the phrase runs to the next punctuation mark.
        for marker in ["only as ", "only available as ", "only sold as ", "only offered as "] {
            guard let range = text.range(of: marker) else { continue }
            let rest = text[range.upperBound...]
            let phrase = String(rest.prefix { !".;,()".contains($0) }).trimmingCharacters(in: .whitespaces)
            if let types = types(in: phrase) { return (phrase, types) }
        }
        // "spot-only", "spot only", "reserved only".
        for (word, allowed) in sellingWords {
            for form in ["\(word)-only", "\(word) only"] where text.contains(form) {
                return (word, allowed)
            }
        }
        return nil
    }

    /// The pricing types the selling words of `phrase` stand for; nil when it names none.
    static func types(in phrase: String) -> Set<PricingType>? {
        var found = false
        var types: Set<PricingType> = []
        for (word, allowed) in sellingWords where phrase.contains(word) {
            found = true
            types.formUnion(allowed)
        }
        return found ? types : nil
    }
}
