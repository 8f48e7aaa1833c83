// A horizontal or vertical reference line across a panel, such as the loss before a data switch.

/// Which axis a reference line marks a value on.
public enum ReferenceAxis: Sendable, Equatable {
    /// A horizontal line at a y value.
    case y
    /// A vertical line at an x value.
    case x
}

/// A straight line across the whole plot area at one value, with an optional label drawn along it.
public struct ReferenceLine: Sendable, Equatable {
    public var axis: ReferenceAxis
    public var value: Double
    /// Plain text drawn next to the line; nil for none.
    public var label: String?
    public var color: Color
    public var dash: DashPattern

    public init(axis: ReferenceAxis, value: Double, label: String? = nil, color: Color = Color(hex: 0x555555),
                dash: DashPattern = .dashed) {
        self.axis = axis
        self.value = value
        self.label = label
        self.color = color
        self.dash = dash
    }

    /// A horizontal line at `y`.
    public static func horizontal(_ y: Double, label: String? = nil) -> ReferenceLine {
        ReferenceLine(axis: .y, value: y, label: label)
    }

    /// A vertical line at `x`.
    public static func vertical(_ x: Double, label: String? = nil) -> ReferenceLine {
        ReferenceLine(axis: .x, value: x, label: label)
    }
}
