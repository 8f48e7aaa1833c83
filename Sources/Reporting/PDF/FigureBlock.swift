// A figure in the PDF: a `ReportFigure` drawn as vectors, centred, shrunk to fit the text area.

@preconcurrency import CCairo

/// An unbreakable block that draws a figure through `ReportFigure.draw`.
final class FigureBlock: PDFBlock {
    let metrics: BlockMetrics
    private let figure: any ReportFigure
    private let width: Double
    private let height: Double

    /// Fits `cell`'s preferred size into `maximumWidth` × `maximumHeight` points, keeping its aspect ratio.
    init(_ cell: FigureCell, maximumWidth: Double, maximumHeight: Double, spaceBefore: Double) {
        let scale = min(1, maximumWidth / cell.width, maximumHeight / cell.height)
        figure = cell.figure
        width = cell.width * scale
        height = cell.height * scale
        metrics = .unbreakable(height: height, spaceBefore: spaceBefore, keepWithNext: true)
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let x = page.left + (page.width - width) / 2
        cairo_save(page.context)
        defer { cairo_restore(page.context) }
        try figure.draw(in: page.context, x: x, y: y, width: width, height: height)
    }
}
