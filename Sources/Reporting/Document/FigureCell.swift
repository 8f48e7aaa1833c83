// A figure cell: a `ReportFigure`, its caption and the size the report should draw it at.

/// A numbered figure.
public struct FigureCell: Sendable {
    /// The figure to draw.
    public var figure: any ReportFigure
    /// Caption in the inline Markdown subset, shown after "Figure n.".
    public var caption: String
    /// Preferred width in points; the PDF renderer shrinks the figure (keeping its aspect ratio)
    /// when it does not fit the text block.
    public var width: Double
    /// Preferred height in points.
    public var height: Double

    /// Creates a figure cell; the default size suits a single-column A4 page.
    public init(_ figure: any ReportFigure, caption: String, width: Double = 432, height: Double = 270) {
        self.figure = figure
        self.caption = caption
        self.width = width
        self.height = height
    }
}
