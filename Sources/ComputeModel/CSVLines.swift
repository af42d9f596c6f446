import Foundation
import SwiftCSV

/// Maps rows that SwiftCSV parsed back to lines and columns of the text, for diagnostics.
/// (It does not parse values: SwiftCSV does.)
struct CSVLines {
    let lines: [Substring]

    init(_ contents: String) {
        // Splitting on the newline byte is linear and cheap; text with a lone carriage return or another
        // Unicode line break takes the Character-based split, which knows them all.
        // Unicode line separators (U+0085, U+2028, U+2029) need the Character-based split; otherwise the
        // breaks are ASCII ("\r\n" counting once, as one Character) and a byte scan finds them.
        let bytes = Array(contents.utf8)
        var unicodeBreak = false
        for position in bytes.indices where bytes[position] == 0xC2 || bytes[position] == 0xE2 {
            let next = position + 1 < bytes.count ? bytes[position + 1] : 0
            let third = position + 2 < bytes.count ? bytes[position + 2] : 0
            if (bytes[position] == 0xC2 && next == 0x85) || (bytes[position] == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9)) {
                unicodeBreak = true
                break
            }
        }
        if unicodeBreak {
            lines = contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            return
        }
        var found: [Substring] = []
        let utf8 = contents.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C {
                found.append(Substring(contents[lineStart..<index]))
                var next = utf8.index(after: index)
                if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                lineStart = next
                index = next
            } else {
                index = utf8.index(after: index)
            }
        }
        found.append(Substring(contents[lineStart..<utf8.endIndex]))
        lines = found
    }

    /// Line breaks inside quoted cells, which make a row span more than one line.
    func extraLines(in row: [String]) -> Int {
        // Counted by scalar, "\r\n" as one: `Character.isNewline` missed one of two lone "\r"s in a row (Swift 6.3).
        row.reduce(0) { count, cell in
            guard cell.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 >= 0x80 }) else { return count }
            var breaks = 0
            var afterCR = false
            for scalar in cell.unicodeScalars {
                switch scalar.value {
                case 0x0A: if !afterCR { breaks += 1 }
                case 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: breaks += 1
                default: break
                }
                afterCR = scalar.value == 0x0D
            }
            return count + breaks
        }
    }

    /// The 1-based column where each of the first `count` cells of `line` starts (quote-aware);
    /// cells past the end of the line point just after it.
    func fieldColumns(line: Int, count: Int) -> [Int] {
        guard line >= 1, line <= lines.count else { return Array(repeating: 1, count: max(count, 1)) }
        var columns = [1]
        var inQuotes = false
        let line = lines[line - 1]
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: a byte is a character, so byte offsets are columns.
            var offset = 0
            for byte in line.utf8 {
                if byte == 0x22 { inQuotes.toggle() }
                if byte == 0x2C, !inQuotes { columns.append(offset + 2) }
                offset += 1
            }
            while columns.count < count { columns.append(offset + 1) }
            return columns
        }
        let text = Array(line)
        for (offset, character) in text.enumerated() {
            if character == "\"" { inQuotes.toggle() }
            if character == ",", !inQuotes { columns.append(offset + 2) }
        }
        while columns.count < count { columns.append(text.count + 1) }
        return columns
    }

    /// The line where a quoted cell opens without ever closing (SwiftCSV would read it to the end of the file).
    static func unclosedQuoteLine(_ contents: String) -> Int? {
        var line = 1
        var openedOn: Int?
        for scalar in contents.unicodeScalars {
            if scalar == "\"" {
                openedOn = openedOn == nil ? line : nil
            } else if scalar == "\n" {
                line += 1
            }
        }
        return openedOn
    }

    /// The first line that SwiftCSV rejects on its own, to point a syntax error at.
    static func firstUnparsableLine(_ contents: String) -> Int? {
        let lines = contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (offset, line) in lines.enumerated() {
            if (try? EnumeratedCSV(string: String(line), delimiter: .comma, loadColumns: false)) == nil { return offset + 1 }
        }
        return nil
    }
}
