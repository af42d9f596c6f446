import Foundation

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
        var rows: [[String]] = []
        guard forEachRow(text, { cells, _ in rows.append(cells) }) else { return nil }
        return rows
    }

    /// Calls `body` with the cells of each row (header included) and the 1-based line the row starts on, in
    /// one pass, without holding every row. Returns false when only SwiftCSV can read the text exactly; rows
    /// given before that are to be discarded. Cells longer than a small string are interned, so a value
    /// repeated on many rows (a provider, an offer, a source URL) is stored once.
    static func forEachRow(_ text: String, _ body: ([String], Int) -> Void) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var interner = StringInterner()
            var fields: [String] = []
            var line = 1, rowLine = 1, rowEnded = false
            var segments: [(Int, Int)] = []   // pieces of the current cell (a quoted cell drops its quotes)
            var atStart = true, parsingField = false, parsingQuotes = false, innerQuotes = false
            var index = 0
            let count = bytes.count

            func cell() -> String {
                if segments.isEmpty { return "" }
                if segments.count == 1 {
                    return interner.string(UnsafeBufferPointer(rebasing: bytes[segments[0].0..<segments[0].1]))
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
                body(fields, rowLine)
                fields.removeAll(keepingCapacity: true)
                rowEnded = true
            }
            while index < count {
                let byte = bytes[index]
                if byte >= 0xC0 {
                    // A scalar starts here. Bail out where grapheme clusters and bytes could disagree: a Unicode
                    // line break, whitespace that SwiftCSV would skip before a cell, a scalar that joins the
                    // ASCII character before it (a combining mark after a quote), or one that joins the next.
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    guard index + length <= count else { return false }
                    let scalarText = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self)
                    guard let character = scalarText.first else { return false }
                    if character.isNewline || (atStart && character.isWhitespace) || (index == 0 && character.isWhitespace) { return false }
                    if index > 0 && isStructural(bytes[index - 1]) && !separate(bytes[index - 1], scalarText) { return false }
                    if index + length < count && isStructural(bytes[index + length])
                        && !separate(bytes[index + length], scalarText, after: true) { return false }
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
                            return false  // SwiftCSV: "Can't have non-quote here"
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
                            return false
                        }
                    } else if byte == 0x22 {
                        innerQuotes = true
                    } else {
                        append(index, length: width)
                    }
                } else {
                    return false
                }
                index += width
                // Every line break either ends a row or lies inside a quoted cell (anything else returned false).
                if isNewline { line += 1 }
                if rowEnded {
                    rowLine = line
                    rowEnded = false
                }
            }
            if !segments.isEmpty { fields.append(cell()) }
            if !fields.isEmpty { body(fields, rowLine) }
            return true
        }
    }
}

/// Gives one shared `String` for equal byte runs longer than a small string (15 UTF-8 bytes are stored
/// inline and cost nothing to make): an open-addressing table keyed by the bytes' hash.
struct StringInterner {
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    private var hashes: [Int] = []
    private var strings: [String] = []

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        let hash = hasher.finalize()
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if hashes[index] == hash, equal(strings[index], bytes) { return strings[index] }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        // Past a million distinct values interning saves nothing worth the table: just make the string.
        guard strings.count < 1 << 20 else { return string }
        slots[slot] = Int32(strings.count)
        hashes.append(hash)
        strings.append(string)
        if strings.count * 2 > slots.count { grow() }
        return string
    }

    private func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard string.utf8.count == bytes.count, let base = bytes.baseAddress else { return false }
        return string.utf8.withContiguousStorageIfAvailable { stored in
            stored.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false
        } ?? string.utf8.elementsEqual(bytes)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}
