import Foundation

/// Reads bytes as UTF-8 text, locating the first bad line for the error message.
public enum UTF8Text {
    /// The text, or the 1-based line of the first bytes that are not valid UTF-8.
    public static func decode(_ data: Data) -> Result<String, InvalidLine> {
        if let text = String(validating: data, as: UTF8.self) { return .success(text) }
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(validating: data[start..<index], as: UTF8.self) == nil { break }
            line += 1
            start = data.index(after: index)
        }
        return .failure(InvalidLine(line: line))
    }

    public struct InvalidLine: Error, Sendable {
        public let line: Int
    }
}
