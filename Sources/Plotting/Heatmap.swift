// A heatmap: a grid of coloured cells (viridis) with a colour bar.

/// Cells centred at (x[column], y[row]) coloured by `values[row][column]`; NaN cells stay blank.
/// Cell edges lie halfway between neighbouring centres (halfway in decades on a log axis).
public struct Heatmap: Sendable, Equatable {
    /// Cell centres along x, increasing.
    public var x: [Double]
    /// Cell centres along y, increasing.
    public var y: [Double]
    /// One row per y centre, one value per x centre in each row.
    public var values: [[Double]]
    /// The colour bar's label (plain text); nil for none.
    public var label: String?
    /// The colour bar's unit, shown in parentheses.
    public var unit: String?
    /// The values mapped to the two ends of the colour map; nil for the finite data range.
    public var valueDomain: ClosedRange<Double>?
    /// Whether each cell prints its value.
    public var showsValues: Bool

    public init(x: [Double], y: [Double], values: [[Double]], label: String? = nil, unit: String? = nil,
                valueDomain: ClosedRange<Double>? = nil, showsValues: Bool = false) {
        self.x = x
        self.y = y
        self.values = values
        self.label = label
        self.unit = unit
        self.valueDomain = valueDomain
        self.showsValues = showsValues
    }

    /// The range of the colour map: `valueDomain`, or the finite values' range (opened up if all are equal).
    var resolvedValueDomain: ClosedRange<Double> {
        if let valueDomain, valueDomain.upperBound > valueDomain.lowerBound { return valueDomain }
        let finite = values.joined().filter { $0.isFinite }
        guard let lowest = finite.min(), let highest = finite.max() else { return 0...1 }
        if highest > lowest { return lowest...highest }
        return Scale.linear.paddedDomain(lower: lowest, upper: highest)
    }

    /// Cell edges along one axis: halfway between centres in the scale's linear space, extended at both ends.
    static func edges(of centres: [Double], scale: Scale) -> [Double] {
        let transformed = centres.map(scale.transform)
        guard transformed.count > 1 else {
            let centre = transformed.first ?? 0
            return [scale.inverse(centre - 0.5), scale.inverse(centre + 0.5)]
        }
        var edges = [transformed[0] - (transformed[1] - transformed[0]) / 2]
        for index in 1..<transformed.count {
            edges.append((transformed[index - 1] + transformed[index]) / 2)
        }
        let last = transformed.count - 1
        edges.append(transformed[last] + (transformed[last] - transformed[last - 1]) / 2)
        return edges.map(scale.inverse)
    }
}
