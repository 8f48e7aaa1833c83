// A horizontal rule across the text area (under the title block).

@preconcurrency import CCairo

/// A full-width horizontal line with space above and below.
final class RuleBlock: PDFBlock {
    let metrics: BlockMetrics
    private let lineWidth: Double

    /// A rule `lineWidth` points thick in a block `height` points tall.
    init(lineWidth: Double, height: Double, spaceBefore: Double) {
        self.lineWidth = lineWidth
        metrics = .unbreakable(height: height, spaceBefore: spaceBefore)
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let context = page.context
        cairo_save(context)
        cairo_set_source_rgb(context, 0.15, 0.15, 0.17)
        cairo_set_line_width(context, lineWidth)
        cairo_move_to(context, page.left, y + metrics.rowHeights[0] / 2)
        cairo_line_to(context, page.left + page.width, y + metrics.rowHeights[0] / 2)
        cairo_stroke(context)
        cairo_restore(context)
    }
}
