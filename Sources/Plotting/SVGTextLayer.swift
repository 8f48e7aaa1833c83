// The text of an SVG figure as real SVG text: a `<title>` for the whole figure and every label of the
// layout as an invisible `<text>` over the glyph outlines Cairo draws, so the text can be searched,
// selected and copied while the figure looks exactly as drawn.

import Foundation

/// Builds the accessible parts of a figure's SVG and splices them into Cairo's document.
enum SVGTextLayer {
    /// One label to overlay: its plain text, font, and where its baseline starts, in points.
    struct Label: Equatable {
        var text: String
        var font: Font
        /// The start of the baseline (the left end, or the bottom end for vertical text).
        var origin: Point
        /// The drawn length along the baseline, which the overlay is stretched to match.
        var length: Double
        var isVertical: Bool
    }

    /// The label of `box`, whose first line's baseline lies `baseline` points below the top of its layout.
    static func label(for box: TextBox, baseline: Double) -> Label {
        let text = plainText(fromMarkup: box.markup)
        if box.isVertical {
            return Label(text: text, font: box.font, origin: Point(x: box.rect.minX + baseline, y: box.rect.maxY),
                         length: box.rect.height, isVertical: true)
        }
        return Label(text: text, font: box.font, origin: Point(x: box.rect.minX, y: box.rect.minY + baseline),
                     length: box.rect.width, isVertical: false)
    }

    /// A group of `<text>` elements, one per label, with a transparent fill: invisible, but found by a
    /// browser's search and selectable. Each is stretched (`textLength`) to the width Pango drew, so a
    /// selection covers the drawn glyphs even when the viewer substitutes another font.
    static func group(_ labels: [Label]) -> String {
        var svg = "<g class=\"figure-text\" fill=\"#000\" fill-opacity=\"0\" stroke=\"none\">\n"
        for label in labels where !label.text.isEmpty {
            let x = number(label.origin.x), y = number(label.origin.y)
            svg += "<text x=\"\(x)\" y=\"\(y)\""
            if label.isVertical { svg += " transform=\"rotate(-90 \(x) \(y))\"" }
            svg += " font-family=\"\(Markup.escaped(label.font.family))\" font-size=\"\(number(label.font.size))\""
            if label.font.isBold { svg += " font-weight=\"bold\"" }
            if label.length > 0 {
                svg += " textLength=\"\(number(label.length))\" lengthAdjust=\"spacingAndGlyphs\""
            }
            svg += ">\(Markup.escaped(label.text))</text>\n"
        }
        return svg + "</g>\n"
    }

    /// `svg` (a document with one root `<svg …>` element) with `role="img"` and `aria-labelledby` on the root,
    /// `<title id="identifier">title</title>` as the root's first child and `textGroup` as its last child.
    /// Returns `svg` unchanged if it has no root element.
    static func annotated(_ svg: String, title: String, identifier: String, textGroup: String) -> String {
        guard let start = svg.range(of: "<svg"),
              let end = svg[start.upperBound...].firstIndex(of: ">"),
              let close = svg.range(of: "</svg>", options: .backwards) else { return svg }
        let selfClosing = svg[svg.index(before: end)] == "/"
        guard !selfClosing else { return svg }
        let attributes = " role=\"img\" aria-labelledby=\"\(Markup.escaped(identifier))\""
        let titleElement = "\n<title id=\"\(Markup.escaped(identifier))\">\(Markup.escaped(title))</title>"
        return String(svg[..<end]) + attributes + ">" + titleElement + String(svg[svg.index(after: end)..<close.lowerBound])
            + textGroup + String(svg[close.lowerBound...])
    }

    /// The text a reader sees in Pango `markup`: tags dropped, entities decoded, and the characters of raised
    /// spans (`rise` above 0, or `<sup>`) written as Unicode superscripts where one exists, so "10" with a
    /// raised "−3" reads "10⁻³".
    static func plainText(fromMarkup markup: String) -> String {
        var text = ""
        var raised: [Bool] = []
        var index = markup.startIndex
        while index < markup.endIndex {
            let character = markup[index]
            if character == "<", let tagEnd = markup[index...].firstIndex(of: ">") {
                let tag = markup[markup.index(after: index)..<tagEnd]
                if tag.hasPrefix("/") {
                    _ = raised.popLast()
                } else if !tag.hasSuffix("/") {
                    raised.append(isRaising(tag))
                }
                index = markup.index(after: tagEnd)
                continue
            }
            var decoded = String(character)
            if character == "&", let entityEnd = markup[index...].firstIndex(of: ";"),
               let entity = decodedEntity(markup[markup.index(after: index)..<entityEnd]) {
                decoded = entity
                index = entityEnd
            }
            text += raised.contains(true) ? String(decoded.map { superscripts[$0] ?? $0 }) : decoded
            index = markup.index(after: index)
        }
        return text
    }

    /// Whether a Pango start tag (`span rise="3000" …` or `sup`) raises its text above the baseline.
    private static func isRaising(_ tag: Substring) -> Bool {
        if tag == "sup" { return true }
        guard let match = tag.firstMatch(of: #/\brise="(-?[0-9.]+)/#), let rise = Double(match.output.1) else {
            return false
        }
        return rise > 0
    }

    /// The character a named or numeric entity (the text between `&` and `;`) stands for.
    private static func decodedEntity(_ entity: Substring) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "−": "⁻", "-": "⁻", "+": "⁺", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ",
    ]

    /// A coordinate with at most three decimals and no trailing zeros.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
