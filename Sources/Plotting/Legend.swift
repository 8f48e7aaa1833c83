// Legend entries and placement: size the box, then pick the plot-area corner that covers no data.

/// What a legend entry shows before its label.
public enum LegendSwatch: Sendable, Equatable {
    /// A short line and/or marker in the series' appearance.
    case series(Appearance, SeriesKind)
    /// A filled square in the band's colour.
    case band(Color)
    /// A filled square with an edge, as the bars of a `Bars` mark are drawn.
    case bar(fill: Color, edge: Color)
}

/// One legend row.
public struct LegendEntry: Sendable, Equatable {
    /// Plain text.
    public var label: String
    public var swatch: LegendSwatch
}

/// A corner of a panel's plot area.
public enum Corner: Sendable, Equatable, CaseIterable {
    case topRight
    case topLeft
    case bottomRight
    case bottomLeft
}

/// A placed legend row: the swatch's box and the label's box.
public struct LegendRowLayout: Sendable, Equatable {
    public var entry: LegendEntry
    public var swatchRect: Rect
    public var label: TextBox
}

/// A placed legend.
public struct LegendLayout: Sendable, Equatable {
    /// Where the legend box sits.
    public enum Position: Sendable, Equatable {
        case inside(panel: Int, corner: Corner)
        case outsideRight
    }

    public var rect: Rect
    public var position: Position
    public var rows: [LegendRowLayout]
}

/// Sizes legend boxes and places them.
struct LegendBuilder {
    let theme: Theme
    let measurer: any TextMeasuring

    /// The entries of all panels, merged by label (first occurrence wins).
    static func merged(_ panels: [Panel]) -> [LegendEntry] {
        var seen: Set<String> = []
        var result: [LegendEntry] = []
        for entry in panels.flatMap(\.legendEntries) where seen.insert(entry.label).inserted {
            result.append(entry)
        }
        return result
    }

    /// The size of the box holding `entries`.
    func size(of entries: [LegendEntry]) -> Size {
        let labels = entries.map { measurer.size(ofMarkup: Markup.escaped($0.label), font: theme.legendFont) }
        let rowHeight = max(labels.map(\.height).max() ?? 0, theme.legendSwatchHeight)
        let width = 2 * theme.legendPadding + theme.legendSwatchWidth + theme.legendSwatchGap
            + (labels.map(\.width).max() ?? 0)
        let height = 2 * theme.legendPadding + Double(entries.count) * rowHeight
            + Double(max(entries.count - 1, 0)) * theme.legendRowGap
        return Size(width: width, height: height)
    }

    /// Rows laid out inside a box whose top-left corner is `origin`.
    func layout(_ entries: [LegendEntry], origin: Point, position: LegendLayout.Position) -> LegendLayout {
        let boxSize = size(of: entries)
        let labels = entries.map { measurer.size(ofMarkup: Markup.escaped($0.label), font: theme.legendFont) }
        let rowHeight = max(labels.map(\.height).max() ?? 0, theme.legendSwatchHeight)
        var rows: [LegendRowLayout] = []
        var top = origin.y + theme.legendPadding
        for (entry, labelSize) in zip(entries, labels) {
            let swatch = Rect(x: origin.x + theme.legendPadding, y: top + (rowHeight - theme.legendSwatchHeight) / 2,
                              width: theme.legendSwatchWidth, height: theme.legendSwatchHeight)
            let labelRect = Rect(x: swatch.maxX + theme.legendSwatchGap, y: top + (rowHeight - labelSize.height) / 2,
                                 width: labelSize.width, height: labelSize.height)
            rows.append(LegendRowLayout(entry: entry, swatchRect: swatch,
                                        label: TextBox(markup: Markup.escaped(entry.label), font: theme.legendFont,
                                                       rect: labelRect)))
            top += rowHeight + theme.legendRowGap
        }
        return LegendLayout(rect: Rect(x: origin.x, y: origin.y, width: boxSize.width, height: boxSize.height),
                            position: position, rows: rows)
    }

    /// The legend box in each corner of `plotRect`, inset by the theme's margin, in preference order.
    func cornerRects(for size: Size, in plotRect: Rect) -> [(Corner, Rect)] {
        let inset = theme.legendInset
        return Corner.allCases.map { corner in
            let x: Double, y: Double
            switch corner {
            case .topRight: (x, y) = (plotRect.maxX - inset - size.width, plotRect.minY + inset)
            case .topLeft: (x, y) = (plotRect.minX + inset, plotRect.minY + inset)
            case .bottomRight: (x, y) = (plotRect.maxX - inset - size.width, plotRect.maxY - inset - size.height)
            case .bottomLeft: (x, y) = (plotRect.minX + inset, plotRect.maxY - inset - size.height)
            }
            return (corner, Rect(x: x, y: y, width: size.width, height: size.height))
        }
    }

    /// The corner whose legend box (grown by a clearance) overlaps the fewest data features, if one overlaps none.
    func emptyCorner(for size: Size, in plotRect: Rect, footprint: DataFootprint) -> (Corner, Rect)? {
        guard size.width + 2 * theme.legendInset <= plotRect.width,
              size.height + 2 * theme.legendInset <= plotRect.height else { return nil }
        let scored = cornerRects(for: size, in: plotRect).map { corner, rect in
            (corner, rect, footprint.overlapCount(with: rect.insetBy(-theme.legendClearance)))
        }
        guard let best = scored.min(by: { $0.2 < $1.2 }), best.2 == 0 else { return nil }
        return (best.0, best.1)
    }
}
