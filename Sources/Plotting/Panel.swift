// One plot of a figure: two axes and the marks drawn against them.

/// A single plot area with its x and y axes, an optional title, and its marks.
public struct Panel: Sendable, Equatable {
    /// Plain-text title drawn above the plot area; nil for none.
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]

    public init(title: String? = nil, x: Axis, y: Axis, marks: [Mark] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.marks = marks
    }

    public mutating func add(_ series: Series) { marks.append(.series(series)) }
    public mutating func add(_ bars: Bars) { marks.append(.bars(bars)) }
    public mutating func add(_ band: Band) { marks.append(.band(band)) }
    public mutating func add(_ line: ReferenceLine) { marks.append(.referenceLine(line)) }
    public mutating func add(_ annotation: Annotation) { marks.append(.annotation(annotation)) }
    public mutating func add(_ heatmap: Heatmap) { marks.append(.heatmap(heatmap)) }

    /// The appearance of every series, bar mark and band, keyed by mark index. Series and bars without a
    /// palette index take consecutive palette positions; bands without one follow the series declared
    /// before them.
    var appearances: [Int: Appearance] {
        var result: [Int: Appearance] = [:]
        var nextAutomatic = 0
        var lastSeriesIndex: Int?
        for (markIndex, mark) in marks.enumerated() {
            switch mark {
            case .series(let series):
                let paletteIndex = series.paletteIndex ?? nextAutomatic
                if series.paletteIndex == nil { nextAutomatic += 1 }
                lastSeriesIndex = paletteIndex
                result[markIndex] = series.appearance(from: Palette.appearance(at: paletteIndex))
            case .bars(let bars):
                let paletteIndex = bars.paletteIndex ?? nextAutomatic
                if bars.paletteIndex == nil { nextAutomatic += 1 }
                var appearance = Palette.appearance(at: paletteIndex)
                appearance.color = bars.color ?? appearance.color
                result[markIndex] = appearance
            case .band(let band):
                let paletteIndex = band.paletteIndex ?? lastSeriesIndex ?? 0
                var appearance = Palette.appearance(at: paletteIndex)
                appearance.color = (band.color ?? appearance.color)
                result[markIndex] = appearance
            case .referenceLine, .annotation, .heatmap:
                continue
            }
        }
        return result
    }

    /// Legend entries in declaration order: every named series, bar mark and band.
    var legendEntries: [LegendEntry] {
        let appearances = self.appearances
        return marks.enumerated().compactMap { markIndex, mark in
            switch mark {
            case .series(let series):
                guard let name = series.name, let appearance = appearances[markIndex] else { return nil }
                return LegendEntry(label: name, swatch: .series(appearance, series.kind))
            case .bars(let bars):
                guard let name = bars.name, let appearance = appearances[markIndex] else { return nil }
                return LegendEntry(label: name, swatch: .bar(fill: Bars.fill(for: appearance.color),
                                                             edge: appearance.color))
            case .band(let band):
                guard let name = band.name, let appearance = appearances[markIndex] else { return nil }
                return LegendEntry(label: name, swatch: .band(appearance.color.withAlpha(band.opacity)))
            case .referenceLine, .annotation, .heatmap:
                return nil
            }
        }
    }
}
