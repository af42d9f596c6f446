import Foundation

/// The CSV and JSON copies of a generated table, written next to its page and linked from it.
enum Downloads {
    static func links(slug: String) -> String {
        "<p class=\"downloads\">Data: <a href=\"\(slug).csv\" download>CSV</a> · <a href=\"\(slug).json\" download>JSON</a></p>"
    }

    static func files(slug: String, rows: [[String]], json: [[String: Any]]) -> [OutputFile] {
        let csv = rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(json.map { $0.mapValues(JSONCell.init) })) ?? Data("[]".utf8)
        return [OutputFile(path: "\(slug).csv", text: csv), OutputFile(path: "\(slug).json", contents: data + Data("\n".utf8))]
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

    /// One value of a download's JSON row, typed for `JSONEncoder` (JSONSerialization took most of a build
    /// with a hundred thousand price rows).
    enum JSONCell: Encodable {
        case text(String), number(Double), integer(Int), flag(Bool), null
        indirect case list([JSONCell]), object([String: JSONCell])

        init(_ value: Any) {
            switch value {
            case let text as String: self = .text(text)
            case let number as Int: self = .integer(number)
            case let number as Double: self = .number(number)
            case let flag as Bool: self = .flag(flag)
            case let optional as Double?: self = optional.map { .number($0) } ?? .null
            case let optional as String?: self = optional.map { .text($0) } ?? .null
            case let object as [String: Any]: self = .object(object.mapValues(JSONCell.init))
            case let list as [Any]: self = .list(list.map(JSONCell.init))
            default: self = .null
            }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .integer(let number): try container.encode(number)
            case .flag(let flag): try container.encode(flag)
            case .null: try container.encodeNil()
            case .list(let list): try container.encode(list)
            case .object(let object): try container.encode(object)
            }
        }
    }
}
