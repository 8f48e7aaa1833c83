// The fit, refit and prediction shared by every law of the form y = c₀ + Σ c_k x^(p_k) (the power
// law with offset, the data-equivalence law, both CMR laws): each law states only its series, its
// parameter names and what its points must satisfy.

/// A one-variable law on `CurvePoint`s fitted as a `PowerTermSeries`; conforming gives the whole of
/// `FittableLaw`.
protocol PowerTermLaw: FittableLaw where Point == CurvePoint {
    /// The series with the law's term count, exponent-start grid and solver settings.
    var series: PowerTermSeries { get }
    /// How the reported parameters read off the series' natural coordinates, in report order.
    var seriesParameters: [SeriesParameter] { get }
    /// The fewest points a fit accepts.
    var minimumPointCount: Int { get }
    /// The names of x and y in error messages.
    var quantityNames: (x: String, y: String) { get }
    /// Whether every y must be positive (relative weighting divides by it).
    var requiresPositiveValues: Bool { get }
    /// Least-squares weight per point; nil = uniform.
    func weights(for points: [CurvePoint]) -> [Double]?
}

extension PowerTermLaw {
    var requiresPositiveValues: Bool { false }

    func weights(for points: [CurvePoint]) -> [Double]? { nil }

    public func fit(_ points: [CurvePoint]) throws -> LawEstimate {
        try validate(points)
        return try series.fit(x: points.map(\.x), y: points.map(\.y), weights: weights(for: points))
            .estimate(law: name, parameters: seriesParameters, pointsUsed: points.count)
    }

    public func refit(_ points: [CurvePoint], from solverParameters: [Double]) throws -> LawEstimate {
        try validate(points)
        return try series.refit(x: points.map(\.x), y: points.map(\.y), weights: weights(for: points),
                                from: solverParameters)
            .estimate(law: name, parameters: seriesParameters, pointsUsed: points.count)
    }

    public func predict(_ estimate: LawEstimate, at point: CurvePoint) -> Double {
        PowerTermSeries.value(estimate.solverParameters, at: point.x)
    }

    public func observedValue(of point: CurvePoint) -> Double { point.y }

    private func validate(_ points: [CurvePoint]) throws {
        try validateCurvePoints(points, law: name, minimum: minimumPointCount, xName: quantityNames.x,
                                yName: quantityNames.y, positiveY: requiresPositiveValues)
    }
}
