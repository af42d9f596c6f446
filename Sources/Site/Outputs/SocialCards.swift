import Diagnostics
import Foundation

/// A 1200×630 PNG per page for link previews (OpenGraph `og:image`, Twitter `summary_large_image`), drawn at build
/// time from the SVG template `templates/cards/social.mustache` and rasterised with `rsvg-convert` (Debian's
/// librsvg2-bin). Opt-in: a site without that template gets no cards.
///
/// The template sees `site` (title), `card.titleLines` (the page title wrapped to ~24 characters, at most 3 lines),
/// `card.summary`, `card.figure` (`label`, `value`: the page's headline figure, when it shows one), `card.asOf`
/// (the page's prices date, else the newest data date). PNGs are cached in `.signals-cache/cards/` under a hash of
/// their SVG, so an unchanged card is never rasterised again, and the same SVG always gives the same bytes.
enum SocialCards {
    /// Why rsvg-convert gave no PNG.
    struct CardFailure: Error {
        var message: String
    }

    static let template = "cards/social"
    static let fileName = "card.png"
    static let width = 1200
    static let height = 630

    /// Whether the site draws cards.
    static func enabled(_ templates: TemplateSet) -> Bool {
        templates.names.contains(template)
    }

    /// The card's output path for a page whose output folder is `folderPath` (`learn/x/`, or `` for the home page).
    static func outputPath(folderPath: String) -> String {
        folderPath + fileName
    }

    /// `What is a GPU-hour and why does it matter?` → lines of at most `width` characters (words are not split).
    static func wrap(_ text: String, width: Int = 24, maximumLines: Int = 3) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maximumLines {
            lines = Array(lines.prefix(maximumLines))
            lines[maximumLines - 1] += "…"
        }
        return lines
    }

    /// The figure a card shows: the page's first median price, else its first figure by name.
    static func headline(_ figures: [String: String]) -> (label: String, value: String)? {
        let keys = figures.keys.sorted()
        guard let key = keys.first(where: { $0.contains("Median price") }) ?? keys.first, let value = figures[key] else { return nil }
        return (key, value)
    }

    /// Renders every page's card; failures are located at the template.
    static func make(pages: [(folderPath: String, title: String, summary: String, figures: [String: String], asOf: String?)],
                     siteTitle: String, templates: TemplateSet, cacheFolder: URL) -> (files: [OutputFile], diagnostics: [Diagnostic]) {
        let location = SourceLocation(file: "templates/\(template).mustache")
        let converter = rsvgConvert()
        try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        let results = Parallel.map(pages.indices.map { $0 }) { position -> Result<OutputFile, Diagnostic> in
            let page = pages[position]
            var card: [String: Any] = [
                "titleLines": wrap(page.title).map { TemplateObject(["text": $0]) },
                "summary": wrap(page.summary, width: 60, maximumLines: 2).joined(separator: " "),
            ]
            if let figure = headline(page.figures) { card["figure"] = TemplateObject(["label": figure.label, "value": figure.value]) }
            if let asOf = page.asOf { card["asOf"] = asOf }
            let context = TemplateObject(["site": TemplateObject(["title": siteTitle]), "card": TemplateObject(card)])
            let svg = templates.render(context, template: template) ?? ""
            var hash = StableHash()
            hash.add("\(width)x\(height) ")
            hash.add(svg)
            let cached = cacheFolder.appendingPathComponent(String(hash.value, radix: 16) + ".png")
            if let png = FileManager.default.contents(atPath: cached.path) {
                return .success(OutputFile(path: outputPath(folderPath: page.folderPath), contents: png))
            }
            // Only a card not drawn before needs rsvg-convert.
            guard let converter else {
                return .failure(.error(at: location, "social cards need rsvg-convert, which is not installed",
                                       hint: "install it with `apt-get install librsvg2-bin` (make deps does), or remove templates/\(template).mustache"))
            }
            switch rasterise(svg: svg, with: converter, to: cached) {
            case .success(let png): return .success(OutputFile(path: outputPath(folderPath: page.folderPath), contents: png))
            case .failure(let failure): return .failure(.error(at: location, "cannot draw the social card of /\(page.folderPath): \(failure.message)"))
            }
        }
        var files: [OutputFile] = []
        var diagnostics: [Diagnostic] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic) where !diagnostics.contains(where: { $0.message == diagnostic.message && diagnostic.message.hasPrefix("social cards need") }):
                diagnostics.append(diagnostic)
            case .failure: break
            }
        }
        return (files, diagnostics)
    }

    static func rsvgConvert(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> URL? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `rsvg-convert -w 1200 -h 630 -f png -o <cache file>` with the SVG on standard input.
    static func rasterise(svg: String, with converter: URL, to cached: URL) -> Result<Data, CardFailure> {
        let temporary = cached.deletingLastPathComponent().appendingPathComponent(".\(cached.lastPathComponent).\(UUID().uuidString)")
        let process = Process()
        process.executableURL = converter
        process.arguments = ["-w", "\(width)", "-h", "\(height)", "-f", "png", "-o", temporary.path]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(CardFailure(message: "cannot run \(converter.path): \(error.localizedDescription)"))
        }
        input.fileHandleForWriting.write(Data(svg.utf8))
        try? input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let png = FileManager.default.contents(atPath: temporary.path) else {
            try? FileManager.default.removeItem(at: temporary)
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(CardFailure(message: text.isEmpty ? "rsvg-convert failed (status \(process.terminationStatus))" : text))
        }
        // Published under its final name in one step, so a concurrent build never reads half a file.
        _ = rename(temporary.path, cached.path)
        return .success(png)
    }
}
