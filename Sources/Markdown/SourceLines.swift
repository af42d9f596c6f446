/// Finds where a piece of text sits in the source, so inline nodes (which cmark gives no position)
/// can be reported at their real line and column.
struct SourceLines {
    private let lines: [Substring]

    init(_ source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The first occurrence of `needle` at or after `line` (1-based); `line`, column 1 when not found.
    func position(of needle: String, near line: Int) -> (line: Int, column: Int) {
        guard !needle.isEmpty, line >= 1 else { return (max(line, 1), 1) }
        var index = line - 1
        while index < lines.count && index < line + 200 {
            if let range = lines[index].range(of: needle) {
                let column = lines[index].utf8.distance(from: lines[index].startIndex, to: range.lowerBound) + 1
                return (index + 1, column)
            }
            index += 1
        }
        return (line, 1)
    }
}
