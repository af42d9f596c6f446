import Foundation
import Mustache

/// Content-hashed names for the site's CSS and JavaScript (`css/site.css` → `css/site.3f2a1c9e.css`), so
/// browsers and CDNs may cache them for ever, and the `_headers` file (Netlify and Cloudflare Pages) that says so.
///
/// Templates refer to an asset through one helper, the `asset` lambda section, by its source path:
/// `{{#asset}}css/site.css{{/asset}}` gives `/css/site.3f2a1c9e.css` (under the site's root path).
struct AssetFingerprints: Sendable {
    /// Extensions that get a hashed name.
    static let hashedExtensions: Set<String> = ["css", "js"]

    /// The static copies, CSS and JS under their plain and their hashed names (output path, source file), sorted by output path.
    let copies: [(String, URL)]
    /// Source path → hashed output path (`css/site.css` → `css/site.3f2a1c9e.css`).
    let renamed: [String: String]
    /// The site's root path (`/`, `/docs/`), prefixed to the URLs templates get.
    let rootPath: String

    /// A `_headers` file among the static files, whose rules the written `_headers` keeps.
    let ownHeaders: URL?

    /// Hashes every CSS and JS file among `copies`; other copies keep their names.
    init(copies: [(String, URL)], rootPath: String) {
        var renamed: [String: String] = [:]
        var result: [(String, URL)] = []
        var ownHeaders: URL?
        for (path, source) in copies {
            if path == "_headers" {
                ownHeaders = source
                continue
            }
            let ext = (path as NSString).pathExtension.lowercased()
            guard Self.hashedExtensions.contains(ext), let data = FileManager.default.contents(atPath: source.path) else {
                result.append((path, source))
                continue
            }
            let hashed = Self.hashedName(path, contents: data)
            renamed[path] = hashed
            // The plain name stays too, so templates that still write `css/site.css` (and old links) keep working.
            result.append((path, source))
            result.append((hashed, source))
        }
        result.sort { $0.0 < $1.0 }
        self.copies = result
        self.renamed = renamed
        self.rootPath = rootPath
        self.ownHeaders = ownHeaders
    }

    /// `css/site.css` with contents → `css/site.<8 hex digits of their hash>.css`.
    static func hashedName(_ path: String, contents: Data) -> String {
        let digest = String(StableHash.of(contents) >> 32, radix: 16)
        let padded = String(repeating: "0", count: max(0, 8 - digest.count)) + digest
        let ext = (path as NSString).pathExtension
        return String(path.dropLast(ext.count + 1)) + "." + padded + "." + ext
    }

    /// A stamp of every hashed name: pages must be templated again when one changes.
    var stamp: UInt64 {
        var hash = StableHash()
        for key in renamed.keys.sorted() { hash.add("\(key) \(renamed[key] ?? "")") }
        return hash.value
    }

    /// The `asset` template helper, a lambda section: `{{#asset}}css/site.css{{/asset}}` renders the rooted URL of
    /// the fingerprinted file (`/css/site.3f2a1c9e.css`); any other static file gives its rooted plain URL
    /// (`{{#asset}}favicon.svg{{/asset}}` → `/favicon.svg`).
    var templateValue: MustacheLambda {
        let renamed = self.renamed, rootPath = self.rootPath
        return MustacheLambda { text in
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
            return rootPath + (renamed[relative] ?? relative)
        }
    }

    /// The `_headers` file: every hashed asset immutable for a year; the rules of a site's own
    /// `templates/static/_headers` come first.
    var headersFile: OutputFile {
        var text = ownHeaders.flatMap { FileManager.default.contents(atPath: $0.path) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        text += "# Written by signals build: fingerprinted assets never change under their name.\n"
        for hashed in renamed.values.sorted() {
            text += "/\(hashed)\n  Cache-Control: public, max-age=31536000, immutable\n"
        }
        return OutputFile(path: "_headers", text: text)
    }
}
