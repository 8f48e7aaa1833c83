// A data series: points drawn as a line, markers or both, with optional error bars.

import Foundation

/// Whether a series is drawn as a connected line, as markers, or both.
public enum SeriesKind: Sendable, Equatable {
    case line
    case markers
    case lineWithMarkers
}

/// Vertical error bars: for each point, the absolute lower and upper y values.
public struct ErrorBars: Sendable, Equatable {
    public var lower: [Double]
    public var upper: [Double]

    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }
}

/// Points (x[i], y[i]). Non-finite points are skipped and break the line, so diverged runs show as gaps.
public struct Series: Sendable, Equatable {
    /// The legend label; nil keeps the series out of the legend.
    public var name: String?
    public var x: [Double]
    public var y: [Double]
    public var kind: SeriesKind
    public var errorBars: ErrorBars?
    /// The palette position for colour, marker and dash; nil takes the next one in the panel.
    public var paletteIndex: Int?
    /// Overrides of the palette's choice.
    public var color: Color?
    public var dash: DashPattern?
    public var marker: MarkerShape?
    /// Line width in points; nil for the palette's width.
    public var lineWidth: Double?

    public init(_ name: String? = nil, x: [Double], y: [Double], kind: SeriesKind = .lineWithMarkers,
                errorBars: ErrorBars? = nil, paletteIndex: Int? = nil, color: Color? = nil,
                dash: DashPattern? = nil, marker: MarkerShape? = nil, lineWidth: Double? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.kind = kind
        self.errorBars = errorBars
        self.paletteIndex = paletteIndex
        self.color = color
        self.dash = dash
        self.marker = marker
        self.lineWidth = lineWidth
    }

    /// A line through `function` sampled at `count` points from `lower` to `upper`, evenly spaced on `scale`
    /// (use `.log10` for fitted power laws on a log x axis). Defaults to a dashed line without markers.
    public static func sampled(_ name: String? = nil, from lower: Double, to upper: Double, count: Int = 200,
                               scale: Scale = .linear, paletteIndex: Int? = nil, dash: DashPattern? = .dashed,
                               function: (Double) -> Double) -> Series {
        let low = scale.transform(lower), high = scale.transform(upper)
        let steps = max(count, 2) - 1
        let xs = (0...steps).map { scale.inverse(low + (high - low) * Double($0) / Double(steps)) }
        return Series(name, x: xs, y: xs.map(function), kind: .line, paletteIndex: paletteIndex, dash: dash)
    }

    /// The resolved look of the series when the palette gives it `appearance`.
    func appearance(from appearance: Appearance) -> Appearance {
        Appearance(color: color ?? appearance.color,
                   dash: dash ?? appearance.dash,
                   marker: marker ?? appearance.marker,
                   lineWidth: lineWidth ?? appearance.lineWidth)
    }
}
