// The categorical palette: Okabe–Ito colours paired with a marker and a dash pattern per series index.

/// The look of one series: colour, dash pattern, marker and line width.
public struct Appearance: Sendable, Equatable {
    public var color: Color
    public var dash: DashPattern
    public var marker: MarkerShape
    /// Line width in points.
    public var lineWidth: Double

    public init(color: Color, dash: DashPattern = .solid, marker: MarkerShape = .circle, lineWidth: Double = 1.6) {
        self.color = color
        self.dash = dash
        self.marker = marker
        self.lineWidth = lineWidth
    }
}

/// Okabe & Ito's colour-blind-safe categorical colours, with markers and dashes so series differ without colour.
public enum Palette {
    /// The eight Okabe–Ito colours, ordered for contrast on white: blue, vermillion, bluish green, orange,
    /// reddish purple, sky blue, black, yellow.
    public static let colors: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xE69F00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0x000000), Color(hex: 0xF0E442),
    ]

    /// One marker per colour, so the pairing repeats only after eight series.
    public static let markers: [MarkerShape] = [
        .circle, .square, .triangleUp, .diamond, .triangleDown, .plus, .cross, .openCircle,
    ]

    /// Dash patterns by series index; six patterns against eight colours, so pairs repeat only after 24 series.
    public static let dashes: [DashPattern] = [
        .solid, .dashed, .dotted, .dashDot, .longDash, .dashDotDot,
    ]

    /// The appearance of the series at `index` (0-based); indices wrap around.
    public static func appearance(at index: Int) -> Appearance {
        let position = max(index, 0)
        return Appearance(color: colors[position % colors.count],
                          dash: dashes[position % dashes.count],
                          marker: markers[position % markers.count])
    }
}
