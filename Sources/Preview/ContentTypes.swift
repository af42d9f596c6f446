import Hummingbird

/// Content types by file extension, from Hummingbird's `MediaType` table.
enum ContentTypes {
    /// Extensions a static site holds that `MediaType` does not know (source maps, AVIF, Markdown and YAML shown as
    /// text), and `.ico` as `image/x-icon`, the type every browser has long sniffed favicons by (MediaType says
    /// `image/vnd.microsoft.icon`).
    static let extra: [String: String] = [
        "ico": "image/x-icon",
        "map": "application/json",
        "md": "text/plain",
        "yaml": "text/plain",
        "yml": "text/plain",
        "avif": "image/avif",
    ]

    /// The content type for a file path; `application/octet-stream` when the extension is unknown. Text types
    /// (HTML, CSS, JavaScript, CSV, plain text) are served as UTF-8, which is what the build writes.
    static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        guard let type = extra[ext] ?? MediaType.getMediaType(forExtension: ext).map(\.description) else {
            return "application/octet-stream"
        }
        return type.hasPrefix("text/") ? type + "; charset=utf-8" : type
    }

    static func isHTML(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/html")
    }
}
