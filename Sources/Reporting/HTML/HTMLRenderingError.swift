// Errors of the HTML renderer that are not report validation errors.

/// A report figure that could not be turned into inline SVG.
public enum HTMLRenderingError: Error, CustomStringConvertible {
    /// The figure's `svg(width:height:)` output contains no `<svg` element.
    case figureIsNotSVG(figureNumber: Int, caption: String)

    public var description: String {
        switch self {
        case .figureIsNotSVG(let number, let caption):
            "figure \(number) (\"\(caption)\") returned text without an <svg> element; "
                + "its svg(width:height:) must return an SVG document"
        }
    }
}
