/// HTML escaping for text the build interpolates into markup.
public enum HTMLText {
    /// Escapes `& < > " '` so `text` is inert inside element content or a quoted attribute.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Same as `escape`; named for call sites that fill an attribute value.
    public static func escapeAttribute(_ text: String) -> String { escape(text) }
}
