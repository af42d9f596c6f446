/// Finds where a piece of text sits in the source, so inline nodes (which cmark gives no position)
/// can be reported at their real line and column. Works on UTF-8 bytes; columns count bytes, as cmark's do.
struct SourceLines {
    private let bytes: [UInt8]
    /// Byte offset where each line starts (computed on first use: most pages never ask).
    private var lineStarts: [Int]?

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// The first occurrence of `needle` at or after `line` (1-based); `line`, column 1 when not found.
    mutating func position(of needle: String, near line: Int) -> (line: Int, column: Int) {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, line >= 1 else { return (max(line, 1), 1) }
        if lineStarts == nil {
            var starts = [0]
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
            lineStarts = starts
        }
        let starts = lineStarts ?? [0]
        guard line - 1 < starts.count else { return (line, 1) }
        let limit = min(starts.count, line + 200)
        let searchEnd = limit < starts.count ? starts[limit] : bytes.count
        var offset = starts[line - 1]
        while offset + pattern.count <= searchEnd {
            if bytes[offset] == pattern[0] && bytes[offset..<(offset + pattern.count)].elementsEqual(pattern) {
                // Binary search for the line holding `offset`.
                var low = line - 1, high = starts.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if starts[middle] <= offset { low = middle } else { high = middle - 1 }
                }
                return (low + 1, offset - starts[low] + 1)
            }
            offset += 1
        }
        return (line, 1)
    }
}
