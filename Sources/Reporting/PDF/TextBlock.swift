// A paragraph-like PDF block: prose, headings, captions and list items (with a hanging marker),
// breakable between lines, with clickable links.

import Foundation
@preconcurrency import CCairo

/// Wrapped text, optionally indented, with an optional marker (bullet or number) hanging to its left.
final class TextBlock: PDFBlock {
    let metrics: BlockMetrics
    private let layout: TextLayout
    private let marker: TextLayout?
    private let indent: Double
    private let breakable: Bool
    private let links: [TextLink]

    /// Lays out `markup` at `width − indent` points. `marker` is drawn right-aligned in the indent,
    /// on the first line's baseline. `links` (byte ranges of `markup`'s text) become link annotations.
    init(markup: String, style: TextStyle, width: Double, indent: Double = 0, marker: String? = nil,
         links: [TextLink] = [], spaceBefore: Double, keepWithNext: Bool = false, breakable: Bool = true,
         context: OpaquePointer) throws(PDFRenderingError) {
        self.links = links
        layout = try TextLayout(markup: markup, style: style, width: width - indent, context: context)
        self.indent = indent
        self.breakable = breakable
        if let marker {
            var markerStyle = style
            markerStyle.justify = false
            self.marker = try TextLayout(markup: PangoMarkup.escape(marker), style: markerStyle, width: nil,
                                         context: context)
        } else {
            self.marker = nil
        }
        let rows = layout.lines.map(\.height)
        metrics = breakable
            ? BlockMetrics(spaceBefore: spaceBefore, headerHeight: 0, rowHeights: rows,
                           keepWithNext: keepWithNext, minimumRowsTogether: 2)
            : .unbreakable(height: rows.reduce(0, +), spaceBefore: spaceBefore, keepWithNext: keepWithNext)
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let rows = breakable ? placement.rows : 0..<layout.lines.count
        layout.draw(rows: rows, x: page.left + indent, y: y, context: page.context)
        if let marker, rows.lowerBound == 0, let firstLine = layout.lines.first, let markerLine = marker.lines.first {
            let markerX = page.left + indent - 5 - marker.naturalWidth
            marker.draw(x: markerX, y: y + firstLine.baseline - markerLine.baseline, context: page.context)
        }
        for link in links {
            let target: String? = link.destination.hasPrefix("#")
                ? page.destinations[String(link.destination.dropFirst())]?.linkAttributes
                : "uri='" + Self.quoted(link.destination) + "'"
            let rectangles = layout.rectangles(coveringBytes: link.bytes, rows: rows, x: page.left + indent, y: y)
            guard let target, !rectangles.isEmpty else { continue }
            let area = rectangles.map { "\($0.x) \($0.y) \($0.width) \($0.height)" }.joined(separator: " ")
            cairo_tag_begin(page.context, CAIRO_TAG_LINK, "rect=[\(area)] " + target)
            cairo_tag_end(page.context, CAIRO_TAG_LINK)
        }
    }

    /// `text` safe inside a single-quoted Cairo tag attribute value.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
