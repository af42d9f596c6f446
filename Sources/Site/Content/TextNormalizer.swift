/// Makes text files read the same whatever editor wrote them: no byte-order mark, `\n` line ends.
///
/// Swift treats `\r\n` as one Character, so line splitting on `"\n"` would see a CRLF file as one line.
enum TextNormalizer {
    static func normalize(_ text: String) -> String {
        var result = text
        if result.hasPrefix("\u{FEFF}") { result.removeFirst() }
        if result.utf8.contains(13) {
            result = result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return result
    }
}
