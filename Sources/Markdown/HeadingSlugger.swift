/// Makes GitHub-style heading anchors: lowercase, spaces to `-`, punctuation dropped, duplicates numbered.
public struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    public init() {}

    /// The slug of `text` alone, without de-duplication.
    public static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " || scalar == "-" {
                result.unicodeScalars.append("-")
            } else if scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.isEmpty ? "section" : result
    }

    /// A slug for `text` that has not been returned before by this slugger (`x`, `x-1`, `x-2`, …).
    public mutating func uniqueSlug(_ text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        var count = used[base, default: 0]
        while used[candidate] != nil {
            count += 1
            candidate = "\(base)-\(count)"
        }
        used[base] = count
        used[candidate] = 0
        return candidate
    }
}
