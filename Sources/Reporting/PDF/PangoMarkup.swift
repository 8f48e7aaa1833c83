// Turns parsed inline Markdown into Pango markup for the PDF renderer, escaping all user text, and
// finds where links sit in the laid-out text so the PDF can make them clickable.

/// A link inside laid-out text.
struct TextLink: Equatable {
    /// UTF-8 byte range of the link's label in the layout's text (the markup without its tags).
    let bytes: Range<Int>
    /// The destination: an http(s) or mailto URI, or "#anchor" inside the document.
    let destination: String
}

/// Pango markup for report text.
enum PangoMarkup {
    /// Colour of link text in the PDF.
    static let linkColour = "#1f4e79"

    /// `text` escaped for Pango's XML-based markup. Control characters that XML cannot carry
    /// (everything below U+0020 except tab and newline) become U+FFFD so no input can break parsing.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in displayText(text).unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `text` as Pango will hold it after parsing `escape(text)`: control characters replaced.
    static func displayText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isReplacedControl) else { return text }
        var display = ""
        for scalar in text.unicodeScalars {
            if isReplacedControl(scalar) { display += "\u{FFFD}" } else { display.unicodeScalars.append(scalar) }
        }
        return display
    }

    /// The links of `spans` with their byte ranges in the text of `markup(spans)`.
    static func links(_ spans: [InlineSpan]) -> [TextLink] {
        var offset = 0
        var links: [TextLink] = []
        func walk(_ spans: [InlineSpan]) {
            for span in spans {
                switch span {
                case .text(let text), .code(let text): offset += displayText(text).utf8.count
                case .math(let source): offset += FormulaMarkup(source).text.utf8.count
                case .bold(let inner), .italic(let inner): walk(inner)
                case .link(let inner, let destination):
                    let start = offset
                    walk(inner)
                    links.append(TextLink(bytes: start..<offset, destination: destination))
                }
            }
        }
        walk(spans)
        return links
    }

    private static func isReplacedControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0x7F
    }

    /// Markup for inline spans: bold, italic, monospaced code, coloured underlined links, and
    /// formulas with sub- and superscripts (`FormulaMarkup`).
    static func markup(_ spans: [InlineSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): escape(text)
            case .bold(let inner): "<b>" + markup(inner) + "</b>"
            case .italic(let inner): "<i>" + markup(inner) + "</i>"
            case .code(let text): "<span font_family=\"DejaVu Sans Mono\" size=\"88%\">" + escape(text) + "</span>"
            case .math(let source): FormulaMarkup(source).markup
            case .link(let inner, _):
                "<span foreground=\"\(linkColour)\" underline=\"single\">" + markup(inner) + "</span>"
            }
        }.joined()
    }
}
