// The base name of a report figure's own files (figures/NAME.svg, .pdf and .png beside the report):
// the figure's number and a slug of its title, stable across renders and safe on every file system.

import Foundation

/// Names a numbered figure's files.
enum FigureFileName {
    /// The longest slug kept after the number, in characters.
    static let maximumSlugLength = 48

    /// "fig-01-loss-against-tokens": "fig-", the figure number with at least two digits, then a slug of
    /// the figure's title, or of its caption when it has no title. Unique within a report, because
    /// figure numbers are.
    static func name(number: Int, cell: FigureCell) -> String {
        let title = cell.figure.title.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            ?? MarkdownParser.parseInline(cell.caption).map(\.plainText).joined()
        let numbered = String(format: "fig-%02d", number)
        let slug = slug(title)
        return slug.isEmpty ? numbered : numbered + "-" + slug
    }

    /// The lowercase ASCII letters and digits of `text` with accents dropped ("é" is "e"), every run of
    /// other characters written as one hyphen, cut after a whole word at most `maximumSlugLength`
    /// characters long (a first word longer than that is truncated). Empty when nothing is left, as for
    /// text in Greek or Chinese.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var slug = ""
        for word in words {
            let longer = slug.isEmpty ? word : slug + "-" + word
            guard longer.count <= maximumSlugLength else {
                if slug.isEmpty { slug = String(word.prefix(maximumSlugLength)) }
                break
            }
            slug = longer
        }
        return slug
    }
}
