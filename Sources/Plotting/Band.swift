// A shaded band between a lower and an upper curve: confidence intervals, spread over seeds.

/// The region between (x[i], lower[i]) and (x[i], upper[i]), filled translucently.
public struct Band: Sendable, Equatable {
    /// The legend label; nil keeps the band out of the legend.
    public var name: String?
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    /// The palette colour; nil uses the colour of the series declared just before the band in its panel
    /// (the first palette colour when there is none).
    public var paletteIndex: Int?
    /// A colour instead of the palette's.
    public var color: Color?
    /// Fill opacity, 0...1.
    public var opacity: Double

    public init(_ name: String? = nil, x: [Double], lower: [Double], upper: [Double], paletteIndex: Int? = nil,
                color: Color? = nil, opacity: Double = 0.22) {
        self.name = name
        self.x = x
        self.lower = lower
        self.upper = upper
        self.paletteIndex = paletteIndex
        self.color = color
        self.opacity = opacity
    }
}
