// A figure: a title and a grid of panels (small multiples), optionally sharing axes, with one legend policy.

/// Where the legend goes.
public enum LegendPlacement: Sendable, Equatable {
    /// One-panel figures: inside the plot-area corner that overlaps no data, else outside to the right.
    /// Figures with several panels: one merged legend outside to the right.
    case automatic
    /// One merged legend outside the panels, to the right.
    case outsideRight
    /// No legend.
    case hidden
}

/// A complete chart value. Build it, then render with `svg`, `png`, `pdf` or `draw(in:…)`.
///
/// ```swift
/// var panel = Panel(x: Axis("Parameters", scale: .log10), y: Axis("Loss", unit: "bits/byte", scale: .log10))
/// panel.add(Series("runs", x: sizes, y: losses, kind: .markers))
/// let svg = try Figure(title: "Loss vs N", panels: [panel]).svg(width: 420, height: 300)
/// ```
public struct Figure: Sendable, Equatable {
    /// Plain-text title above all panels; nil for none.
    public var title: String?
    /// Panels, filled into the grid row by row.
    public var panels: [Panel]
    /// Panels per row.
    public var columns: Int
    /// Whether all panels use one x domain; then only the lowest panel of each column labels x.
    public var sharesX: Bool
    /// Whether all panels use one y domain; then only the first column labels y.
    public var sharesY: Bool
    public var legend: LegendPlacement

    public init(title: String? = nil, panels: [Panel], columns: Int = 1, sharesX: Bool = false,
                sharesY: Bool = false, legend: LegendPlacement = .automatic) {
        self.title = title
        self.panels = panels
        self.columns = columns
        self.sharesX = sharesX
        self.sharesY = sharesY
        self.legend = legend
    }

    /// A one-panel figure.
    public init(title: String? = nil, panel: Panel, legend: LegendPlacement = .automatic) {
        self.init(title: title, panels: [panel], legend: legend)
    }

    /// The figure laid out on a `width` × `height` point page, measuring text with `measurer`. Pure geometry:
    /// nothing is drawn, so tests can check ticks, margins and the legend without a surface.
    public func layout(width: Double, height: Double, measurer: any TextMeasuring) throws -> FigureLayout {
        try FigureLayoutEngine(figure: self, size: Size(width: width, height: height), measurer: measurer).layout()
    }
}
