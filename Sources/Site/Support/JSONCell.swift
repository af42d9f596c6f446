import Foundation

/// One JSON value of a published file (a download's row, a data file's copy), typed so it can be written
/// either by `JSONEncoder` or by `JSONCell.prettyPrinted`, which gives the same bytes many times faster.
enum JSONCell: Encodable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case flag(Bool)
    case null
    indirect case list([JSONCell])
    indirect case object([String: JSONCell])

    init(_ value: Any) {
        switch value {
        case let cell as JSONCell: self = cell
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

    /// The bytes `JSONEncoder` writes for this value with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`,
    /// followed by a newline: two-space indent, `"key" : value`, keys in UTF-8 order, numbers as `description`
    /// without a trailing `.0`. Written directly into one buffer: at a million price rows `JSONEncoder` took
    /// tens of seconds. A seeded property test holds the two to the same bytes.
    var prettyPrinted: Data {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return Data(out)
    }

    /// The bytes of `prettyPrinted` for a list of `count` objects that all have the keys `keys`, the value of
    /// key `k` in object `i` being `value(i, k)`, without building the objects (a million rows are written
    /// in one pass over one buffer).
    static func prettyPrintedRows(count: Int, keys: [String], value: (Int, Int) -> JSONCell) -> Data {
        if count == 0 { return JSONCell.list([]).prettyPrinted }
        let order = keys.indices.sorted { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }
        let keyBytes = order.map { index -> [UInt8] in
            var bytes = Array("    ".utf8)
            writeString(keys[index], into: &bytes)
            bytes.append(contentsOf: " : ".utf8)
            return bytes
        }
        var out: [UInt8] = [0x5B, 0x0A]
        for row in 0..<count {
            out.append(contentsOf: [0x20, 0x20, 0x7B, 0x0A])
            for (position, key) in order.enumerated() {
                out.append(contentsOf: keyBytes[position])
                value(row, key).write(into: &out, indent: 4)
                if position < order.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            if keys.isEmpty { out.append(0x0A) }
            out.append(contentsOf: [0x20, 0x20, 0x7D])
            if row < count - 1 { out.append(0x2C) }
            out.append(0x0A)
        }
        out.append(contentsOf: [0x5D, 0x0A])
        return Data(out)
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .text(let text): JSONCell.writeString(text, into: &out)
        case .number(let number):
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            out.append(contentsOf: text.utf8)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .list(let list):
            out.append(0x5B)
            out.append(0x0A)
            for (position, element) in list.enumerated() {
                JSONCell.pad(&out, indent + 2)
                element.write(into: &out, indent: indent + 2)
                if position < list.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            if list.isEmpty { out.append(0x0A) }
            JSONCell.pad(&out, indent)
            out.append(0x5D)
        case .object(let object):
            out.append(0x7B)
            out.append(0x0A)
            let keys = object.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (position, key) in keys.enumerated() {
                JSONCell.pad(&out, indent + 2)
                JSONCell.writeString(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                object[key]?.write(into: &out, indent: indent + 2)
                if position < keys.count - 1 { out.append(0x2C) }
                out.append(0x0A)
            }
            if object.isEmpty { out.append(0x0A) }
            JSONCell.pad(&out, indent)
            out.append(0x7D)
        }
    }

    private static func pad(_ out: inout [UInt8], _ count: Int) {
        out.append(contentsOf: repeatElement(0x20, count: count))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quote, backslash and control characters escaped as `JSONEncoder` escapes them.
    /// `text` as a JSON string literal, escaped as `JSONEncoder` escapes it (the one JSON string escaper of the
    /// outputs). With `scriptSafe`, `<` is written `\u003c` as well, so the JSON can sit inside a `<script>` element
    /// (`search-index.json` is inlined into one).
    static func literal(_ text: String, scriptSafe: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        writeString(text, into: &out, scriptSafe: scriptSafe)
        return String(decoding: out, as: UTF8.self)
    }

    private static func writeString(_ text: String, into out: inout [UInt8], scriptSafe: Bool = false) {
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x3C where scriptSafe: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, 0x33, 0x63])
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
