// The result of layout: every rectangle, tick and text box of a figure, in points, before any drawing.

/// A tick at its position along the axis, with its label box if it has one.
public struct PlacedTick: Sendable, Equatable {
    public var tick: Tick
    /// Position in points along the axis (x for the x axis, y for the y axis and colour bars).
    public var position: Double
    public var label: TextBox?
}

/// A heatmap's colour bar: the gradient's rectangle, its ticks and its label.
public struct ColorBarLayout: Sendable, Equatable {
    public var rect: Rect
    /// The values at the bottom and top of the bar.
    public var domain: ClosedRange<Double>
    public var ticks: [PlacedTick]
    public var label: TextBox?
}

/// One panel laid out: plot area, axis mappings, ticks and text.
public struct PanelLayout: Sendable, Equatable {
    /// The area inside the axes where marks are drawn (and clipped).
    public var plotRect: Rect
    public var x: ScaleMapping
    public var y: ScaleMapping
    public var xTicks: [PlacedTick]
    public var yTicks: [PlacedTick]
    public var title: TextBox?
    public var xLabel: TextBox?
    public var yLabel: TextBox?
    public var colorBar: ColorBarLayout?
    /// Text inside the plot area (annotations and reference-line labels), keyed by the index of their mark.
    public var notes: [Int: TextBox]
    /// Every finite bar of the panel's `Bars` marks, in mark order then category order.
    public var bars: [PlacedBar]
    /// The appearance of every series, bar mark and band, keyed by mark index.
    var appearances: [Int: Appearance]

    /// The data point (x, y) in points on the page.
    func point(x value: Double, y other: Double) -> Point {
        Point(x: x.position(of: value), y: y.position(of: other))
    }
}

/// A figure laid out on a page of `size` points.
public struct FigureLayout: Sendable, Equatable {
    public var size: Size
    public var title: TextBox?
    public var panels: [PanelLayout]
    public var legend: LegendLayout?

    /// Every text box except the notes inside plot areas: titles, axis and tick labels, colour bars, legend rows.
    public var textBoxes: [TextBox] {
        var boxes: [TextBox] = title.map { [$0] } ?? []
        for panel in panels {
            boxes += [panel.title, panel.xLabel, panel.yLabel].compactMap { $0 }
            boxes += (panel.xTicks + panel.yTicks).compactMap(\.label)
            if let colorBar = panel.colorBar {
                boxes += colorBar.ticks.compactMap(\.label) + [colorBar.label].compactMap { $0 }
            }
        }
        boxes += legend?.rows.map(\.label) ?? []
        return boxes
    }

    /// Every text box: `textBoxes`, then each panel's notes in mark order.
    public var allTextBoxes: [TextBox] {
        textBoxes + panels.flatMap { panel in panel.notes.keys.sorted().compactMap { panel.notes[$0] } }
    }
}
