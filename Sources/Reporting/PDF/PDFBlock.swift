// The contract between the PDF typesetter, the paginator and the page painter: a block reports its
// vertical metrics once (measured with Pango) and later draws any run of its rows where it was placed.

/// The page a block is drawn on.
struct PageDrawing {
    /// The `cairo_t` of the PDF surface.
    let context: OpaquePointer
    /// Left edge of the text area, in points from the page's left edge.
    let left: Double
    /// Width of the text area, in points.
    let width: Double
    /// 1-based page number of every anchor (headings, figures, tables) with its y position, for
    /// internal links.
    let destinations: [String: PDFDestination]
}

/// A position in the PDF that links and bookmarks can point at.
struct PDFDestination: Equatable {
    /// 1-based page number.
    let page: Int
    /// Left of the target, in points from the page's left edge.
    let x: Double
    /// Top of the target, in points from the page's top edge.
    let y: Double

    /// The target in Cairo's link-attribute syntax.
    var linkAttributes: String {
        "page=\(page) pos=[\(Int(x.rounded())) \(Int(y.rounded()))]"
    }
}

/// A measured, drawable piece of the PDF body.
protocol PDFBlock: AnyObject {
    /// Vertical metrics used by the paginator.
    var metrics: BlockMetrics { get }
    /// Draws `placement.rows` with their top (or the repeated header's top) at `y` points from the
    /// page's top edge.
    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws
}
