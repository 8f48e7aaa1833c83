// Bar charts over categories: one value per category, grouped side by side with the panel's other bar marks.

/// One bar per category, for "Table 1"-style comparisons such as the final loss of each training arm.
///
/// Bar i stands at category i, centred at x = i, so the categories line up with the ticks of
/// `Axis.categories(names)`. When a panel holds several `Bars` marks, each category is shared: the group
/// spans `Bars.groupWidth` (0.8) of the category spacing around x = i, and the k-th `Bars` mark in
/// declaration order takes the k-th of equal, touching slots from left to right. A single `Bars` mark
/// therefore draws bars 0.8 wide, two draw bars 0.4 wide at i − 0.2 and i + 0.2, and so on.
///
/// Non-finite values leave their bar out (a diverged arm shows as a gap); a mark needs at least one
/// finite value. The automatic x domain includes −0.5 … n − 0.5 for n values; the automatic y domain covers
/// the baseline, the values and the error bars, and does not pad past the baseline, so bars stand on the
/// axis.
public struct Bars: Sendable, Equatable {
    /// The fraction of the category spacing (1 in x units) that the bars of one category fill together.
    public static let groupWidth = 0.8

    /// The legend label; nil keeps the bars out of the legend.
    public var name: String?
    /// One value per category, in the y axis' unit (for example bits/byte).
    public var values: [Double]
    /// Whiskers: for each category, the absolute lower and upper y values (for example a 95 % interval);
    /// nil for none. Non-finite bounds leave that whisker out.
    public var errorBars: ErrorBars?
    /// The y value the bars grow from; nil for automatic: 0 when the panel's y domain contains 0, else
    /// the domain's end nearest 0. An explicit y domain of 1.0...1.3 bits/byte therefore gives bars from
    /// 1.0, which shows differences of a few hundredths that bars from 0 would hide; on a log y axis the
    /// automatic baseline is the domain's lower end. An explicit baseline is part of the automatic y
    /// domain; with an automatic y domain and no baseline, 0 is part of it.
    public var baseline: Double?
    /// The palette colour; nil takes the next palette position in the panel, shared with series.
    public var paletteIndex: Int?
    /// A colour instead of the palette's.
    public var color: Color?

    public init(_ name: String? = nil, values: [Double], errorBars: ErrorBars? = nil, baseline: Double? = nil,
                paletteIndex: Int? = nil, color: Color? = nil) {
        self.name = name
        self.values = values
        self.errorBars = errorBars
        self.baseline = baseline
        self.paletteIndex = paletteIndex
        self.color = color
    }

    /// The baseline to draw from when the panel's y axis shows `domain` on `scale`.
    func resolvedBaseline(domain: ClosedRange<Double>, scale: Scale) -> Double {
        if let baseline { return baseline }
        switch scale {
        case .linear: return min(max(0, domain.lowerBound), domain.upperBound)
        case .log10: return domain.lowerBound
        }
    }

    /// The x centre, in data units, of the bar in category `category` of the `slot`-th of `slotCount`
    /// `Bars` marks, e.g. to place an annotation over that bar.
    public static func center(category: Int, slot: Int, slotCount: Int) -> Double {
        let span = span(category: category, slot: slot, slotCount: slotCount)
        return (span.lower + span.upper) / 2
    }

    /// The x interval, in data units, of this mark's bar in category `category` when it takes `slot` of
    /// `slotCount` slots. Neighbouring slots share their edge value exactly.
    static func span(category: Int, slot: Int, slotCount: Int) -> (lower: Double, upper: Double) {
        let start = Double(category) - groupWidth / 2
        let width = groupWidth / Double(max(slotCount, 1))
        return (start + Double(slot) * width, start + Double(slot + 1) * width)
    }

    /// The fill of a bar whose palette colour is `color`: an opaque tint, so grid lines stay hidden and dark
    /// whiskers stay visible on dark palette colours; the edge uses `color` itself.
    static func fill(for color: Color) -> Color {
        let share = 0.7
        return Color(red: share * color.red + (1 - share),
                     green: share * color.green + (1 - share),
                     blue: share * color.blue + (1 - share),
                     alpha: color.alpha)
    }
}

/// One bar placed on the page.
public struct PlacedBar: Sendable, Equatable {
    /// The index of the bar's `Bars` mark in its panel's marks.
    public var markIndex: Int
    /// The category (0-based) the bar stands in.
    public var category: Int
    /// The bar from its baseline to its value, in points (zero height when the value equals the baseline).
    public var rect: Rect
    /// The whisker's extent in y, in points (top...bottom on the page), at `rect.center.x`; nil without one.
    public var whisker: ClosedRange<Double>?
}

extension Panel {
    /// Every finite bar of the panel placed with the x and y mappings, in mark order then category order.
    func placedBars(x: ScaleMapping, y: ScaleMapping) -> [PlacedBar] {
        let barMarks = marks.enumerated().compactMap { markIndex, mark -> (Int, Bars)? in
            if case .bars(let bars) = mark { return (markIndex, bars) } else { return nil }
        }
        var result: [PlacedBar] = []
        for (slot, (markIndex, bars)) in barMarks.enumerated() {
            let baseline = y.position(of: bars.resolvedBaseline(domain: y.domain, scale: y.scale))
            for (category, value) in bars.values.enumerated() where value.isFinite {
                let span = Bars.span(category: category, slot: slot, slotCount: barMarks.count)
                let left = x.position(of: span.lower), right = x.position(of: span.upper)
                let top = y.position(of: value)
                let rect = Rect(x: min(left, right), y: min(top, baseline), width: abs(right - left),
                                height: abs(baseline - top))
                var whisker: ClosedRange<Double>?
                if let errorBars = bars.errorBars, errorBars.lower[category].isFinite,
                   errorBars.upper[category].isFinite {
                    let lower = y.position(of: errorBars.lower[category])
                    let upper = y.position(of: errorBars.upper[category])
                    whisker = min(lower, upper)...max(lower, upper)
                }
                result.append(PlacedBar(markIndex: markIndex, category: category, rect: rect, whisker: whisker))
            }
        }
        return result
    }
}
