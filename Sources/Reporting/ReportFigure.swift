// The one thing Reporting needs from a chart: draw itself as inline SVG (HTML) and into a Cairo
// context (PDF, and the figure's own PDF and PNG files), and name itself. Plotting's `Figure`
// conforms; Reporting never imports chart internals.

/// A figure a report can embed, drawn at the size the report chooses.
///
/// Sizes are in points (1/72 inch). The report decides the size (it may shrink a figure to fit the
/// page) and the figure lays itself out for that size.
public protocol ReportFigure: Sendable {
    /// The figure's own title in plain text, if it has one; it names the figure's files in the archive.
    var title: String? { get }

    /// The figure as one standalone SVG document (an optional XML declaration followed by `<svg …>`)
    /// whose intrinsic size is `width` × `height` points. It should keep its text as SVG text and start
    /// the root element with a `<title>`, as Plotting's figures do.
    func svg(width: Double, height: Double) throws -> String

    /// Draws the figure into the Cairo context `context` (a `cairo_t *`) inside the rectangle whose
    /// top-left corner is (`x`, `y`) and whose size is `width` × `height`, all in the context's user
    /// units (points on a PDF surface). The figure must leave the context's state as it found it
    /// (use `cairo_save`/`cairo_restore`).
    func draw(in context: OpaquePointer, x: Double, y: Double, width: Double, height: Double) throws
}

extension ReportFigure {
    /// No title: the figure's files are named after its caption.
    public var title: String? { nil }
}
