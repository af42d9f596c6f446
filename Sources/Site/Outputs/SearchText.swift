import Foundation

/// The words of one section of a page's body, for the search index.
struct SearchSection: Sendable, Hashable {
    /// The id of the `<h2>`/`<h3>` that opens the section; `""` for the text before the first one.
    var id: String
    /// The section's distinct words, lowercased and without accents, in order of first use, separated by spaces.
    var words: String
}

/// Turns a page's body HTML into searchable words per section (as the search box normalises a query:
/// lowercase, accents removed, split on anything but `a-z`, `0-9`, `.`, `+`, `-`).
/// Markup, `<script>`, `<style>`, `<svg>` and `<form>` (a calculator's fields) contents and comments are left out; each word is kept once.
enum SearchText {
    static func sections(html: String) -> [SearchSection] {
        var sections: [(id: String, text: String)] = [("", "")]
        let scalars = Array(html.unicodeScalars)
        var skipping: String? = nil
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "<" else {
                if skipping == nil { sections[sections.count - 1].text.unicodeScalars.append(scalar) }
                index += 1
                continue
            }
            // A comment: skip to its end.
            if index + 3 < scalars.count, scalars[index + 1] == "!", scalars[index + 2] == "-", scalars[index + 3] == "-" {
                var end = index + 4
                while end + 2 < scalars.count, !(scalars[end] == "-" && scalars[end + 1] == "-" && scalars[end + 2] == ">") { end += 1 }
                index = end + 3
                continue
            }
            var end = index + 1
            while end < scalars.count, scalars[end] != ">" { end += 1 }
            let tag = String(String.UnicodeScalarView(scalars[(index + 1)..<min(end, scalars.count)]))
            index = end + 1
            let closing = tag.hasPrefix("/")
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if let skipped = skipping {
                if closing && name == skipped { skipping = nil }
                continue
            }
            if !closing, ["script", "style", "svg", "form"].contains(name), !tag.hasSuffix("/") {
                skipping = name
                continue
            }
            if !closing, name == "h2" || name == "h3", let id = attribute("id", in: tag) {
                sections.append((id, ""))
            } else {
                // Tags separate words (`<td>a</td><td>b</td>`), except inline ones inside a word are rare enough.
                sections[sections.count - 1].text += " "
            }
        }
        var merged: [SearchSection] = []
        for section in sections {
            let words = Self.words(decodeEntities(section.text))
            if let last = merged.last, last.id == section.id {
                merged[merged.count - 1].words = Self.words(last.words + " " + words)
            } else {
                merged.append(SearchSection(id: section.id, words: words))
            }
        }
        return merged.filter { !$0.words.isEmpty || !$0.id.isEmpty }
    }

    /// The distinct words of `text`, normalised, in order of first use.
    static func words(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.append(scalar)
        }
        var seen: Set<Substring> = []
        var out: [Substring] = []
        let trim: Set<Character> = [".", "+", "-"]
        for raw in String(folded).split(whereSeparator: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || trim.contains($0)) }) {
            var word = raw
            while let first = word.first, trim.contains(first) { word = word.dropFirst() }
            while let last = word.last, trim.contains(last) { word = word.dropLast() }
            guard word.count > 1, seen.insert(word).inserted else { continue }
            out.append(word)
        }
        return out.joined(separator: " ")
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        return out
    }
}
