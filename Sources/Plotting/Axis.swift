// One axis of a panel: its scale, label with unit, and optional explicit domain or ticks.

/// A labelled tick chosen by the caller, for example a category name under a heatmap column.
public struct AxisTick: Sendable, Equatable {
    public var value: Double
    /// Plain text (not markup).
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// The x or y axis of a panel.
public struct Axis: Sendable, Equatable {
    /// What the axis measures, in plain text, for example "Non-embedding parameters".
    public var label: String
    /// The unit shown in parentheses after the label, for example "bits/byte"; nil for none.
    public var unit: String?
    public var scale: Scale
    /// The exact range to show; nil pads the data range automatically (5 % linear, multiplicative on log).
    public var domain: ClosedRange<Double>?
    /// Ticks to use instead of the automatic ones (for categories); nil for automatic ticks.
    public var ticks: [AxisTick]?

    public init(_ label: String = "", unit: String? = nil, scale: Scale = .linear,
                domain: ClosedRange<Double>? = nil, ticks: [AxisTick]? = nil) {
        self.label = label
        self.unit = unit
        self.scale = scale
        self.domain = domain
        self.ticks = ticks
    }

    /// Ticks 0, 1, 2, … labelled with `names`, for categorical axes such as heatmap rows.
    public static func categories(_ names: [String], label: String = "") -> Axis {
        Axis(label, ticks: names.enumerated().map { AxisTick(value: Double($0.offset), label: $0.element) })
    }

    /// The label and unit as Pango markup, or nil when both are empty.
    var titleMarkup: String? {
        let label = Markup.escaped(self.label)
        switch (label.isEmpty, unit.map(Markup.escaped)) {
        case (true, nil): return nil
        case (true, let unit?): return unit.isEmpty ? nil : "(\(unit))"
        case (false, nil): return label
        case (false, let unit?): return unit.isEmpty ? label : "\(label) (\(unit))"
        }
    }
}
