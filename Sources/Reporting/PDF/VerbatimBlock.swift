// Verbatim text in the PDF (the resolved spec): monospaced on a light panel, breakable between lines.

import Foundation
@preconcurrency import CCairo

/// A breakable block of monospaced lines on a tinted background.
final class VerbatimBlock: PDFBlock {
    let metrics: BlockMetrics
    private let layout: TextLayout
    private let width: Double

    private static let padding = 8.0

    /// Lays out `text` verbatim (tabs as four spaces), wrapping over-long lines at any character.
    init(_ text: String, width: Double, spaceBefore: Double, context: OpaquePointer) throws(PDFRenderingError) {
        self.width = width
        let verbatim = text.replacingOccurrences(of: "\t", with: "    ")
        layout = try TextLayout(markup: PangoMarkup.escape(verbatim),
                                style: TextStyle(font: "DejaVu Sans Mono 7.3", lineSpacing: 1.1),
                                width: width - 2 * Self.padding, context: context)
        var rows = layout.lines.map(\.height)
        rows[0] += Self.padding
        rows[rows.count - 1] += Self.padding
        metrics = BlockMetrics(spaceBefore: spaceBefore, headerHeight: 0, rowHeights: rows,
                               keepWithNext: false, minimumRowsTogether: 2)
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let context = page.context
        let height = metrics.rowHeights[placement.rows].reduce(0, +)
        cairo_save(context)
        cairo_rectangle(context, page.left, y, width, height)
        cairo_set_source_rgb(context, 0.961, 0.961, 0.969)
        cairo_fill(context)
        cairo_restore(context)
        let top = y + (placement.rows.lowerBound == 0 ? Self.padding : 0)
        layout.draw(rows: placement.rows, x: page.left + Self.padding, y: top, context: context)
    }
}
