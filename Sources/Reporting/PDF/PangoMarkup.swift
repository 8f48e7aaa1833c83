// Turns parsed inline Markdown into Pango markup for the PDF renderer, escaping all user text.

/// Pango markup for report text.
enum PangoMarkup {
    /// Colour of link text in the PDF.
    static let linkColour = "#1f4e79"

    /// `text` escaped for Pango's XML-based markup. Control characters that XML cannot carry
    /// (everything below U+0020 except tab and newline) become U+FFFD so no input can break parsing.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n": escaped.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Markup for inline spans: bold, italic, monospaced code, coloured underlined links, and math
    /// kept as plain text.
    static func markup(_ spans: [InlineSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): escape(text)
            case .bold(let inner): "<b>" + markup(inner) + "</b>"
            case .italic(let inner): "<i>" + markup(inner) + "</i>"
            case .code(let text): "<span font_family=\"DejaVu Sans Mono\" size=\"88%\">" + escape(text) + "</span>"
            case .math(let text): "<i>" + escape(text) + "</i>"
            case .link(let inner, _):
                "<span foreground=\"\(linkColour)\" underline=\"single\">" + markup(inner) + "</span>"
            }
        }.joined()
    }
}
