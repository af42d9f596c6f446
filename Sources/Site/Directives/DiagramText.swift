import Foundation
import Markdown

/// Text inside the build-time SVG diagrams: SVG does not wrap text, so lines are broken here, for the narrowest
/// width the diagram is drawn at (a 390 px phone), from an estimate of each character's width.
enum DiagramText {
    /// The narrowest width, in CSS pixels, a drawing has to fit (a 390 px screen less the page's margins).
    static let narrowestWidth = 340.0

    /// The two drawings of a diagram: one for phones, with lines broken for `narrowestWidth`, and one for wider screens
    /// (from 48rem, where the drawing is at least `wideWidth` px wide), whose lines are longer. The stylesheet shows
    /// one of them (`display: none` hides the other from screen readers too).
    enum Variant: CaseIterable {
        case narrow, wide

        /// The width lines are broken for.
        var width: Double { self == .narrow ? DiagramText.narrowestWidth : DiagramText.wideWidth }
        /// The class the stylesheet shows or hides: `drawing-narrow`, `drawing-wide`.
        var className: String { self == .narrow ? "drawing-narrow" : "drawing-wide" }
        /// Suffix of the drawing's ids, which must differ between the two.
        var idSuffix: String { self == .narrow ? "n" : "w" }
    }

    /// The narrowest width of the wide drawing (48rem less the page's margins).
    static let wideWidth = 640.0

    /// Rough advance of a character in the site's sans-serif font, as a share of the font size (wide for capitals,
    /// narrow for i, l, punctuation); errs wide, so a line never overflows its box.
    static func width(of text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", "(", ")", " ", "f", "t", "r": ems += 0.34
            case "m", "w", "M", "W", "@", "%": ems += 0.9
            case _ where character.isUppercase || character.isNumber: ems += 0.68
            default: ems += 0.56
            }
        }
        return ems * fontSize * (bold ? 1.07 : 1)
    }

    /// `text` broken at spaces into lines no wider than `width` pixels; a word longer than a line stands alone.
    static func lines(_ text: String, width: Double, fontSize: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if current.isEmpty || Self.width(of: candidate, fontSize: fontSize, bold: bold) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `<text>` with one `<tspan>` per line, the first baseline at `y`; `x` is an SVG length (`12`, `50%`).
    static func svg(_ lines: [String], x: String, y: Double, lineHeight: Double, className: String, anchor: String? = nil) -> String {
        let e = HTMLText.escape
        var out = "<text class=\"\(className)\" x=\"\(x)\" y=\"\(format(y))\"\(anchor.map { " text-anchor=\"\($0)\"" } ?? "") fill=\"currentColor\">"
        for (index, line) in lines.enumerated() {
            out += index == 0 ? "<tspan x=\"\(x)\">\(e(line))</tspan>" : "<tspan x=\"\(x)\" dy=\"\(format(lineHeight))\">\(e(line))</tspan>"
        }
        return out + "</text>"
    }

    /// A coordinate with at most one decimal: `12`, `40.5`.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    /// A percentage coordinate: `33.3%`.
    static func percent(_ value: Double) -> String { format(value) + "%" }
}
