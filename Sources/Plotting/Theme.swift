// Fonts, lengths and gaps shared by layout and drawing (all in points).

/// The visual constants of every figure.
struct Theme: Sendable {
    var titleFont = Font(size: 12, isBold: true)
    var panelTitleFont = Font(size: 10, isBold: true)
    var axisLabelFont = Font(size: 9.5)
    var tickFont = Font(size: 8.5)
    var legendFont = Font(size: 8.5)
    var annotationFont = Font(size: 8.5)
    var cellFont = Font(size: 7)

    var outerPadding = 6.0
    var titleGap = 6.0
    var panelTitleGap = 4.0
    var majorTickLength = 4.0
    var minorTickLength = 2.2
    var tickLabelGap = 2.5
    var axisLabelGap = 4.0
    var columnGap = 14.0
    var rowGap = 10.0
    /// Room kept free at the right of each plot area for the last x tick label.
    var minimumRightMargin = 6.0
    /// Smallest gap between neighbouring x tick labels before ticks are thinned.
    var tickLabelSpacing = 6.0
    /// Points of plot length per automatic tick on x and on y.
    var pointsPerXTick = 55.0
    var pointsPerYTick = 32.0

    var legendPadding = 5.0
    var legendSwatchWidth = 24.0
    var legendSwatchHeight = 9.0
    var legendSwatchGap = 5.0
    var legendRowGap = 2.0
    var legendInset = 6.0
    /// Clearance around an inside legend that must be free of data.
    var legendClearance = 3.0
    var legendGap = 10.0

    /// Behind annotations and reference-line labels.
    var noteBackground = Color.white.withAlpha(0.8)

    var colorBarGap = 10.0
    var colorBarWidth = 11.0

    var markerRadius = 3.0
    var axisLineWidth = 0.8
    var gridLineWidth = 0.5
    var errorBarCapWidth = 5.0
    /// The outline of a bar, in its palette colour.
    var barEdgeWidth = 0.8
    /// Whiskers on bars are drawn in ink, a little heavier and wider than series error bars.
    var barWhiskerWidth = 1.1
    var barWhiskerCapWidth = 7.0

    static let standard = Theme()
}
