// The errors a figure can raise while it is laid out or rendered, each with a message that says what to fix.

/// Why a figure could not be laid out or rendered.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    /// A series, band or error bar set has no finite points to draw.
    case emptySeries(name: String)
    /// Paired arrays of one mark differ in length (for example `x` and `y`).
    case mismatchedLengths(mark: String, expected: Int, actual: Int)
    /// A value that must be drawn on a log axis is zero or negative.
    case nonPositiveValueOnLogAxis(axis: String, mark: String, value: Double)
    /// An explicit axis domain is empty, reversed, not finite, or not positive on a log axis.
    case invalidDomain(axis: String, lower: Double, upper: Double)
    /// A panel has nothing to draw and no explicit domains to show an empty frame.
    case panelHasNoData(panel: Int)
    /// The figure has no panels.
    case noPanels
    /// The grid cannot hold the panels (`columns` must be at least 1).
    case invalidGrid(columns: Int)
    /// A bar mark's explicit baseline is not finite.
    case invalidBaseline(mark: String, value: Double)
    /// A heatmap's value matrix does not match its cell centres.
    case heatmapShape(rows: Int, columns: Int, expectedRows: Int, expectedColumns: Int)
    /// A panel holds more than one heatmap; each panel has one colour bar.
    case multipleHeatmaps(panel: Int)
    /// The requested output size is not positive and finite.
    case invalidSize(width: Double, height: Double)
    /// The requested size is too small to fit the text and axes of the figure.
    case figureTooSmall(width: Double, height: Double)
    /// Cairo reported an error while drawing or writing.
    case cairo(status: String)
    /// Writing an output file failed.
    case fileWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .emptySeries(let name):
            return "The mark '\(name)' has no finite points; give it at least one (x, y) pair with finite values, or leave it out."
        case .mismatchedLengths(let mark, let expected, let actual):
            return "The mark '\(mark)' has arrays of different lengths (\(expected) and \(actual)); pass one value per x."
        case .nonPositiveValueOnLogAxis(let axis, let mark, let value):
            return "The mark '\(mark)' has the value \(value) on the logarithmic \(axis) axis; log axes need values above zero: drop those points or use a linear scale."
        case .invalidDomain(let axis, let lower, let upper):
            return "The \(axis) axis domain \(lower)...\(upper) is unusable; give finite bounds with lower < upper (both above zero on a log axis)."
        case .panelHasNoData(let panel):
            return "Panel \(panel + 1) has no marks; add a series or give both axes an explicit domain."
        case .noPanels:
            return "The figure has no panels; add at least one panel."
        case .invalidGrid(let columns):
            return "The figure asks for \(columns) columns; use at least 1."
        case .invalidBaseline(let mark, let value):
            return "The bars '\(mark)' have the baseline \(value); give a finite baseline, or nil for 0 (or the y domain's end nearest 0)."
        case .heatmapShape(let rows, let columns, let expectedRows, let expectedColumns):
            return "The heatmap has a \(rows)×\(columns) value matrix but \(expectedRows) y centres and \(expectedColumns) x centres; give one row per y and one value per x in each row."
        case .multipleHeatmaps(let panel):
            return "Panel \(panel + 1) has more than one heatmap; put each heatmap in its own panel."
        case .invalidSize(let width, let height):
            return "The size \(width)×\(height) pt is not usable; give a positive, finite width and height."
        case .figureTooSmall(let width, let height):
            return "The size \(width)×\(height) pt leaves no room for the plot area after titles, labels and legend; make the figure larger or use fewer panels per row."
        case .cairo(let status):
            return "Cairo failed while rendering the figure: \(status)."
        case .fileWrite(let path, let reason):
            return "Could not write the figure to \(path): \(reason)."
        }
    }
}
