// Page size and margins of PDF reports, in points.

/// A page size with margins; the text area is what remains inside the margins.
public struct PageGeometry: Sendable, Equatable {
    /// Page width in points.
    public var width: Double
    /// Page height in points.
    public var height: Double
    /// Left and right margin in points.
    public var sideMargin: Double
    /// Top margin in points.
    public var topMargin: Double
    /// Bottom margin in points; the page number sits inside it.
    public var bottomMargin: Double

    /// Creates a page geometry.
    public init(width: Double, height: Double, sideMargin: Double, topMargin: Double, bottomMargin: Double) {
        self.width = width
        self.height = height
        self.sideMargin = sideMargin
        self.topMargin = topMargin
        self.bottomMargin = bottomMargin
    }

    /// ISO A4 (210 × 297 mm) with 25 mm side margins.
    public static let a4 = PageGeometry(width: 595.276, height: 841.89, sideMargin: 70.9,
                                        topMargin: 62, bottomMargin: 70)

    /// Width of the text area.
    public var textWidth: Double { width - 2 * sideMargin }
    /// Height of the text area.
    public var textHeight: Double { height - topMargin - bottomMargin }
}
