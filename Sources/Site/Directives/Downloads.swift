import Foundation

/// The CSV and JSON copies of a generated table, written next to its page and linked from it.
enum Downloads {
    static func links(slug: String) -> String {
        "<p class=\"downloads\">Data: <a href=\"\(slug).csv\" download>CSV</a> · <a href=\"\(slug).json\" download>JSON</a></p>"
    }

    static func files(slug: String, rows: [[String]], json: [[String: Any]]) -> [OutputFile] {
        let csv = rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
        let data = JSONCell.list(json.map { .object($0.mapValues(JSONCell.init)) }).prettyPrinted
        return [OutputFile(path: "\(slug).csv", text: csv), OutputFile(path: "\(slug).json", contents: data)]
    }

    /// One CSV cell. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return, and not a number) gets a leading `'` and quotes, as OWASP's CSV-injection advice says.
    static func csvField(_ text: String) -> String {
        if let first = text.first, formulaStarts.contains(first), Double(text) == nil {
            return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
}
