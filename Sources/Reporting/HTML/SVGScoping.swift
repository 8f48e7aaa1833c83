// Prepares a figure's standalone SVG for inlining in an HTML page: drops the XML prologue and
// prefixes every element id (and its references) so several figures never share glyph or clip ids.

/// Makes standalone SVG documents safe to inline side by side.
enum SVGScoping {
    /// The `<svg>` element of `document` with each `id="x"` renamed to `prefix + x`, along with the
    /// references `href="#x"`, `xlink:href="#x"`, `url(#x)` and `aria-labelledby="x"` (the figure's
    /// `<title>`). Returns nil if there is no `<svg`.
    ///
    /// Cairo's SVG surface names glyphs `glyph0-1`, clips `clip1` and so on in every file, so two
    /// inlined figures would otherwise draw each other's glyphs.
    static func inlineable(_ document: String, prefix: String) -> String? {
        guard let start = document.range(of: "<svg") else { return nil }
        let svg = document[start.lowerBound...]
        var identifiers = Set<Substring>()
        for match in svg.matches(of: #/\bid="([^"]+)"/#) {
            identifiers.insert(match.output.1)
        }
        guard !identifiers.isEmpty else { return String(svg) }
        return String(svg.replacing(#/(\bid="|href="#|url\(#|aria-labelledby=")([^")]+)/#) { match in
            identifiers.contains(match.output.2)
                ? match.output.1 + prefix + match.output.2
                : match.output.0
        })
    }
}
