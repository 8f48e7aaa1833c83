// A paragraph-like PDF block: prose, headings, captions and list items (with a hanging marker),
// breakable between lines.

/// Wrapped text, optionally indented, with an optional marker (bullet or number) hanging to its left.
final class TextBlock: PDFBlock {
    let metrics: BlockMetrics
    private let layout: TextLayout
    private let marker: TextLayout?
    private let indent: Double
    private let breakable: Bool

    /// Lays out `markup` at `width − indent` points. `marker` is drawn right-aligned in the indent,
    /// on the first line's baseline.
    init(markup: String, style: TextStyle, width: Double, indent: Double = 0, marker: String? = nil,
         spaceBefore: Double, keepWithNext: Bool = false, breakable: Bool = true,
         context: OpaquePointer) throws(PDFRenderingError) {
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
    }
}
