// Escaping of user text for Pango markup and for SVG (XML), so any string (quotes, ampersands, angle brackets) shows verbatim.

/// Markup helpers: Pango markup, and XML text and attributes (the same five entities).
enum Markup {
    /// `text` with the five markup-significant characters replaced by entities.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
