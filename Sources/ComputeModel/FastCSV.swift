/// A byte-level reader for comma-separated text that gives exactly the rows SwiftCSV's parser gives, in one
/// linear pass over UTF-8 (SwiftCSV walks grapheme clusters and, through `EnumeratedCSV`, reads the text
/// twice: at a hundred thousand price rows that was most of the build).
///
/// It mirrors SwiftCSV's state machine (quoted cells, doubled quotes, whitespace skipped before a cell and
/// after a closing quote, a final row without a newline). Where bytes and grapheme clusters could disagree
/// (a non-ASCII scalar right after a quote, comma, space or line break, which could combine with it; a
/// Unicode line separator; a byte SwiftCSV would reject) it returns nil and the caller uses SwiftCSV, so
/// every text gives the same rows and the same errors as before. A property test compares the two.
enum FastCSV {
    /// The rows of `text` (header included), or nil when only SwiftCSV can read it exactly.
    static func rows(_ text: String) -> [[String]]? {
        var text = text
        return text.withUTF8 { bytes -> [[String]]? in
            var rows: [[String]] = []
            var fields: [String] = []
            var segments: [(Int, Int)] = []   // pieces of the current cell (a quoted cell drops its quotes)
            var atStart = true, parsingField = false, parsingQuotes = false, innerQuotes = false
            var index = 0
            let count = bytes.count

            func cell() -> String {
                if segments.isEmpty { return "" }
                if segments.count == 1 {
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[segments[0].0..<segments[0].1]), as: UTF8.self)
                }
                var joined: [UInt8] = []
                for (from, to) in segments { joined.append(contentsOf: bytes[from..<to]) }
                return String(decoding: joined, as: UTF8.self)
            }
            // Whether an ASCII character and a scalar next to it stay two characters (not one grapheme cluster).
            func separate(_ ascii: UInt8, _ scalar: String, after: Bool = false) -> Bool {
                let pair = after ? scalar + String(UnicodeScalar(ascii)) : String(UnicodeScalar(ascii)) + scalar
                return pair.count == 2
            }
            func isStructural(_ byte: UInt8) -> Bool {
                byte == 0x22 || byte == 0x2C || byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
            }
            // Extends the current piece of the cell by the byte at `position` (pieces merge when contiguous).
            func append(_ position: Int, length: Int = 1) {
                if let last = segments.last, last.1 == position {
                    segments[segments.count - 1].1 = position + length
                } else {
                    segments.append((position, position + length))
                }
            }
            func finishField() {
                fields.append(cell())
                segments.removeAll(keepingCapacity: true)
            }
            func finishRow() {
                fields.append(cell())
                segments.removeAll(keepingCapacity: true)
                rows.append(fields)
                fields = []
            }
            while index < count {
                let byte = bytes[index]
                if byte >= 0xC0 {
                    // A scalar starts here. Bail out where grapheme clusters and bytes could disagree: a Unicode
                    // line break, whitespace that SwiftCSV would skip before a cell, a scalar that joins the
                    // ASCII character before it (a combining mark after a quote), or one that joins the next.
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    guard index + length <= count else { return nil }
                    let scalarText = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
                    guard let character = scalarText.first else { return nil }
                    if character.isNewline || (atStart && character.isWhitespace) || (index == 0 && character.isWhitespace) { return nil }
                    if index > 0 && isStructural(bytes[index - 1]) && !separate(bytes[index - 1], scalarText) { return nil }
                    if index + length < count && isStructural(bytes[index + length])
                        && !separate(bytes[index + length], scalarText, after: true) { return nil }
                }
                // "\r\n" is one character (one line break) for SwiftCSV.
                let isNewline = byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
                let width = byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
                if atStart {
                    if byte == 0x22 {
                        atStart = false
                        parsingQuotes = true
                    } else if byte == 0x2C {
                        finishField()
                    } else if isNewline {
                        finishRow()
                    } else if byte == 0x20 || byte == 0x09 {
                        // whitespace between cells is skipped
                    } else {
                        parsingField = true
                        atStart = false
                        append(index)
                    }
                } else if parsingField {
                    if innerQuotes {
                        if byte == 0x22 {
                            append(index)
                            innerQuotes = false
                        } else {
                            return nil  // SwiftCSV: "Can't have non-quote here"
                        }
                    } else if byte == 0x22 {
                        innerQuotes = true
                    } else if byte == 0x2C {
                        atStart = true
                        parsingField = false
                        innerQuotes = false
                        finishField()
                    } else if isNewline {
                        atStart = true
                        parsingField = false
                        innerQuotes = false
                        finishRow()
                    } else {
                        append(index)
                    }
                } else if parsingQuotes {
                    if innerQuotes {
                        if byte == 0x22 {
                            append(index)
                            innerQuotes = false
                        } else if byte == 0x2C {
                            atStart = true
                            parsingField = false
                            innerQuotes = false
                            finishField()
                        } else if isNewline {
                            atStart = true
                            parsingQuotes = false
                            innerQuotes = false
                            finishRow()
                        } else if byte == 0x20 || byte == 0x09 {
                            // whitespace after a closing quote is skipped
                        } else {
                            return nil
                        }
                    } else if byte == 0x22 {
                        innerQuotes = true
                    } else {
                        append(index, length: width)
                    }
                } else {
                    return nil
                }
                index += width
            }
            if !segments.isEmpty { fields.append(cell()) }
            if !fields.isEmpty { rows.append(fields) }
            return rows
        }
    }
}
